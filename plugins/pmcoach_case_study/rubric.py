"""The case-study rubric: eight criteria whose ids are part of pmcoach's interface."""

from __future__ import annotations

from pmcoach import Criterion, Rubric

RUBRIC = Rubric(
    kind="case-study",
    title="Portfolio case study",
    criteria=(
        Criterion(
            id="context",
            title="Context up front",
            description=(
                "Opens by placing the reader: which company and product, who the users were, "
                "how big or how early the business was, what limited the work, and the "
                "author's own title."
            ),
        ),
        Criterion(
            id="problem-discovery",
            title="Problem discovery",
            description=(
                "Explains how the problem came to light and how it was confirmed as real "
                "and worth solving: interviews, research, product data, support tickets, "
                "customer evidence."
            ),
        ),
        Criterion(
            id="solution-discovery",
            title="Solution discovery",
            description=(
                "Shows the options that were on the table, the prototypes, experiments or "
                "iterations used to choose, and the reasoning that made one option win."
            ),
        ),
        Criterion(
            id="personal-role",
            title="Personal role",
            description=(
                "Separates what the author personally decided and did from what the team "
                "did, without vague ('helped with', 'was involved in') or inflated claims "
                "and without hiding everything behind 'we'."
            ),
        ),
        Criterion(
            id="team-leadership",
            title="Team and stakeholder leadership",
            description=(
                "Shows how the author worked with and led engineers, designers and other "
                "stakeholders: getting alignment, handling disagreement, persuading."
            ),
        ),
        Criterion(
            id="quantified-impact",
            title="Quantified impact",
            description=(
                "States outcomes as numbers a reader can weigh: a baseline to compare with, "
                "the period measured, and why the change can be credited to the work."
            ),
        ),
        Criterion(
            id="narrative-consistency",
            title="Narrative consistency",
            description=(
                "Tells one consistent story: team sizes, durations, dates and metric values "
                "agree wherever they are repeated."
            ),
        ),
        Criterion(
            id="reflection",
            title="Reflection",
            description=(
                "Says what the author learned and what they would do differently next time."
            ),
        ),
    ),
)
