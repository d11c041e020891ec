"""The manager-update rubric: a challenge, how I'm handling it, and an ask."""

from __future__ import annotations

from pmcoach import Criterion, Rubric

RUBRIC = Rubric(
    kind="manager-update",
    title="Manager update",
    criteria=(
        Criterion(id="challenge", title="One specific challenge",
                  description="Names one concrete challenge the author ran into."),
        Criterion(id="approach", title="How the author is handling it",
                  description="Says what the author decided or is doing about it: a decision, "
                              "not a list of problems handed upward."),
        Criterion(id="ask", title="An explicit ask",
                  description="Invites input with an open question or asks for something "
                              "specific."),
        Criterion(id="context", title="Context to weigh in",
                  description="Gives the manager the stakes, the impact and the timeline."),
        Criterion(id="brevity", title="Short and skimmable",
                  description="A few short paragraphs; roughly under 250 words."),
    ),
)
