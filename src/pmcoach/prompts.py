"""Deprecated: the prompt library moved to :mod:`pmcoach.coach.prompts` in 0.2.

``from pmcoach.prompts import PromptLibrary`` keeps working for plugin tests written against
0.1; import from ``pmcoach.coach.prompts`` instead (docs/plugins.md).
"""

import warnings

from .coach.prompts import PromptLibrary, RenderedPrompt, render

warnings.warn("pmcoach.prompts is deprecated: import from pmcoach.coach.prompts",
              DeprecationWarning, stacklevel=2)

__all__ = ["PromptLibrary", "RenderedPrompt", "render"]
