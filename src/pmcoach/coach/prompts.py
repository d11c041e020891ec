"""Versioned prompt templates: find them, check them against ``LOCK``, render them.

A template is ``<kind>/v<N>.md.j2``: YAML front matter (version, date, changes), then a
``=== system ===`` part and a ``=== user ===`` part. A released version never changes:
``prompts/LOCK`` records the sha256 of each released file, and rendering a file whose
bytes no longer match is refused (publish a ``v<N+1>`` instead). Rendering happens in a
jinja2 ``SandboxedEnvironment`` with ``StrictUndefined``: team plugins may ship
templates, and a typo in one should fail loudly rather than send a half-empty prompt.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import PmcoachError

if TYPE_CHECKING:
    from ..document import Document
    from ..rubric import Rubric

_NAME = re.compile(r"^v([1-9][0-9]*)\.md\.j2$")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
SYSTEM_MARK = "=== system ==="
USER_MARK = "=== user ==="
LOCK_NAME = "LOCK"


class PromptError(PmcoachError):
    """A template is missing, modified after release, or does not render."""

    type = "prompt"


def prompts_root() -> Path:
    """The built-in templates: packaged as ``pmcoach/prompts`` in a wheel, or the
    checkout's top-level ``prompts/`` in an editable install."""
    from importlib.resources import files

    packaged = files("pmcoach") / "prompts"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "prompts"


@dataclass(frozen=True)
class PromptTemplate:
    """One template file: ``id`` is ``<kind>/v<N>``."""

    kind: str
    version: int
    path: Path
    source: str  # "built-in" or the plugin folder it came from
    sha256: str
    meta: dict[str, Any]
    body: str
    locked: str | None = None  # the sha256 LOCK records, when released

    @property
    def id(self) -> str:
        return f"{self.kind}/v{self.version}"

    @property
    def released(self) -> bool:
        return self.locked is not None

    @property
    def modified(self) -> bool:
        return self.locked is not None and self.locked != self.sha256


@dataclass(frozen=True)
class RenderedPrompt:
    """Exactly what is sent: the system and user messages, and their hash."""

    id: str
    system: str
    user: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(f"{self.system}\0{self.user}".encode()).hexdigest()

    @property
    def chars(self) -> int:
        return len(self.system) + len(self.user)

    @property
    def approx_tokens(self) -> int:
        """A network-free estimate (about four characters per token for English)."""
        return (self.chars + 3) // 4

    def messages(self) -> list[dict[str, str]]:
        return [{"role": "system", "content": self.system},
                {"role": "user", "content": self.user}]


def read_lock(folder: Path) -> dict[str, str]:
    """``LOCK`` lines are ``<kind>/v<N> <sha256>``; ``#`` starts a comment."""
    path = folder / LOCK_NAME
    if not path.is_file():
        return {}
    entries: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            prompt_id, digest = line.split()
            entries[prompt_id] = digest
    return entries


def _load(path: Path, source: str, lock: dict[str, str]) -> PromptTemplate:
    data = path.read_bytes()
    text = data.decode("utf-8").replace("\r\n", "\n")
    match = _FRONT.match(text)
    meta: dict[str, Any] = {}
    body = text
    if match:
        loaded = yaml.safe_load(match.group(1))
        meta = loaded if isinstance(loaded, dict) else {}
        body = text[match.end():]
    version = int(_NAME.match(path.name).group(1))  # type: ignore[union-attr]
    kind = path.parent.name
    return PromptTemplate(kind, version, path, source, hashlib.sha256(data).hexdigest(), meta,
                          body, lock.get(f"{kind}/v{version}"))


def _scan(folder: Path, source: str) -> Iterable[PromptTemplate]:
    if not folder.is_dir():
        return
    lock = read_lock(folder)
    for path in sorted(folder.glob("*/v*.md.j2")):
        if _NAME.match(path.name):
            yield _load(path, source, lock)


