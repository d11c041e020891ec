"""Critics as data: kind files of rules and verdict tables, run by one engine.

See docs/rules.md for the format. ``load_kind(path)`` turns a kind file into a critic.
"""

from .engine import Match, RuleFunction
from .kind import DataCritic, load_kind

__all__ = ["DataCritic", "Match", "RuleFunction", "load_kind"]
