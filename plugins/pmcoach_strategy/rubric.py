"""The product-strategy rubric: vision, strategic framework, roadmap."""

from __future__ import annotations

from pmcoach import Criterion, Rubric

RUBRIC = Rubric(
    kind="strategy",
    title="Product strategy",
    criteria=(
        Criterion(id="vision", title="Vision",
                  description="Shows the customer's future with the product and how it beats "
                              "what they do today."),
        Criterion(id="target-market", title="Target market",
                  description="Names a specific market or customer segment."),
        Criterion(id="pain-points", title="Pain points",
                  description="States the problems that market has."),
        Criterion(id="strategic-bets", title="Strategic bets",
                  description="Names the bets or differentiators expected to win that market."),
        Criterion(id="alternatives", title="Alternatives considered",
                  description="Lays out other approaches and why this one is preferred."),
        Criterion(id="roadmap", title="Roadmap in themes",
                  description="Plans the next periods of work, grouped into themes."),
        Criterion(id="roadmap-rationale", title="Why each theme",
                  description="Answers \"why?\" for every roadmap theme, tied back to the bets."),
        Criterion(id="success-metrics", title="Success metrics",
                  description="Says how success will be measured."),
    ),
)
