"""`pmcoach eval`: measure the critics against a labelled set of documents.

A set is a folder with ``labels.yaml``::

    documents:
      - path: case-study-01.md
        kind: case-study
        verdicts: {context: met, reflection: missing, ...}

Each document is reviewed twice over: once with no hint, to score kind detection, and once
as its labelled kind, so verdict agreement is measured even where detection is wrong.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .detect import detect, explain
from .document import Document
from .errors import ConfigError, PmcoachError
from .pipeline.run import ReviewOptions, review_document
from .pipeline.sources import read_text
from .plugins import Registry
from .review import Verdict

LABELS_FILE = "labels.yaml"


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    kind: str
    verdicts: dict[str, Verdict]
    notes: str = ""


class LabelSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[Label] = Field(min_length=1)


@dataclass
class Tally:
    """Agreement counts for one group (all, a kind, or a criterion)."""

    total: int = 0
    exact: int = 0
    binary: int = 0

    def add(self, expected: Verdict, got: Verdict) -> None:
        self.total += 1
        self.exact += expected is got
        self.binary += (expected is Verdict.MET) == (got is Verdict.MET)

    @property
    def exact_rate(self) -> float:
        return self.exact / self.total if self.total else 0.0

    @property
    def binary_rate(self) -> float:
        return self.binary / self.total if self.total else 0.0


@dataclass
class Evaluation:
    documents: int = 0
    kind_right: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_criterion: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    disagreements: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def kind_accuracy(self) -> float:
        checks = [ok for oks in self.kind_right.values() for ok in oks]
        return sum(checks) / len(checks) if checks else 0.0

    def to_json_dict(self) -> dict[str, Any]:
        def tally(t: Tally) -> dict[str, Any]:
            return {"n": t.total, "exact": round(t.exact_rate, 4),
                    "met_not_met": round(t.binary_rate, 4)}

        return {
            "documents": self.documents,
            "kind_accuracy": round(self.kind_accuracy, 4),
            "kind_accuracy_by_kind": {k: round(sum(v) / len(v), 4)
                                      for k, v in sorted(self.kind_right.items())},
            "verdicts": tally(self.overall),
            "by_kind": {k: tally(t) for k, t in sorted(self.by_kind.items())},
            "by_criterion": {k: tally(t) for k, t in sorted(self.by_criterion.items())},
            "disagreements": self.disagreements,
            "errors": self.errors,
        }


def load_labels(folder: Path) -> LabelSet:
    path = folder / LABELS_FILE
    if not path.is_file():
        raise ConfigError(f"{path}: no labels file; an eval set is a folder with {LABELS_FILE}")
    import yaml

    try:
        return LabelSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']}") from None


def evaluate(folder: Path, registry: Registry) -> Evaluation:
    """Review every labelled document and compare with its labels."""
    labels = load_labels(folder)
    result = Evaluation()
    for label in labels.documents:
        name = label.path
        critic = registry.critics.get(label.kind)
        if critic is None:
            result.errors.append(f"{name}: labelled kind {label.kind!r} is not installed")
            continue
        unlabelled = set(critic.rubric.ids) - set(label.verdicts)
        unknown = set(label.verdicts) - set(critic.rubric.ids)
        if unlabelled or unknown:
            result.errors.append(f"{name}: labels do not match the {label.kind} rubric "
                                 f"(unlabelled: {sorted(unlabelled)}, unknown: {sorted(unknown)})")
            continue
        try:
            doc = Document.from_text(read_text(str(folder / name)), name)
            _score_detection(doc, label, registry, result)
            review = review_document(doc, registry, ReviewOptions(kind=label.kind))
        except PmcoachError as exc:
            result.errors.append(f"{name}: {exc}")
            continue
        result.documents += 1
        for criterion in review.criteria:
            expected = label.verdicts[criterion.id]
            key = f"{label.kind}.{criterion.id}"
            for tally in (result.overall, result.by_kind[label.kind], result.by_criterion[key]):
                tally.add(expected, criterion.verdict)
            if expected is not criterion.verdict:
                result.disagreements.append(
                    f"{name}: {key}: labelled {expected.value}, got {criterion.verdict.value}"
                    f" ({criterion.message})")
    return result


def _score_detection(doc: Document, label: Label, registry: Registry,
                     result: Evaluation) -> None:
    try:
        detected = detect(doc, registry.critics).kind
    except PmcoachError:
        detected = None
    ok = detected == label.kind
    result.kind_right[label.kind].append(ok)
    if not ok:
        probabilities = explain(doc, registry.critics)[1].probabilities
        scores = sorted(probabilities.items(), key=lambda kv: -kv[1])
        top = ", ".join(f"{k} {v:.2f}" for k, v in scores[:3])
        result.disagreements.append(
            f"{doc.path}: kind: labelled {label.kind}, detected {detected or 'nothing'} ({top})")


def render_text(folder: Path, ev: Evaluation) -> str:
    """A plain report: headline figures, then per kind, per criterion, disagreements."""
    pct = "{:.0%}".format
    lines = [f"pmcoach eval {folder}: {ev.documents} documents",
             f"kind detection   {pct(ev.kind_accuracy)}",
             f"verdicts         exact {pct(ev.overall.exact_rate)}, "
             f"met/not-met {pct(ev.overall.binary_rate)} ({ev.overall.total} judgements)",
             "", f"{'kind':<22}{'docs':>5}{'kind ok':>9}{'exact':>8}{'met/not':>9}"]
    for kind, tally in sorted(ev.by_kind.items()):
        oks = ev.kind_right[kind]
        lines.append(f"{kind:<22}{len(oks):>5}{pct(sum(oks) / len(oks)):>9}"
                     f"{pct(tally.exact_rate):>8}{pct(tally.binary_rate):>9}")
    lines += ["", f"{'criterion':<44}{'n':>4}{'exact':>8}{'met/not':>9}"]
    for key, tally in sorted(ev.by_criterion.items()):
        lines.append(f"{key:<44}{tally.total:>4}{pct(tally.exact_rate):>8}"
                     f"{pct(tally.binary_rate):>9}")
    if ev.disagreements:
        lines += ["", f"disagreements ({len(ev.disagreements)}):"]
        lines += [f"  {d}" for d in ev.disagreements]
    if ev.errors:
        lines += ["", f"not evaluated ({len(ev.errors)}):"]
        lines += [f"  {e}" for e in ev.errors]
    return "\n".join(lines)
