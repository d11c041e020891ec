"""Front matter read with limits: any file a pre-commit hook hands over may be hostile.

YAML can expand a few kilobytes into gigabytes (aliases of aliases), nest thousands
deep, or hold a number too long to convert. Front matter is a few ``key: value`` lines,
so pmcoach refuses anything beyond that with a clear message and reviews the body anyway.
"""

from __future__ import annotations

from typing import Any

import yaml

#: Front matter larger than this is not a few settings; it is refused unread.
MAX_CHARS = 32_000
#: Mappings and lists nested deeper than this are refused.
MAX_DEPTH = 20
#: Integers with more digits than this are refused (Python limits conversions too).
MAX_DIGITS = 100


class FrontMatterError(ValueError):
    """Front matter pmcoach will not read; the message says why, for the user."""


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases and deep nesting as it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise FrontMatterError("uses YAML aliases (*name), which pmcoach does not expand; "
                                   "write the values out")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise FrontMatterError(f"is nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _bounded_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    digits = len(str(node.value))  # hexadecimal and octal count too
    if digits > MAX_DIGITS:
        raise FrontMatterError(f"holds a number of {digits} digits (at most {MAX_DIGITS})")
    return int(yaml.SafeLoader.construct_yaml_int(loader, node))


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


def load(text: str) -> Any:
    """Parse front matter YAML within the limits; raises :class:`FrontMatterError` or
    :class:`yaml.YAMLError`."""
    if len(text) > MAX_CHARS:
        raise FrontMatterError(f"is larger than {MAX_CHARS // 1000} KB")
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except (FrontMatterError, yaml.YAMLError):
        raise
    except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise anything
        # ("date: 2024-13-01", "!!bool maybe", "!!timestamp foo"): still just bad YAML.
        raise FrontMatterError(f"has a value pmcoach cannot read ({exc})") from None
    finally:
        loader.dispose()
