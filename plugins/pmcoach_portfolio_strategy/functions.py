"""The portfolio-strategy kind's escape hatches: what its rules cannot say as phrases.

Every function is ``fn(doc, options)`` and returns the sentences it found (or pairs of a
sentence and the product name it is about). They know the products a document names
(:mod:`.products`), where sentences sit relative to each other, and how tables are laid
out; the vocabulary stays in ``kind.yaml`` and is passed in through ``options`` as phrase
lists (``['@vision']``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from pmcoach import Document, Sentence
from pmcoach.document import Block
from pmcoach.rules import load_kind
from pmcoach.rules.engine import scopes
from pmcoach.rules.groups import Test, compile_phrases, heading_test

from .products import about, mentions, product_names, table_headers, table_rows

__all__ = ["FUNCTIONS"]

KIND_FILE = Path(__file__).with_name("kind.yaml")
Found = Iterator["Sentence | tuple[Sentence, str]"]


@cache
def _test(phrases: tuple[str, ...]) -> Test:
    return compile_phrases(phrases, load_kind(KIND_FILE).spec.phrases)


@cache
def _means(phrases: tuple[str, ...]) -> Callable[[str], bool]:
    return heading_test(phrases, load_kind(KIND_FILE).spec.phrases)


def _holds(sentence: Sentence, options: Mapping[str, Any], key: str) -> bool:
    phrases = options.get(key)
    return not phrases or _test(tuple(phrases))(sentence) is not None


def _prose(doc: Document, tables: bool = True) -> list[Sentence]:
    """Body sentences, and table rows unless ``tables`` is false (never headings)."""
    return [s for s in scopes(doc)["all"]
            if s.block.kind != "heading" and (tables or s.block.kind != "table")]


def _business(doc: Document, sentence: Sentence, phrases: Sequence[str]) -> bool:
    """About the business as a whole: it says so, or it names none of the products."""
    products = product_names(doc)
    return _test(tuple(phrases))(sentence) is not None or bool(products) and not any(
        mentions(sentence, p) for p in products)


def sentences(doc: Document, options: Mapping[str, Any]) -> Found:
    """The document's sentences, narrowed by options: ``tables`` (default true), ``first``
    and ``at_least`` (only the opening share of them), ``business`` (phrases: only those
    about the business as a whole), ``naming`` (``none``: only those naming no product;
    ``two``: only those naming two or more), ``block_sentences`` (only those in a paragraph
    of at least that many sentences)."""
    pool = _prose(doc, options.get("tables", True))
    if "first" in options:
        pool = pool[: max(int(options.get("at_least", 0)), int(len(pool) * options["first"]))]
    products = product_names(doc)
    naming = options.get("naming")
    size = int(options.get("block_sentences", 0))
    for s in pool:
        if "business" in options and not _business(doc, s, options["business"]):
            continue
        if naming == "none" and any(mentions(s, p) for p in products):
            continue
        if naming == "two" and sum(p in s.text for p in products) < 2:
            continue
        if size and sum(x.block is s.block for x in pool) < size:
            continue
        yield s


def near(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences from ``before`` sentences ahead of an anchor to ``after`` sentences past it.
    Anchors hold ``anchor`` phrases (or sit under an ``anchor_sections`` heading) and are
    about the business (``business`` phrases). With ``products``, each product named in
    the window, paired with its sentence."""
    pool = _prose(doc, options.get("tables", True))
    sections = tuple(options.get("anchor_sections") or ())
    window: dict[int, Sentence] = {}
    for i, s in enumerate(pool):
        anchored = _holds(s, options, "anchor") or bool(sections) and _means(
            sections)(s.block.section)
        if anchored and _business(doc, s, options.get("business", ())):
            for j in range(i - int(options.get("before", 1)), i + int(options.get("after", 2)) + 1):
                if 0 <= j < len(pool):
                    window[j] = pool[j]
    for _, s in sorted(window.items()):
        if not options.get("products"):
            yield s
            continue
        yield from ((s, p) for p in product_names(doc) if p in s.text)


