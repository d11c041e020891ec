"""A generated corpus of PM documents and README-like files, the same for one seed.

    python benchmarks/synthetic.py OUT_DIR [--files 1000] [--seed 12] [--readmes 0.25]

Each file is built from section outlines and sentence templates filled with invented
products, people, teams, figures and dates, so no two files share most of their
sentences (as in a real folder of documents; repeated text would flatter any cache).
About a quarter are README-like files (install steps, code, options) that a review of
PM writing should recognise and skip. Nothing is taken from the labelled documents.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

_SYLLABLES = ["ta", "lo", "bri", "ven", "kor", "mi", "sa", "dun", "el", "pax", "qui", "ro",
              "fen", "ash", "ly", "mo", "ner", "vi", "ca", "tor", "ul", "zen", "ba", "rith"]
_FIRST = ["Ada", "Bo", "Cleo", "Dev", "Edda", "Finn", "Gia", "Hal", "Ines", "Jun", "Kit",
          "Lior", "Mae", "Nico", "Ola", "Pia", "Quin", "Ravi", "Sol", "Tess", "Uma", "Vik"]
_TEAMS = ["payments", "onboarding", "search", "growth", "platform", "mobile", "billing",
          "data", "support tooling", "checkout", "identity", "partner API", "analytics"]
_FEATURES = ["bulk import", "saved filters", "team invites", "offline mode", "usage alerts",
             "self-serve refunds", "audit log", "smart reminders", "shared dashboards",
             "single sign-on", "recurring orders", "in-app chat", "price rules", "exports"]
_METRICS = ["weekly active teams", "trial conversion", "time to first value", "churn",
            "support tickets per account", "activation", "net revenue retention",
            "median page load", "order completion", "renewal rate", "NPS"]
_SEGMENTS = ["small agencies", "mid-market retailers", "clinic managers", "field teams",
             "first-time buyers", "enterprise admins", "solo accountants", "school staff"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_ROLES = ["senior product manager", "group product manager", "product lead",
          "principal PM", "director of product"]


class Filler:
    """Invented names and figures for the templates, from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.product = self.name(2)
        self.vendor = self.name(3) + " Labs"

    def name(self, parts: int) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()

    def fields(self) -> dict[str, str]:
        r = self.rng
        before = r.randint(4, 60)
        return {
            "product": self.product, "vendor": self.vendor,
            "person": r.choice(_FIRST), "other": r.choice(_FIRST),
            "team": r.choice(_TEAMS), "feature": r.choice(_FEATURES),
            "feature2": r.choice(_FEATURES), "metric": r.choice(_METRICS),
            "segment": r.choice(_SEGMENTS), "month": r.choice(_MONTHS),
            "quarter": f"Q{r.randint(1, 4)}", "year": str(r.randint(2019, 2027)),
            "n": str(r.randint(3, 40)), "big": f"{r.randint(2, 90) * 1000:,}",
            "pct": f"{r.randint(2, 80)}%", "before": f"{before}%",
            "after": f"{before + r.choice([-1, 1]) * r.randint(2, 15)}%",
            "money": f"${r.randint(20, 900)}k", "weeks": str(r.randint(2, 14)),
            "role": r.choice(_ROLES), "word": self.name(2).lower(),
        }


# Each kind: a title pattern, then (heading choices, sentence templates) per section.
Outline = list[tuple[list[str], list[str]]]

CASE_STUDY: Outline = [
    (["Context", "Background", "Where we started"], [
        "{product} sells {feature} to {segment}, with about {big} paying accounts.",
        "I joined the {team} team as {role} when {metric} had been flat for {n} months.",
        "The company had {n} engineers on the product and a hard deadline in {month}.",
        "Our {team} squad had four engineers, a designer and half of an analyst.",
    ]),
    (["The problem", "What I found", "Discovery"], [
        "I interviewed {n} customers from {segment} and read {big} support tickets.",
        "The data showed that {pct} of new accounts never used {feature}.",
        "Most people stalled at the same step: they could not finish {feature2} alone.",
        "Leadership believed pricing was the issue; the interviews pointed elsewhere.",
        "I mapped the funnel with {other} and found the drop before anyone saw a price.",
    ]),
    (["Options", "What we tried", "Approach"], [
        "We compared three options: a guided checklist, deferring {feature2}, or a discount.",
        "I ruled out the discount because people left before they saw any price.",
        "We tested two prototypes with {n} users from {segment} over {weeks} weeks.",
        "I chose to defer {feature2} because it removed the wall instead of decorating it.",
        "{other} from {team} raised a risk about data quality, so we added a check.",
    ]),
    (["Results", "Outcome", "Impact"], [
        "{metric} moved from {before} to {after} within {weeks} weeks of the launch.",
        "An A/B test with a holdout of {pct} of new accounts confirmed the change.",
        "Support tickets about {feature} fell by {pct} over the following quarter.",
        "The change was worth about {money} in annual revenue by {month}.",
    ]),
    (["What I learned", "Reflection", "Looking back"], [
        "I would involve {team} earlier next time; their review cost us {weeks} weeks.",
        "I learned to test the riskiest assumption first rather than the easiest one.",
        "If I did it again, I would share the raw interview notes with sales sooner.",
    ]),
]

