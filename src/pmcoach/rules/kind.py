"""Loading a kind file into a critic: validate, compile once per process, check documents.

A plugin registers a data kind with ``register(load_kind(path))``; a ``.yaml`` kind file in
a plugins folder needs no Python at all. Every error names the file, the line and the key.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from .. import validation
from ..__about__ import __version__
from ..critic import Critic
from ..diskcache import read_json, write_atomic
from ..document import Document
from ..errors import PluginError
from ..review import CriterionResult
from ..rubric import Criterion, Rubric
from .engine import CompiledRule, Lazy, Match, RuleFunction, evaluate, forget_calls
from .groups import UnknownGroup, check_patterns
from .schema import CompareRule, CriterionSpec, KindSpec, PythonRule, from_validated
from .verdicts import CompiledRow, ConditionError, compile_row, decide

if TYPE_CHECKING:
    from pydantic import ValidationError

#: What a cached spec is valid for: this pmcoach (its format and defaults), this layout.
CACHE_FORMAT = f"{__version__}/spec-1"


class CompiledCriterion:
    """One criterion's rules and verdict table, compiled."""

    def __init__(self, kind: str, spec: CriterionSpec, groups: Mapping[str, Sequence[str]]):
        self.kind = kind
        self.spec = spec
        self.rules: list[CompiledRule] = []
        for rule in spec.rules:
            compared = [rule.rule, rule.than] if isinstance(rule, CompareRule) else []
            refs = [*(rule.within or ()), *(rule.within_all or ()), *(rule.outside or ()),
                    *compared]
            for ref in refs:
                if ref not in [r.id for r in self.rules]:
                    raise ConditionError(f"rule {rule.id!r} names {ref!r}, which is not an "
                                         "earlier rule of this criterion")
            self.rules.append(CompiledRule(rule, groups))
        known = [r.id for r in spec.rules]
        self.rows: list[CompiledRow] = [compile_row(row, known) for row in spec.verdicts]

    def run(self, doc: Document) -> tuple[dict[str, list[Match]], dict[str, bool]]:
        return evaluate(self.rules, doc)

    def check(self, doc: Document) -> CriterionResult:
        found = Lazy(self.rules, doc)
        return decide(self.spec.id, self.kind, self.rows, doc, found, found.fired)


class DataCritic(Critic):
    """A critic whose rubric, rules and verdicts come from a kind file."""

    spec: ClassVar[KindSpec]
    source: ClassVar[Path]
    criteria: ClassVar[list[CompiledCriterion]]

    def check(self, doc: Document) -> list[CriterionResult]:
        forget_calls()  # the criteria of one review share python-rule results
        return [criterion.check(doc) for criterion in self.criteria]

    @classmethod
    def criterion(cls, criterion_id: str) -> CompiledCriterion:
        for criterion in cls.criteria:
            if criterion.spec.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def functions(self) -> list[str]:
        """The escape-hatch functions this kind's rules call."""
        return [r.spec.function for c in self.criteria for r in c.rules
                if isinstance(r.spec, PythonRule)]

    def bind(self, functions: Mapping[str, RuleFunction]) -> None:
        """Give every python rule its registered function; refuse a kind that lacks one."""
        for criterion in self.criteria:
            for rule in criterion.rules:
                if isinstance(rule.spec, PythonRule):
                    name = rule.spec.function
                    if name not in functions:
                        raise PluginError(
                            f"{self.source}: rule {criterion.spec.id}/{rule.id} calls function "
                            f"{name!r}, which no plugin registers (register_rule_functions)")
                    rule.function = functions[name]


#: Every kind file loaded in this process, by kind (for help texts in reports).
LOADED: dict[str, type[DataCritic]] = {}


def rule_help(kind: str, criterion: str, rule: str) -> str | None:
    """What a verdict row checks, in words: the criterion and the rules that decide it."""
    critic = LOADED.get(kind)
    if critic is None or criterion not in critic.rubric.ids:
        return None
    compiled = critic.criterion(criterion)
    row = next((r for r in compiled.rows if r.name == rule), None)
    if row is None:
        return None
    described = {r.id: r.description for r in compiled.spec.rules}
    reasons = "; ".join(f"{rid}: {described[rid].rstrip('.')}" for rid in row.positive
                        if described[rid])
    head = f"{compiled.spec.title}: {compiled.spec.description}"
    return f"{head} {row.spec.verdict} when {row.spec.if_ or 'no earlier row holds'}" + \
        (f" ({reasons})." if reasons else ".")


def load_kind(path: str | Path) -> DataCritic:
    """The critic a kind file describes (compiled once per process and file version)."""
    path = Path(path).resolve()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise PluginError(f"kind file {path} cannot be read: {exc.strerror}") from None
    critic = _load(path, stamp)
    LOADED[critic.kind] = critic  # the file loaded last names the kind's help texts
    return critic()


