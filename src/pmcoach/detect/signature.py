"""A kind's detection signature: declarative evidence that a document is of that kind.

A signature is data, not code (YAML in the plugin's package, or a mapping)::

    names: [case study, portfolio piece]        # words a title or file name uses for the kind
    expects: [first-person-singular, past-tense]  # structural expectations (see EXPECTATIONS)
    headings:                                   # section vocabulary, in groups of one meaning
      results: [results, impact, outcome*]
    phrases:                                    # body vocabulary, in groups of one meaning
      outcome: [went from, increased, reduced]
    words: words.json                           # optional: the kind's vocabulary, computed
                                                # from examples (see vocabulary.py)

A phrase is lower-case words; a final ``*`` matches any ending (``outcome*``). Every kind's
signature is read by the same fitted model (``model.py``), so a team's kind competes with
the built-in ones on equal terms; no signature names another kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diskcache import parsed
from ..errors import PluginError

#: The structural expectations a signature may list; each is measured once per document.
EXPECTATIONS: dict[str, str] = {
    "first-person-singular": "written as 'I' (I, my, me)",
    "first-person-plural": "written as 'we' (we, our, us)",
    "past-tense": "tells what happened (past-tense verbs)",
    "future-tense": "plans ahead (will, next, plan to)",
    "dates": "dated (months, quarters, years)",
    "numbers": "quantified (figures, percentages, money)",
    "conditional": "reasons in conditions (if, unless, it depends)",
    "ask": "asks the reader something (questions, 'thoughts?', 'can you')",
    "message": "is a message to someone (greeting, sign-off, @mentions, subject line)",
    "brief": "is short (a few hundred words at most)",
}

_KEYS = {"names", "expects", "headings", "phrases", "words"}
_PHRASE = re.compile(r"^[a-z0-9][a-z0-9' &/-]*\*?$")


@dataclass(frozen=True)
class Signature:
    """The evidence one kind contributes to detection."""

    kind: str
    names: tuple[str, ...] = ()
    expects: tuple[str, ...] = ()
    headings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The kind's vocabulary: word -> weight (see vocabulary.py).
    words: dict[str, float] = field(default_factory=dict)
    source: str = "<inline>"

    @classmethod
    def load(cls, kind: str, spec: str | Path | Mapping[str, Any],
             base: Path | None = None) -> Signature:
        """Read a signature from a YAML file or a mapping; errors name the file and key.

        Relative paths (the file, or ``words`` in a mapping) are read from ``base``: the
        folder of the plugin's module, not wherever pmcoach happens to run."""
        base = base or Path.cwd()
        source, folder = "<inline>", base
        if isinstance(spec, str | Path):
            path = base / spec
            source, folder = str(path), path.parent
            data = _read_yaml(path, kind)
        elif isinstance(spec, Mapping):
            data = dict(spec)
        else:
            raise PluginError(f"detection signature of kind {kind!r} is a "
                              f"{type(spec).__name__}: give a YAML file's path or a mapping")
        return cls._from_mapping(kind, data, source, folder)

    @classmethod
    def _from_mapping(cls, kind: str, data: dict[str, Any], source: str,
                      folder: Path) -> Signature:
        def fail(key: str, problem: str) -> PluginError:
            return PluginError(f"detection signature of kind {kind!r} ({source}): "
                               f"'{key}' {problem}; fix the signature")

        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise fail(unknown[0], f"is not a signature key (keys: {', '.join(sorted(_KEYS))})")
        names = _phrases(data.get("names", []), "names", fail)
        expects = data.get("expects", []) or []
        if not isinstance(expects, list):
            raise fail("expects", "must be a list")
        for item in expects:
            if not isinstance(item, str) or item not in EXPECTATIONS:
                raise fail("expects", f"lists {item!r}, which is not one of "
                                      f"{', '.join(EXPECTATIONS)}")
        groups: dict[str, dict[str, tuple[str, ...]]] = {}
        for key in ("headings", "phrases"):
            value = data.get(key, {}) or {}
            if not isinstance(value, dict):
                raise fail(key, "must map group names to lists of phrases")
            groups[key] = {str(g): _phrases(p, f"{key}.{g}", fail) for g, p in value.items()}
        words = _words(data.get("words") or {}, folder, kind, fail)
        if not (names or expects or groups["headings"] or groups["phrases"] or words):
            raise fail("names", "and every other key are empty: a signature needs evidence")
        return cls(kind, names, tuple(expects), groups["headings"], groups["phrases"], words,
                   source)


def _phrases(value: Any, key: str, fail: Any) -> tuple[str, ...]:
    # YAML reads a bare year or number as a number; it is meant as a word.
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise fail(key, "must be a list of phrases")
    out: list[str] = []
    for phrase in map(str, value):
        norm = " ".join(phrase.lower().replace("’", "'").split())
        if not _PHRASE.match(norm) or "*" in norm[:-1]:
            raise fail(key, f"has {phrase!r}: use lower-case words, with '*' only at the end")
        if norm.endswith("*") and len(norm.rstrip("*").split()[-1]) < 3:
            raise fail(key, f"has {phrase!r}: a word ending in '*' needs three letters or "
                            "more before it")
        if norm not in out:
            out.append(norm)
    return tuple(out)


def _words(value: Any, folder: Path, kind: str, fail: Any) -> dict[str, float]:
    """``words``: a mapping, or a JSON/YAML file of one beside the signature."""
    if isinstance(value, str):
        value = _read_yaml(folder / value, kind)
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) and v >= 0
            for k, v in value.items()):
        raise fail("words", "must map words to weights >= 0 (or name a file that does)")
    return {k.lower(): float(v) for k, v in value.items()}


class _YamlError(ValueError):
    """PyYAML's error, carried out of the parser so callers need not import yaml."""

    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


def _yaml_load(text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _YamlError(mark.line + 1 if mark is not None else None) from exc


def _read_yaml(path: Path, kind: str) -> dict[str, Any]:
    """A YAML file, or a JSON one (read by the json module: a vocabulary is large, and
    PyYAML's pure-Python reader would add a tenth of a second to every start)."""
    import json

    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            data = json.loads(text)
        else:
            # Read at every start: parsed once, then read back as JSON.
            data = parsed(path, text, _yaml_load, "yaml")
    except (OSError, UnicodeDecodeError) as exc:
        raise PluginError(f"detection signature of kind {kind!r}: cannot read {path}: "
                          f"{exc}") from exc
    except json.JSONDecodeError as exc:
        raise PluginError(f"detection signature of kind {kind!r}: {path} line {exc.lineno} "
                          "is not valid JSON; fix it") from exc
    except _YamlError as exc:
        where = f" line {exc.line}" if exc.line is not None else ""
        raise PluginError(f"detection signature of kind {kind!r}: {path}{where} is not "
                          f"valid YAML; fix it") from exc
    if not isinstance(data, dict):
        raise PluginError(f"detection signature of kind {kind!r}: {path} must be a mapping "
                          "(see docs/detection.md)")
    return data
