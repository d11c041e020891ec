"""The Critic base class: what a plugin implements for one kind of artifact."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .document import Document
    from .review import CriterionResult
    from .rubric import Rubric


class Critic:
    """Judges one kind of document against its rubric.

    Subclasses set the class attributes and implement :meth:`check`; a plugin hands an
    instance to ``register`` in its ``register_critics`` hook. Detection is pmcoach's job:
    the critic only declares its evidence in :attr:`signature` (docs/detection.md).
    """

    #: The kind id (``case-study``), used in front matter, ``--kind`` and reports.
    kind: ClassVar[str]
    #: A human title (``Portfolio case study``).
    title: ClassVar[str]
    rubric: ClassVar[Rubric]
    #: The prompt template version this critic uses by default (``prompts/<kind>/v<N>.md.j2``).
    prompt_version: ClassVar[int | None] = None
    #: The kind's detection signature: a YAML file's path or the mapping itself. Without
    #: one the kind is reviewed only when front matter, --kind or the config names it.
    signature: ClassVar[str | Path | Mapping[str, Any] | None] = None

    def check(self, doc: Document) -> list[CriterionResult]:
        """Judge every criterion of the rubric offline: no network, deterministic."""
        raise NotImplementedError

    @property
    def prompt_id(self) -> str | None:
        return f"{self.kind}/v{self.prompt_version}" if self.prompt_version else None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} kind={self.kind!r}>"