_BOLD_LINE = re.compile(r"^(?:\*\*[^*\n]{2,60}\*\*|__[^_\n]{2,60}__)\s*:?$")


def _capitals(line: str) -> bool:
    """A short line in capitals ("FOR THE BOARD", a stray "PMs" allowed) or wholly in bold."""
    line = line.strip()
    if not line or len(line.split()) > 8:
        return False
    letters = [c for c in line if c.isalpha()]
    capitals = len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return capitals or _BOLD_LINE.match(line) is not None


def _pseudo_heading(block: Block) -> str | None:
    """The heading a paragraph stands for or opens with, as plain-text and pasted documents
    write them: a line in capitals or in bold, alone or as the paragraph's first line
    ("OUR GOALS" straight above the text it heads)."""
    if block.kind != "paragraph":
        return None
    first = block.text.strip().split("\n", 1)[0]
    return first.strip(" *_:") if _capitals(first) else None


def under(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences under a heading that means one of ``headings``, where a heading is the
    section's own or, after it, a pseudo-heading (a line in capitals or in bold, alone or
    opening a paragraph); a pseudo-heading holds until the next one or the next real
    heading."""
    means = _means(tuple(options["headings"]))
    current: tuple[str, str] = ("", "")
    for s in _prose(doc):
        if current[0] != s.block.section:
            current = (s.block.section, s.block.section)
        title = _pseudo_heading(s.block) if s.line == s.block.line else None
        if title is not None:
            current = (s.block.section, title)
            if "\n" not in s.block.text.strip():
                continue  # the heading line alone is not a sentence under it
        if means(current[1]):
            yield s


def rows(doc: Document, options: Mapping[str, Any]) -> Found:
    """Table rows whose header row holds one of ``header`` (regular expressions), and, with
    ``row``, that hold one of ``row`` themselves."""
    headers, body = table_headers(doc), table_rows(doc)
    wanted = _raw(tuple(options["header"]))
    cell = _raw(tuple(options.get("row", ())))
    for s in scopes(doc)["tables"]:
        header = body.get(s.block.line)
        if header is not None and wanted.search(" | ".join(headers[header])) and (
                "row" not in options or cell.search(s.text)):
            yield s


@cache
def _raw(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "$^", re.I)


def _cell(test: Test, text: str) -> bool:
    return test(Sentence(text, 1, 1, Block(text, 1, 1, "table", "", 1))) is not None


def _objective_table(doc: Document, options: Mapping[str, Any]
                     ) -> tuple[int, list[str] | None] | None:
    """The header line of a table crossing objectives with products, and its product
    columns (None when products run down the side)."""
    objective = _test(tuple(options["objective"]))
    lowered = {p.lower() for p in product_names(doc)}
    headers = table_headers(doc)
    for line, cells in headers.items():
        if cells and _cell(objective, cells[0]):
            columns = [c for c in cells[1:] if c.lower() in lowered or (
                not lowered and c and not _raw(tuple(options["not_products"])).search(c))]
            if len(columns) >= 2:
                return line, columns
    for line, cells in headers.items():
        if len(cells) >= 3 and _raw(tuple(options["product_header"])).search(cells[0]) and \
                sum(_cell(objective, c) for c in cells[1:]) >= 2:
            return line, None
    return None


def objective_tables(doc: Document, options: Mapping[str, Any]) -> Found:
    """Rows of a table that crosses objectives with products (objectives down the side and
    products across the top, or products down the side and objectives across the top),
    each paired with the products it links."""
    found = _objective_table(doc, options)
    if found is None:
        return
    line, columns = found
    body = table_rows(doc)
    for s in scopes(doc)["tables"]:
        if body.get(s.block.line) == line:
            first = s.text.strip().strip("|").split("|")[0].strip()
            yield from ((s, name) for name in columns or ([first] if first else []))


def product_links(doc: Document, options: Mapping[str, Any]) -> Found:
    """Products linked to an objective, each paired with the sentence that links it: a
    sentence about the product holding a ``link`` phrase in an objective's company (an
    ``objective`` phrase in it, in its paragraph or in the heading it sits under), or an
    objective naming two products or holding a ``span`` phrase, or a row of a table that
    crosses objectives with products. ``linked: false`` gives the others. With ``enough``
    (a share of the products), nothing unless that many are linked."""
    products = product_names(doc)
    objective, link, span = (_test(tuple(options[k])) for k in ("objective", "link", "span"))
    headed = {id(s) for s in under(doc, {"headings": options["sections"]})}
    goals = [s for s in _prose(doc) if objective(s) is not None or id(s) in headed]
    context = {id(s.block) for s in goals}
    spanning = {id(s) for s in goals if span(s) is not None
                or sum(p in s.text for p in products) >= 2}
    tabled = {str(item[1]).lower() for item in objective_tables(doc, options)
              if isinstance(item, tuple)}
    # A row of a product table with an objective column ("| Product | Primary objective |").
    columns = {id(s) for s in rows(doc, {"header": options["objective_column"]})
               } if "objective_column" in options else set()

    def linked(s: Sentence, name: str) -> bool:
        return name.lower() in tabled or id(s) in spanning or id(s) in columns or (
            link(s) is not None and (objective(s) is not None or id(s.block) in context
                                     or id(s) in headed))
    return _report(doc, options, "linked", *_split(doc, linked))


Pairs = list[tuple[str, list[Sentence]]]


def _split(doc: Document, hit: Callable[[Sentence, str], bool]) -> tuple[Pairs, Pairs]:
    """The products with a sentence about them that ``hit`` accepts (paired with it), and
    the others (paired with their first sentence)."""
    prose = _prose(doc)
    yes: Pairs = []
    no: Pairs = []
    for name in product_names(doc):
        mine = [s for s in prose if about(s, name)]
        found = [s for s in mine if hit(s, name)]
        (yes if found else no).append((name, (found or mine)[:1]))
    return yes, no


def _report(doc: Document, options: Mapping[str, Any], key: str, yes: Pairs, no: Pairs
            ) -> Found:
    """``no`` when ``options[key]`` is false; else ``yes`` if it holds enough products."""
    share = math.ceil(round(len(product_names(doc)) * options.get("enough", 0), 6))
    if not options.get(key, True):
        pairs = no
    else:
        pairs = yes if len(yes) >= max(int(options.get("at_least", 1)), share) else []
    return ((s, name) for name, found in pairs for s in found)


def about_products(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences naming a product or in a product's own section, paired with the product;
    every sentence (paired with nothing) when the document names no products and
    ``or_all`` is set."""
    products = product_names(doc)
    for s in _prose(doc, options.get("tables", True)):
        named = [p for p in products if about(s, p)]
        if named:
            yield from ((s, p) for p in named)
        elif not products and options.get("or_all"):
            yield s


