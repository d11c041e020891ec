"""The portfolio-strategy rubric: steering several products toward one business."""

from __future__ import annotations

from pmcoach import Criterion, Rubric

RUBRIC = Rubric(
    kind="portfolio-strategy",
    title="Product portfolio strategy",
    criteria=(
        Criterion(
            id="business-vision",
            title="Business-level vision",
            description="Opens with where the business is going and how the products serve it.",
        ),
        Criterion(
            id="cross-product-objectives",
            title="Objectives across products",
            description=(
                "Sets objectives that span several products and says how each product "
                "contributes to them."
            ),
        ),
        Criterion(
            id="market-coverage",
            title="Markets, share and adjacent needs",
            description=(
                "Knows the market and share of each product and the needs nobody serves in "
                "adjacent markets."
            ),
        ),
        Criterion(
            id="investment-allocation",
            title="Where to invest and pull back",
            description=(
                "Says where money and people go and where they come from, with the reasoning "
                "(expected return, risk)."
            ),
        ),
        Criterion(
            id="portfolio-kpis",
            title="Business-level KPIs",
            description="Tracks business-level KPIs and names which products lead and which lag.",
        ),
        Criterion(
            id="audience",
            title="Communication per audience",
            description=(
                "Says what product managers and executives each need to hear, including the "
                "why behind the choices."
            ),
        ),
    ),
)