STRATEGY: Outline = [
    (["Where we are", "Current state", "Diagnosis"], [
        "{product} grew {pct} last year, mostly from {segment}.",
        "Growth is slowing: {metric} has been stuck near {before} for {n} months.",
        "Competitors now bundle {feature} for free, which erodes our pricing.",
        "Our strongest asset is the {team} data we collect from {big} accounts.",
    ]),
    (["Where we will play", "Focus", "Choices"], [
        "For the next {n} months we will focus on {segment} and stop chasing enterprise.",
        "We will not build {feature2} this year, even though sales keeps asking for it.",
        "We bet that {segment} will pay more for {feature} than for a lower price.",
        "Success by {quarter} {year} means {metric} above {after}.",
    ]),
    (["How we will win", "Plan", "Bets"], [
        "First, we rebuild {feature} so a new team gets value in under {weeks} days.",
        "Second, the {team} team ships {feature2} to reach accounts we cannot reach today.",
        "Third, we move {n} engineers from maintenance work onto the two bets above.",
        "We will review progress every {quarter} and drop a bet that misses its signal.",
    ]),
    (["Risks", "What could go wrong", "Trade-offs"], [
        "If {vendor} raises prices, our margin on {feature} falls by about {pct}.",
        "Focusing on {segment} means saying no to {n} open enterprise deals.",
        "We might be wrong about willingness to pay; a pricing test in {month} will tell.",
    ]),
]

DECISION: Outline = [
    (["Decision", "Summary", "What we decided"], [
        "We will move {feature} to {vendor} instead of building it in-house.",
        "Decided on {month} {n} by {person}, {other} and the {team} lead.",
        "The decision is reversible until the contract renews in {quarter} {year}.",
    ]),
    (["Context", "Problem", "Why now"], [
        "Our current {feature} fails for about {pct} of requests at peak.",
        "The {team} team spends {n} days a month keeping it alive.",
        "Customers from {segment} have escalated {n} times since {month}.",
    ]),
    (["Options considered", "Options", "Alternatives"], [
        "Option A: rebuild {feature} ourselves, about {weeks} weeks for two engineers.",
        "Option B: buy {vendor}'s service for roughly {money} a year.",
        "Option C: do nothing and accept the failures until {quarter}.",
        "Rebuilding gives us control but delays {feature2} by a full quarter.",
    ]),
    (["Why this option", "Rationale", "Trade-offs"], [
        "Buying costs more per year but frees {n} engineers for {feature2}.",
        "We accept the lock-in risk because switching later costs about {weeks} weeks.",
        "{other} disagreed and preferred rebuilding; we agreed to revisit in {month}.",
    ]),
    (["Consequences", "Follow-ups", "Next steps"], [
        "{person} owns the migration and reports progress every two weeks.",
        "We will know it worked if {metric} stays above {after} after the switch.",
        "If {vendor} misses its uptime target twice, we reopen this decision.",
    ]),
]

MANAGER_UPDATE: Outline = [
    (["Summary", "TL;DR", "This week"], [
        "{feature} is on track for {month} {n}; {feature2} slipped by {weeks} weeks.",
        "Hi {person}, a quick update on {product} before the {team} review.",
        "Short version: one risk needs your call by Thursday.",
    ]),
    (["Progress", "What shipped", "Done"], [
        "We shipped {feature} to {pct} of accounts and {metric} rose to {after}.",
        "The {team} team closed {n} of the {big} open bugs.",
        "{other} finished the research with {n} customers from {segment}.",
    ]),
    (["Risks", "Blockers", "Needs attention"], [
        "{vendor} has not signed the contract, which blocks {feature2}.",
        "Two engineers are out next week, so {feature} testing moves to {month}.",
        "I plan to cut scope on {feature2} rather than move the date.",
    ]),
    (["Asks", "What I need from you", "Decisions needed"], [
        "Can you confirm we can spend {money} on {vendor} this quarter?",
        "Could you raise the {team} dependency at the leadership sync?",
        "Are you ok with launching to {pct} of traffic first?",
    ]),
]

