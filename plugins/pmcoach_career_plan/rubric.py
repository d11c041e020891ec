"""The career-plan rubric: a career as a portfolio of "spikes"."""

from __future__ import annotations

from pmcoach import Criterion, Rubric

RUBRIC = Rubric(
    kind="career-plan",
    title="Career plan (portfolio of spikes)",
    criteria=(
        Criterion(
            id="spikes-named",
            title="Needs each role serves",
            description=(
                "Every role, past, current and next, is tied to the one or two needs it is "
                "meant to serve: social impact, management experience, industry expertise, "
                "compensation or speed of advancement."
            ),
        ),
        Criterion(
            id="tenure",
            title="Stays of 18 to 36 months",
            description=(
                "Reports or plans stays of roughly 18 to 36 months per role and explains any "
                "stay that was shorter or longer."
            ),
        ),
        Criterion(
            id="long-term-goal",
            title="Long-term goal",
            description="States where the career is heading and connects the roles to that goal.",
        ),
        Criterion(
            id="life-phase",
            title="Life phase",
            description=(
                "Recognises that priorities change with the phases of life (early career, "
                "family, caregiving, relocation, late career) and plans for it."
            ),
        ),
        Criterion(
            id="next-move",
            title="Next move",
            description="Names the next switch and which gap in the portfolio it fills.",
        ),
    ),
)
