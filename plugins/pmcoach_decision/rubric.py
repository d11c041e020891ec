"""The decision rubric: an "it depends" write-up that still lands on a choice."""

from __future__ import annotations

from pmcoach import Criterion, Rubric

RUBRIC = Rubric(
    kind="decision",
    title="\"It depends\" decision write-up",
    criteria=(
        Criterion(id="decision-stated", title="Decision stated",
                  description="Says plainly which decision or question is being decided."),
        Criterion(id="conditional-options", title="Conditions mapped to options",
                  description="Maps at least two different conditions to different options "
                              "(if X, A is best; if Y, B is best)."),
        Criterion(id="situation-assessment", title="Current situation assessed",
                  description="Says which of those conditions holds now, and backs it with "
                              "evidence."),
        Criterion(id="recommendation", title="Recommendation",
                  description="Ends with a clear choice that follows from the assessment, not "
                              "with \"it depends\"."),
        Criterion(id="stakeholder-views", title="Other views taken seriously",
                  description="Says when the people who disagree would be right and what they "
                              "might know that the author does not."),
        Criterion(id="tradeoffs", title="Costs and risks",
                  description="Names what the chosen option costs and what could go wrong."),
        Criterion(id="revisit-trigger", title="Revisit trigger",
                  description="Says which evidence would change the decision, or when it will "
                              "be revisited."),
    ),
)