CAREER_PLAN: Outline = [
    (["Where I am", "Today", "Current role"], [
        "I am a {role} on the {team} team, {n} years into product work.",
        "My strengths are discovery with {segment} and clear written decisions.",
        "Feedback from {person} says I avoid hard conversations with engineering leads.",
    ]),
    (["Where I want to be", "Goal", "Next role"], [
        "In {n} months I want to lead a group of PMs across {team} and {feature}.",
        "The next step is the group product manager role, open again in {quarter} {year}.",
        "I want to own a metric at company level, such as {metric}.",
    ]),
    (["Gaps", "What I need to learn", "Development areas"], [
        "I have never hired a PM; I will join {n} interview loops by {month}.",
        "I need more practice presenting strategy to the executive team.",
        "I will ask {other} to mentor me on budgeting and planning.",
    ]),
    (["Plan", "Milestones", "Next 12 months"], [
        "By {month} I will run the {team} planning cycle end to end.",
        "By {quarter} I will mentor one associate PM and write {n} decision records.",
        "I will review this plan with {person} every {weeks} weeks.",
    ]),
]

PORTFOLIO: Outline = [
    (["Portfolio overview", "The products", "Where we invest"], [
        "The portfolio has {n} products; {product} earns {pct} of revenue.",
        "{feature} is growing fast but loses about {money} a quarter.",
        "The legacy {feature2} product is stable and funds most of the other bets.",
    ]),
    (["Allocation", "Investment mix", "Where the people go"], [
        "We put {pct} of engineers on the core, the rest on two new bets.",
        "We will cut {feature2} investment to maintenance from {month}.",
        "Each bet gets {weeks} weeks to show a signal before we fund more.",
    ]),
    (["Bets", "New bets", "Growth options"], [
        "Bet one: {feature} for {segment}, measured by {metric}.",
        "Bet two: a partner channel through {vendor}, worth up to {money}.",
        "We stop a bet when {metric} stays under {before} for two quarters.",
    ]),
    (["Risks", "Dependencies", "Trade-offs"], [
        "Both bets depend on the {team} team, which is already stretched.",
        "If the core slips, we pause bet two before touching bet one.",
    ]),
]

KINDS: dict[str, tuple[str, Outline]] = {
    "case-study": ("How we improved {metric} at {product}", CASE_STUDY),
    "strategy": ("{product} strategy for {year}", STRATEGY),
    "decision": ("Decision: {feature} with {vendor}", DECISION),
    "manager-update": ("{product} update, week {n}", MANAGER_UPDATE),
    "career-plan": ("My career plan for {year}", CAREER_PLAN),
    "portfolio-strategy": ("{product} portfolio for {year}", PORTFOLIO),
}


_OPENERS = ["In {month},", "Over {weeks} weeks,", "By {quarter},", "After the {team} review,",
            "Early on,", "At the same time,", "Since {month},", "For {segment},"]
_SUBJECTS = ["the {team} team", "{person}", "our analyst", "{other} from {team}", "sales",
             "the support lead", "two engineers", "the design group", "finance"]
_VERBS = ["tracked", "questioned", "rebuilt", "reviewed", "measured", "simplified",
          "documented", "compared", "prioritised", "tested", "cut", "rewrote"]
_OBJECTS = ["the {feature} flow", "{metric}", "the {feature2} backlog", "pricing for {segment}",
            "the {vendor} contract", "our {word} dashboard", "the launch plan for {month}",
            "{n} open requests", "the {team} roadmap"]
_TAILS = ["to see where {pct} of accounts dropped.", "so the team could ship by {month}.",
          "because {metric} had fallen to {before}.", "and shared the notes with {person}.",
          "before anyone committed to {feature2}.", "which saved about {weeks} weeks.",
          "with {n} customers from {segment}.", "against last year's {after}."]


def _prose(fill: Filler) -> str:
    """A sentence from a small grammar, so documents differ beyond their templates."""
    rng = fill.rng
    parts = [rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS), rng.choice(_TAILS)]
    if rng.random() < 0.5:
        parts.insert(0, rng.choice(_OPENERS))
    sentence = " ".join(parts).format(**fill.fields())
    return sentence[0].upper() + sentence[1:]


