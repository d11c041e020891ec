"""The portfolio-strategy critic: each criterion met and not met, products, detection, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import detected

from pmcoach import Document, Verdict
from pmcoach.cli import main
from pmcoach.rules import load_kind
from pmcoach.testing import check_grounded
from pmcoach_portfolio_strategy import FUNCTIONS, KIND_FILE
from pmcoach_portfolio_strategy.products import product_names

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "portfolio-strategy"
CRITIC = load_kind(KIND_FILE)
CRITIC.bind(FUNCTIONS)


def verdicts(text: str) -> dict[str, Verdict]:
    return {r.id: r.verdict for r in CRITIC.check(Document.from_text(text))}


def result(text: str, cid: str):  # noqa: ANN201 - a CriterionResult
    return next(r for r in CRITIC.check(Document.from_text(text)) if r.id == cid)


EMPTY = "Our products are Ledger, Payroll and Invoicing. Each team works on its roadmap."


# --- products ----------------------------------------------------------------------------

def test_product_names_from_table_enumeration_and_lead_ins() -> None:
    table = "| Product | Market |\n| --- | --- |\n| Ledger | SMB books |\n| Payroll | SMB pay |\n"
    assert product_names(Document.from_text(table)) == ["Ledger", "Payroll"]
    assert product_names(Document.from_text(EMPTY)) == ["Ledger", "Payroll", "Invoicing"]
    items = "## Products\n- **Atlas**: forecasting\n- **Beacon**: analytics\n"
    assert product_names(Document.from_text(items)) == ["Atlas", "Beacon"]
    assert product_names(Document.from_text("Our product is Ledger.")) == []


def test_product_names_skip_objectives_metrics_and_clauses() -> None:
    doc = ("## Goals for every product\n1. **Win back lapsed firms**\n2. **Lift gross margin by "
           "two points**\n\n| Product | Goal |\n| --- | --- |\n| Ledger | 1 |\n| Payroll | 2 |\n\n"
           "| KPI (company level) | Now |\n| --- | --- |\n| Blended margin | 61% |\n\n"
           "- **Payroll gets two more engineers.** It renews best.\n- Ages 5–9 are next.\n")
    assert product_names(Document.from_text(doc)) == ["Ledger", "Payroll"]
    listed = "We sell three products: Ledger (books), Payroll (pay) and the paper forms we had."
    assert product_names(Document.from_text(listed)) == ["Ledger", "Payroll"]


def test_share_in_a_list_item_led_by_the_product() -> None:
    doc = ("Our products are Ledger and Payroll.\n\n- **Ledger**. We hold roughly 8% of small-firm "
           "bookkeeping.\n- Payroll. About 2% of regional payroll, number five.\n\n"
           "Nobody serves firms hiring abroad yet; that is an adjacent market.")
    assert verdicts(doc)["market-coverage"] is Verdict.MET


# --- each criterion met and not met ------------------------------------------------------

def test_business_vision() -> None:
    met = ("Our company vision: by 2029 every small firm runs its back office on us. Each of "
           "our products serves a step of that.\n\nLedger does books. Payroll does pay.")
    assert verdicts(met)["business-vision"] is Verdict.MET
    late = ("Ledger does books. Payroll does pay. Invoicing bills. Expenses tracks spend. "
            "Budgets are set. Teams hire. Sales sells.\n\nOur vision is to be the best company "
            "for small firms.")
    assert verdicts(late)["business-vision"] is Verdict.PARTIAL
    assert verdicts(EMPTY)["business-vision"] is Verdict.MISSING


def test_cross_product_objectives() -> None:
    met = ("Objectives across the portfolio: raise net revenue retention to 115%.\n\n"
           "- **Ledger** drives objective 1 through upgrades.\n"
           "- **Payroll** contributes to objective 1 as the second product.\n")
    assert verdicts(met)["cross-product-objectives"] is Verdict.MET
    unlinked = ("Objectives across the portfolio: raise retention to 115%.\n\n"
                "Our products are Ledger, Payroll and Invoicing.")
    res = result(unlinked, "cross-product-objectives")
    assert res.verdict is Verdict.PARTIAL
    # One finding per criterion (the rule engine's model), naming every unlinked product.
    [finding] = res.findings
    assert finding.message.startswith("Ledger, Payroll and Invoicing are not linked")
    assert verdicts(EMPTY)["cross-product-objectives"] is Verdict.MISSING


def test_market_coverage() -> None:
    met = ("Our products are Ledger and Payroll. Ledger holds about 9% share of SMB accounting. "
           "Payroll has a 3% share of US payroll. Firms hiring abroad are an adjacent market "
           "with unmet needs.")
    assert verdicts(met)["market-coverage"] is Verdict.MET
    no_adjacent = "Our products are Ledger and Payroll. Ledger has 9% market share; Payroll 3%."
    assert verdicts(no_adjacent)["market-coverage"] is Verdict.PARTIAL
    assert verdicts(EMPTY)["market-coverage"] is Verdict.MISSING


def test_investment_allocation() -> None:
    met = ("We invest in Payroll with eight more engineers because its return is the best in "
           "the portfolio. We pull back from Expenses and put it in maintenance mode, since its "
           "margins are negative and the risk is high.")
    assert verdicts(met)["investment-allocation"] is Verdict.MET
    one_sided = "We will invest more in Payroll."
    assert verdicts(one_sided)["investment-allocation"] is Verdict.PARTIAL
    assert verdicts(EMPTY)["investment-allocation"] is Verdict.MISSING


def test_portfolio_kpis() -> None:
    met = ("Our products are Ledger and Payroll. At the portfolio level we track revenue and "
           "gross margin. Ledger leads on revenue; Payroll lags on margin.")
    assert verdicts(met)["portfolio-kpis"] is Verdict.MET
    no_ranking = "At the portfolio level we track revenue and gross margin each month."
    assert verdicts(no_ranking)["portfolio-kpis"] is Verdict.PARTIAL
    assert verdicts(EMPTY)["portfolio-kpis"] is Verdict.MISSING


def test_audience() -> None:
    met = ("Each product manager gets a brief on why their budget moved. Executives get a "
           "quarterly review with the rationale behind funding choices.")
    assert verdicts(met)["audience"] is Verdict.MET
    one = "I will present the plan to the executives at the offsite."
    assert verdicts(one)["audience"] is Verdict.PARTIAL
    assert verdicts(EMPTY)["audience"] is Verdict.MISSING


# --- grounding and examples --------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.md")), ids=lambda p: p.name)
def test_every_quote_is_in_the_document_at_its_lines(path: Path) -> None:
    results = check_grounded(CRITIC, path.read_text(), str(path))
    assert any(r.evidence or r.findings for r in results)


def test_examples_score_as_labelled() -> None:
    def score(name: str) -> float:
        results = CRITIC.check(Document.from_text((EXAMPLES / name).read_text()))
        return sum(r.verdict.points for r in results) / len(results)
    assert score("strong.md") >= 0.9
    assert score("email.md") >= 0.8
    assert score("weak.md") <= 0.3


# --- detection ---------------------------------------------------------------------------

FORMS = {
    "headings": (EXAMPLES / "strong.md").read_text(),
    "email": (EXAMPLES / "email.md").read_text(),
    "no-headings": ("Our three products, Atlas, Beacon and Compass, must work as one business. "
                    "Atlas has 20% of the forecasting market, Beacon 4% of analytics. We move four "
                    "engineers from Beacon to Atlas. The portfolio KPI is total ARR; Atlas leads."),
    "front-matter": ("---\ntitle: FY27 plan\nowner: Priya\n---\n- Vision: one back office for "
                     "small firms, served by all our products\n- Invest: Payroll (+6 engineers)\n"
                     "- Pull back: Expenses to maintenance mode\n- KPIs across the suite: NRR, "
                     "margin; Ledger leads, Payroll lags\n- Execs hear the why; each PM gets a "
                     "brief\n"),
    "weak": (EXAMPLES / "weak.md").read_text(),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_detects_portfolio_strategies_in_many_forms(form: str) -> None:
    assert detected(FORMS[form]) == "portfolio-strategy"


NOT_PORTFOLIO = {
    "career-plan-with-portfolio": (
        "# My career portfolio\n\nI treat my career as a portfolio of roles, each a spike.\n"
        "- Fintech (2018–2020): compensation\n- Big tech (2020–2023): promoted to senior\n"
        "- Now: climate startup, impact\n\nNext I'd like to add a management role to my "
        "portfolio, and my long-term goal is VP of product."),
    "single-product-strategy": (
        "# Payroll strategy 2027\n## Vision\nSmall firms run payroll in five minutes.\n"
        "## Target market\nUS firms with 5-50 staff.\n## Bets\nWe invest in tax automation and "
        "grow market share in our segment.\n## Roadmap\n- Q1 onboarding\n- Q2 taxes\n"
        "## Metrics\nActivation, revenue and margin for the product.\n"),
    "decision": ("Should we sunset the legacy reporting product? It depends. If most revenue "
                 "comes from legacy customers, keep investing; if they migrate, sunset it. We are "
                 "in the second case, so I recommend sunsetting by Q3."),
    "case-study-of-portfolio-work": (
        "# Rebalancing a four-product suite\n\nAt Contoso I was the director of product for four "
        "HR products. In 2023 revenue growth had stalled and two products were losing share. I "
        "ran a portfolio review and found the adjacent payroll market was underserved. I moved 12 "
        "engineers from Benefits to Payroll. Revenue growth rose from 3% to 11%. I learned that "
        "pulling back is harder to explain than investing."),
    "case-study": ("I led pricing for our analytics product at Acme in 2022. We A/B tested three "
                   "tiers; revenue rose 14% in a quarter. I learned to test early."),
}


@pytest.mark.parametrize("kind", [
    pytest.param(k, marks=pytest.mark.xfail(
        strict=True, reason="known misread of the fitted detector (docs/detection.md, Known "
                            "limits): a short story about portfolio work"))
    if k == "case-study-of-portfolio-work" else k for k in sorted(NOT_PORTFOLIO)])
def test_other_kinds_are_not_portfolio_strategies(kind: str) -> None:
    assert detected(NOT_PORTFOLIO[kind]) != "portfolio-strategy"


# --- end to end --------------------------------------------------------------------------

def test_cli_json_review() -> None:
    out = CliRunner().invoke(main, ["review", str(EXAMPLES / "weak.md"), "--format", "json",
                                    "--kind", "portfolio-strategy"])
    assert out.exit_code == 1, out.output  # the weak example has error-level findings
    [review] = json.loads(out.stdout)["results"]
    assert review["kind"] == "portfolio-strategy"
    assert [c["id"] for c in review["criteria"]] == [
        "business-vision", "cross-product-objectives", "market-coverage",
        "investment-allocation", "portfolio-kpis", "audience"]
    assert review["score"] < 30


def test_kpi_table_rows_rank_products() -> None:
    text = ("## Performance\n| App | MAU | Revenue | vs plan |\n| --- | --- | --- | --- |\n"
            "| Snap | 12M | $8M | ahead |\n| Vault | 1M | $0.5M | behind |\n")
    assert verdicts(text)["portfolio-kpis"] is Verdict.MET


def test_cutting_waiting_times_is_not_pulling_back() -> None:
    text = "Our products exist to cut waiting times in hospitals."
    assert verdicts(text)["investment-allocation"] is Verdict.MISSING
    moved = ("We move four engineers from Beacon to Atlas because Atlas returns more per dollar.")
    assert verdicts(moved)["investment-allocation"] is Verdict.MET


@pytest.mark.parametrize(("text", "names"), [
    ("Products: Bill (invoicing), Tax (tax filing), Vault (business account)",
     ["Bill", "Tax", "Vault"]),
    ("Our three products (Courses, Certify and Mentor) each serve a step.",
     ["Courses", "Certify", "Mentor"]),
    ("The Analytics, Alerts and Reports products exist to cut waiting times.",
     ["Analytics", "Alerts", "Reports"]),
    ("We run four apps: Snap, Notes, Vault and Pay.", ["Snap", "Notes", "Vault", "Pay"]),
    ("### Line\nAbout 11% of the scheduling market.\n### Gauge\nA 2% share, fifth.\n",
     ["Line", "Gauge"]),
    ("Our products: at least two for 45% of accounts, up from 28%.", []),
    # A numbered outline is not a product list; numbered product sections under it are.
    ("## 1. Background\nRevenue grew 9%.\n## 2. Group Targets\nReach $40M ARR.\n"
     "## 3. Plans by product\n### 3.1 Harbor\nThe marina market, 8% share.\n"
     "### 3.2 Dockside\nBoat clubs; retention 91%.\n## 4. Open points\nNone.\n",
     ["Harbor", "Dockside"]),
    # Investment postures and mail headers lead lines but are not products.
    ("From: the CPO\n\nOur products are Harbor, Dockside and Keel.\n\n- MAINTAIN: Harbor\n"
     "- SUNSET: Keel\n- Grow: Dockside\n", ["Harbor", "Dockside", "Keel"]),
])
def test_product_names_in_many_forms(text: str, names: list[str]) -> None:
    assert product_names(Document.from_text(text)) == names


def test_product_sections_count_for_leaders_and_laggards() -> None:
    text = ("At the portfolio level we track revenue and margin.\n\n"
            "### Line\nAbout 11% of the scheduling market; leads on retention.\n\n"
            "### Gauge\nA 2% share; lags on gross margin.\n")
    assert verdicts(text)["portfolio-kpis"] is Verdict.MET


def test_signed_money_and_squads_in_an_allocation_table() -> None:
    table = ("| Product | Change | Reasoning |\n|---|---|---|\n"
             "| Claims | +£1.1m, +2 squads | Claims drive renewal; pays back in 14 months. |\n"
             "| Broker Portal | −£0.9m, −1 squad | The broker business is shrinking. |\n")
    assert verdicts(table)["investment-allocation"] is Verdict.MET
    listing = ("| Product | Team |\n|---|---|\n| Claims | – 2 engineers |\n"
               "| Broker Portal | 1–2 engineers |\n")
    assert verdicts(listing)["investment-allocation"] is Verdict.MISSING


def test_shift_of_pounds_and_engineers_from_one_product_is_a_pull_back() -> None:
    text = ("We move £2.4m of budget from Ledger Classic to Payroll, because Payroll has the "
            "highest return per engineer.")
    assert verdicts(text)["investment-allocation"] is Verdict.MET
    assert verdicts("Payroll gets £2.4m of budget, because it has the highest return.")[
        "investment-allocation"] is not Verdict.MET


def test_brand_prefixed_products_are_known_by_their_short_names() -> None:
    text = ("## Our products\n- **Tablekit Reserve** — reservations\n- **Tablekit Pay** — "
            "payments\n\n## KPIs we track\n| KPI | 2024 | 2025 target |\n|---|---|---|\n"
            "| Total ARR | €14.2m | €19.9m |\n\n"
            "Reserve is ahead of plan on ARR; Pay is lagging on retention.\n")
    assert product_names(Document.from_text(text)) == ["Reserve", "Pay"]
    assert verdicts(text)["portfolio-kpis"] is Verdict.MET
    flat = text.replace("Reserve is ahead of plan on ARR; Pay is lagging on retention.",
                        "We report these monthly.")
    assert verdicts(flat)["portfolio-kpis"] is Verdict.PARTIAL


def test_kpis_ranked_across_products_are_business_level() -> None:
    table = ("| KPI | Target | Current | Leading | Lagging |\n|---|---|---|---|---|\n"
             "| Cost per policy | −15% | −6% | MyPolicy | Claims Online |\n"
             "| Renewal retention | 82% | 79% | MyPolicy | Broker Portal |\n")
    assert verdicts(table)["portfolio-kpis"] is Verdict.MET
    plain = ("| KPI | Target | Current |\n|---|---|---|\n| Cost per policy | −15% | −6% |\n"
             "| Renewal retention | 82% | 79% |\n")
    assert verdicts(plain)["portfolio-kpis"] is not Verdict.MET


def test_vision_naming_no_product_followed_by_the_product_list() -> None:
    text = ("## Vision\nTablekit powers independent restaurants' whole operation, from the first "
            "booking to the last payout.\n\n## Our products\n- **Tablekit Reserve** — "
            "reservations\n- **Tablekit Pay** — card payments\n")
    assert verdicts(text)["business-vision"] is Verdict.MET
    one = text.replace("Tablekit powers", "Tablekit Pay powers")
    assert verdicts(one)["business-vision"] is Verdict.PARTIAL


def test_vision_served_by_a_later_product_mapping() -> None:
    text = ("**The business goal.** Quillo's goal for the next three years is to become the "
            "place companies go to build skills. Compliance pays the bills today. Skills is "
            "where budgets grow. We hire carefully.\n\nHere's how each product maps:\n\n"
            "- **Comply**: efficiency.\n- **Pathways**: growth.\n")
    assert verdicts(text)["business-vision"] is Verdict.MET
    unmapped = text.replace("Here's how each product maps:", "Notes:")
    assert verdicts(unmapped)["business-vision"] is Verdict.PARTIAL


def test_opening_with_group_objectives_is_a_partial_vision() -> None:
    text = ("We run five digital products. This paper sets out how they perform against the "
            "group's three objectives for the year.\n")
    assert verdicts(text)["business-vision"] is Verdict.PARTIAL
    assert verdicts("We run five digital products.\n")["business-vision"] is Verdict.MISSING


def test_objectives_table_with_one_row_per_product() -> None:
    table = ("| Product | Objective A: cut cost by 15% | Objective B: digital share to 45% |\n"
             "|---|---|---|\n| Claims Online | Lower handling cost | — |\n"
             "| Broker Portal | Less rekeying | Primary channel |\n")
    assert verdicts(table)["cross-product-objectives"] is Verdict.MET
    plain = ("| Product | Market | Owner |\n|---|---|---|\n| Claims Online | Motor | Ana |\n"
             "| Broker Portal | Brokers | Raj |\n")
    assert verdicts(plain)["cross-product-objectives"] is not Verdict.MET


def test_business_objectives_not_linked_to_products_are_partial() -> None:
    text = ("Our products are Reserve, POS and Staff.\n\n## 2025 objectives\n"
            "1. Grow revenue 40%\n2. Launch in Spain\n")
    assert verdicts(text)["cross-product-objectives"] is Verdict.PARTIAL
    per_product = ("Our products are Reserve, POS and Staff.\n\n## 2025 objectives\n"
                   "1. Reserve: add waitlists\n2. POS: launch in Spain\n")
    assert verdicts(per_product)["cross-product-objectives"] is Verdict.MISSING


def test_rank_among_players_is_a_share() -> None:
    text = ("Our products are Ledger, Cloud and Payroll.\n\n- **Ledger**: ~9% share, shrinking.\n"
            "- **Cloud**: UK cloud accounting, the third player behind two incumbents.\n"
            "- **Payroll**: ~3% share.\n\nSmall employers are underserved by payroll tools.\n")
    assert verdicts(text)["market-coverage"] is Verdict.MET
    unranked = text.replace("the third player behind two incumbents", "growing fast").replace(
        "~3% share", "new")
    assert verdicts(unranked)["market-coverage"] is Verdict.PARTIAL


def test_a_markets_section_describes_markets() -> None:
    text = ("Our products are Reserve, POS and Staff.\n\n## Markets\nReserve competes with two "
            "booking platforms. POS is crowded. Staff is sold as an add-on.\n")
    assert verdicts(text)["market-coverage"] is Verdict.PARTIAL
    assert verdicts(text.replace("## Markets", "## Notes"))["market-coverage"] is Verdict.MISSING


def test_audience_needs_the_why_for_each_audience() -> None:
    both = ("FOR THE BOARD\n\nWe move two squads to Payroll because it returns most per "
            "engineer.\n\nFOR PRODUCT MANAGERS\n\nLedger shrinks because its market is "
            "shrinking, not because of how the team worked.")
    assert verdicts(both)["audience"] is Verdict.MET
    one = ("To the product managers: Ledger shrinks because its market is shrinking.\n\n"
           "The executive summary will follow in the spring deck.")
    assert verdicts(one)["audience"] is Verdict.PARTIAL
    rhythm = "We review these numbers every month at the leadership meeting."
    assert verdicts(rhythm)["audience"] is Verdict.MISSING


def test_plain_text_headings_in_capitals_head_the_lines_below_them() -> None:
    text = ("Products: Harbor, Dockside and Keel.\n\n"
            "TWO GOALS FOR THE YEAR\nBoth hold for all products.\n  (1) Lift renewals.\n"
            "  (2) Cut setup time.\n\n"
            "  - Harbor: drives (1).\n  - Dockside: supports (2).\n  - Keel: feeds (1).\n\n"
            "NOTES\nNothing else.\n")
    assert verdicts(text)["cross-product-objectives"] is Verdict.MET
    flat = text.replace("TWO GOALS FOR THE YEAR", "WHAT HAPPENED LAST YEAR")
    assert verdicts(flat)["cross-product-objectives"] is not Verdict.MET


def test_a_table_row_cut_at_an_initial_is_still_about_its_product() -> None:
    text = ("| Product | Owner | Share |\n|---|---|---|\n"
            "| Harbor | R. Osei | about 7% of marinas |\n| Dockside | L. Berg | 3% share |\n\n"
            "Boat clubs are an adjacent segment nobody serves.\n")
    assert verdicts(text)["market-coverage"] is Verdict.MET


def test_a_paper_written_for_the_board_gives_executives_the_why() -> None:
    text = ("# Board paper: where our engineers go next year\n\n"
            "We move six engineers from Keel to Harbor because Harbor grows fastest. "
            "The risk is that Keel churns. We expect Harbor to pay back within a year.\n")
    assert verdicts(text)["audience"] is Verdict.PARTIAL
    plain = text.replace("Board paper: where", "Where")
    assert verdicts(plain)["audience"] is Verdict.MISSING