@dataclass
class PromptLibrary:
    """All templates: built-ins first, then folders plugins registered."""

    templates: dict[str, PromptTemplate] = field(default_factory=dict)
    #: Plugin templates that tried to replace a built-in one (ignored).
    shadowed: list[PromptTemplate] = field(default_factory=list)

    @classmethod
    def discover(cls, extra_dirs: Sequence[Path] = ()) -> PromptLibrary:
        library = cls()
        for folder, source in [(prompts_root(), "built-in"),
                               *((Path(d), str(d)) for d in extra_dirs)]:
            for template in _scan(folder, source):
                if template.id in library.templates:
                    # A plugin must not silently change what a released built-in sends.
                    library.shadowed.append(template)
                else:
                    library.templates[template.id] = template
        return library

    def kinds(self) -> list[str]:
        return sorted({t.kind for t in self.templates.values()})

    def versions(self, kind: str) -> list[int]:
        return sorted(t.version for t in self.templates.values() if t.kind == kind)

    def get(self, kind: str, version: int | None = None) -> PromptTemplate:
        """The template for ``kind`` at ``version`` (default: its newest)."""
        versions = self.versions(kind)
        if not versions:
            raise PromptError(f"no prompt template for kind {kind!r}; add "
                              f"prompts/{kind}/v1.md.j2 (see docs/prompts.md)")
        chosen = versions[-1] if version is None else version
        if chosen not in versions:
            raise PromptError(f"kind {kind!r} has no prompt version {chosen} (available: "
                              f"{', '.join(f'v{v}' for v in versions)})")
        return self.templates[f"{kind}/v{chosen}"]

    def problems(self) -> list[str]:
        """Released templates whose bytes changed, and locked ids with no file."""
        out = [f"{t.id} ({t.path}) changed after release: its sha256 is {t.sha256}, LOCK "
               f"says {t.locked}; restore it and publish the change as a new version"
               for t in self.templates.values() if t.modified]
        root = prompts_root()
        for prompt_id in read_lock(root):
            if prompt_id not in self.templates:
                out.append(f"{prompt_id} is in {root / LOCK_NAME} but its file is missing")
        return out


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Markdown, not HTML: no autoescaping; keep the template's own newlines.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                keep_trailing_newline=True)


@lru_cache(maxsize=64)
def _compiled(body: str) -> Any:
    # Compiling costs a few milliseconds; every file of a kind renders the same template.
    return _environment().from_string(body)


#: Characters some readers (and models) treat as line breaks, though the file's lines are
#: counted at "\n": shown as spaces, so the numbering a model sees is the file's.
_OTHER_BREAKS = str.maketrans({c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def numbered(text: str) -> str:
    """Each line prefixed with its 1-based number, the way quotes are located later."""
    lines = text.replace("\r\n", "\n").translate(_OTHER_BREAKS).split("\n")
    width = len(str(len(lines)))
    return "\n".join(f"{i:>{width}}| {line}".rstrip() for i, line in enumerate(lines, 1))


def answer_shape(rubric: Rubric) -> str:
    """The shape of the JSON the model must return (see engines/answer.py)."""
    from ..engines.answer import answer_shape as shape

    return shape(rubric.ids)


def render(template: PromptTemplate, rubric: Rubric, doc: Document) -> RenderedPrompt:
    """Render ``template`` for ``doc``; refuses a released template that was modified."""
    if template.modified:
        raise PromptError(f"prompt {template.id} was modified after release ({template.path}); "
                          "restore it and publish the change as a new version")
    # The markers carry a tag derived from the document, so a document cannot close
    # the data section by guessing it (and the tag is stable, which keeps caching).
    tag = hashlib.sha256(doc.text.encode()).hexdigest()[:12]
    context = {
        "kind": template.kind,
        "rubric": {"kind": rubric.kind, "title": rubric.title,
                   "criteria": [{"id": c.id, "title": c.title, "description": c.description}
                                for c in rubric.criteria]},
        "document": {"path": doc.path, "numbered": numbered(doc.text),
                     "line_count": len(doc.lines)},
        "begin": f"<<<DOCUMENT {tag}>>>",
        "end": f"<<<END DOCUMENT {tag}>>>",
        "answer_shape": answer_shape(rubric),
    }
    try:
        text = _compiled(template.body).render(**context)
    except Exception as exc:  # noqa: BLE001 - jinja's errors are many; report one line
        raise PromptError(f"prompt {template.id} ({template.path}) failed to render: "
                          f"{type(exc).__name__}: {exc}") from exc
    if USER_MARK not in text:
        raise PromptError(f"prompt {template.id} has no '{USER_MARK}' line")
    system, user = text.split(USER_MARK, 1)  # the first mark: the document comes later
    system = system.replace(SYSTEM_MARK, "", 1).strip()
    return RenderedPrompt(template.id, system, user.strip() + "\n")


def lock_lines(library: PromptLibrary) -> str:
    """The LOCK file content for every built-in template (used when releasing)."""
    lines = ["# Released prompt templates: <kind>/v<N> <sha256 of the file>.",
             "# A released file never changes; publish a new version instead."]
    for template in sorted(library.templates.values(), key=lambda t: (t.kind, t.version)):
        if template.source == "built-in":
            lines.append(f"{template.id} {template.sha256}")
    return "\n".join(lines) + "\n"


__all__ = ["PromptError", "PromptLibrary", "PromptTemplate", "RenderedPrompt",
           "lock_lines", "numbered", "prompts_root", "read_lock", "render"]