def pm_document(kind: str, fill: Filler) -> str:
    """One PM document: each section's template sentences, mixed with generated prose,
    as paragraphs or bullet lists."""
    rng = fill.rng
    title, outline = KINDS[kind]
    lines: list[str] = []
    if rng.random() < 0.2:  # some folders declare the kind, most do not
        lines += ["---", f"kind: {kind}", f"author: {rng.choice(_FIRST)}", "---", ""]
    lines += [f"# {title.format(**fill.fields())}", ""]
    for headings, templates in outline:
        if rng.random() < 0.15:
            continue  # a weak document leaves a section out
        lines += [f"## {rng.choice(headings)}", ""]
        picked = [t.format(**fill.fields())
                  for t in rng.sample(templates, k=rng.randint(1, len(templates)))]
        sentences = picked + [_prose(fill) for _ in range(rng.randint(2, 9))]
        rng.shuffle(sentences)
        while sentences:
            size = rng.randint(2, 5)
            paragraph, sentences = sentences[:size], sentences[size:]
            if rng.random() < 0.25:
                lines += [f"- {s}" for s in paragraph] + [""]
            else:
                lines += [" ".join(paragraph), ""]
    return "\n".join(lines)


_README_PARTS: list[Callable[[Filler], str]] = [
    lambda f: f"## Installation\n\n```bash\npip install {f.product.lower()}\n```\n",
    lambda f: (f"## Usage\n\n```python\nfrom {f.product.lower()} import Client\n\n"
               f"client = Client(timeout={f.rng.randint(1, 60)})\n"
               f"client.{f.name(2).lower()}(\"{f.name(1).lower()}\")\n```\n"),
    lambda f: (f"## Configuration\n\n| Option | Default | Description |\n| --- | --- | --- |\n"
               f"| `{f.name(2).lower()}` | `{f.rng.randint(1, 99)}` | "
               f"Number of {f.rng.choice(['retries', 'workers', 'seconds'])}. |\n"
               f"| `{f.name(2).lower()}` | `true` | Enables the `{f.name(1).lower()}` cache. |\n"),
    lambda f: (f"## Contributing\n\nRun `make test` before opening a pull request. "
               f"Bugs go to the issue tracker; security reports to security@"
               f"{f.product.lower()}.dev.\n"),
    lambda f: (f"## Changelog\n\n- {f.rng.randint(0, 3)}.{f.rng.randint(0, 20)}.0: added "
               f"`{f.name(2).lower()}()` and fixed the {f.name(2).lower()} parser.\n"
               f"- {f.rng.randint(0, 3)}.{f.rng.randint(0, 20)}.1: Python "
               f"3.{f.rng.randint(9, 13)} support.\n"),
    lambda f: (f"## API\n\n`{f.name(2).lower()}(path, *, strict=False)` returns a "
               f"`{f.name(2)}` object. Raises `ValueError` when the file is missing.\n"),
]


def readme(fill: Filler) -> str:
    """A README: badges, a one-line pitch, then some of the usual sections."""
    rng = fill.rng
    parts = rng.sample(_README_PARTS, k=rng.randint(3, len(_README_PARTS)))
    pitch = (f"{fill.product} is a small library for {rng.choice(_FEATURES)} in "
             f"{rng.choice(['Python', 'Go', 'TypeScript', 'Rust'])} projects.")
    badges = f"![build](https://img.shields.io/badge/build-passing-{fill.name(1)}.svg)"
    return "\n".join([f"# {fill.product}", "", badges, "", pitch, "",
                      *(p(fill) for p in parts)])


def generate(folder: Path, files: int, seed: int = 12, readmes: float = 0.25) -> list[Path]:
    """Write ``files`` documents into ``folder`` (the same ones for the same seed)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    kinds = list(KINDS)
    written = []
    for i in range(files):
        fill = Filler(rng)
        if rng.random() < readmes:
            name, text = f"readme-{i:05d}.md", readme(fill)
        else:
            kind = rng.choice(kinds)
            name, text = f"{kind}-{i:05d}.md", pm_document(kind, fill)
        path = folder / f"{i // 1000:02d}" / name  # folders of 1,000, like a real tree
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--readmes", type=float, default=0.25)
    args = parser.parse_args()
    written = generate(args.out, args.files, args.seed, args.readmes)
    print(f"wrote {len(written)} files under {args.out}")


if __name__ == "__main__":
    main()