def after(doc: Document, options: Mapping[str, Any]) -> Found:
    """The sentence right after each one that holds one of ``of``."""
    pool = _prose(doc)
    for s, nxt in zip(pool, pool[1:], strict=False):
        if _holds(s, options, "of"):
            yield nxt


def product_cover(doc: Document, options: Mapping[str, Any]) -> Found:
    """Products with a sentence about them that holds one of ``has`` (or that is a row of
    a table whose header holds one of ``header``), each paired with that sentence.
    ``covered: false`` gives the others. With ``enough`` (a share of the products) and
    ``at_least``, nothing unless that many are covered."""
    listed = {id(s) for s in rows(doc, options)} if "header" in options else set()
    return _report(doc, options, "covered", *_split(
        doc, lambda s, _: id(s) in listed or _holds(s, options, "has")))


FUNCTIONS: dict[str, Callable[[Document, Mapping[str, Any]], Found]] = {
    "portfolio-strategy.sentences": sentences,
    "portfolio-strategy.near": near,
    "portfolio-strategy.rows": rows,
    "portfolio-strategy.under": under,
    "portfolio-strategy.objective-tables": objective_tables,
    "portfolio-strategy.about-products": about_products,
    "portfolio-strategy.after": after,
    "portfolio-strategy.product-cover": product_cover,
    "portfolio-strategy.product-links": product_links,
}