@lru_cache(maxsize=64)
def _load(path: Path, stamp: int) -> type[DataCritic]:
    del stamp  # part of the cache key only: an edited file is read again
    text = _read(path)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    entry = _entry_path(path)
    spec = _cached(entry, digest)
    data: Any = None
    if spec is None:
        data = _parse_text(path, text)
        spec = _validate(path, text, data)
    try:
        criteria = [CompiledCriterion(spec.kind, c, spec.phrases) for c in spec.criteria]
        if data is not None:
            # A new or edited file: compile every phrase once, so a broken pattern is a
            # loading error naming it, not a failure in the middle of a review; only then
            # is the validated spec cached (a cache hit means it was checked).
            check_patterns(spec)
            _store(entry, data, {"format": CACHE_FORMAT, "digest": digest,
                                 "spec": validation.to_jsonable(spec)})
    except (ConditionError, UnknownGroup, TypeError, ValueError) as exc:
        raise PluginError(f"{path}: {exc}") from None
    critic = type(_class_name(spec.kind), (DataCritic,), {
        "kind": spec.kind, "title": spec.title, "prompt_version": spec.prompt,
        "rubric": Rubric(kind=spec.kind, title=spec.title, criteria=tuple(
            Criterion(id=c.id, title=c.title, description=c.description,
                      competencies=tuple(c.competencies))
            for c in spec.criteria)),
        "signature": _signature(path, spec.signature), "spec": spec, "source": path,
        "criteria": criteria, "__module__": __name__,
    })
    LOADED[spec.kind] = critic
    return critic


def _validate(path: Path, text: str, data: Any) -> KindSpec:
    """``data`` checked against the kind file format (this is where pydantic is used)."""
    from pydantic import ValidationError

    try:
        spec: KindSpec = KindSpec.model_validate(data)
    except ValidationError as exc:
        raise PluginError(_explain(path, text, exc)) from None
    return spec


def _class_name(kind: str) -> str:
    return "".join(part.title() for part in kind.split("-")) + "Critic"


def _signature(path: Path, signature: str | dict[str, Any] | None
               ) -> Path | dict[str, Any] | None:
    if isinstance(signature, str):
        return path.parent / signature
    if isinstance(signature, dict) and isinstance(signature.get("words"), str):
        return {**signature, "words": str(path.parent / signature["words"])}
    return signature


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PluginError(f"kind file {path} is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise PluginError(f"kind file {path} cannot be read: {exc.strerror}") from None


def _entry_path(path: Path) -> Path:
    """Where a kind file's validated spec is cached: one entry per file (named by its
    path), valid for one content, so editing a file replaces its entry."""
    return _cache_dir() / f"{hashlib.sha256(str(path).encode()).hexdigest()[:32]}.json"


def _cached(entry: Path, digest: str) -> KindSpec | None:
    """The spec cached for this content of the file, or None (missing, stale, written by
    another pmcoach version, or unreadable: then the file is validated again). Kind files
    are read at every start-up, and a pre-commit hook starts often: JSON loads ten times
    faster than YAML, and a cached spec needs no validation (nor pydantic)."""
    cached = read_json(entry)
    try:
        if cached["format"] != CACHE_FORMAT or cached["digest"] != digest:
            return None
        return from_validated(cached["spec"])
    except (ValueError, TypeError, AttributeError, KeyError):
        return None


def _cache_dir() -> Path:
    from ..paths import default_dir
    return default_dir() / "kinds"


def _store(target: Path, raw: Any, entry: dict[str, Any]) -> None:
    """Write atomically (concurrent runs race harmlessly); a cache that cannot be written
    only costs speed."""
    try:
        if json.loads(json.dumps(raw)) != raw:
            return  # data that JSON cannot hold as it is (dates, number keys): not cached
    except (TypeError, ValueError):
        return
    write_atomic(target, entry)


def _parse_text(path: Path, text: str) -> Any:
    import yaml  # only for a kind file that is not cached yet

    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        # libyaml's loader when present: ten times faster, and kind files load at start-up.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = f":{where.line + 1}" if where is not None else ""
        raise PluginError(f"{path}{line}: not valid {path.suffix.lstrip('.').upper() or 'YAML'}"
                          f": {str(exc).splitlines()[0]}") from None


def _explain(path: Path, text: str, exc: ValidationError) -> str:
    """The first validation error as 'file:line: key: what is wrong'."""
    error = exc.errors()[0]
    where_in = [*error["loc"], *(["type"] if error["type"].startswith("union_tag") else [])]
    loc = [str(part) for part in where_in]
    line = _line_of(text, where_in) if path.suffix != ".toml" else None
    where = f"{path}:{line}" if line else str(path)
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {'.'.join(loc) or '(top level)'}: {error['msg']}{more}"


def _line_of(text: str, loc: Sequence[int | str]) -> int | None:
    """The line of the YAML node a validation error's location points at."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            value = next((v for k, v in node.value if k.value == part), None)
            key = next((k for k, _ in node.value if k.value == part), None)
            if value is None:
                continue  # a union's tag in the location, not a key
            line, node = (key or value).start_mark.line + 1, value
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
    return line
