"""What model calls cost: a small price table, overridable in the config.

Prices are US dollars per million tokens (input, output), as published by the provider.
They change; the table says when it was checked, and ``[tool.pmcoach.prices]`` (or
``[prices]`` in ``.pmcoach.toml``) overrides or adds models::

    [prices]
    "gpt-4.1-mini" = {input = 0.40, output = 1.60}
    "my-local-model" = {input = 0, output = 0}

A model with no price (a local server's, say) has no cost estimate rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Mapping

#: When the built-in prices were last checked against the providers' price pages.
CHECKED = "2026-11"
#: USD per million tokens: (input, output). The Batch API is half price.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "o4-mini": (1.10, 4.40),
    "o3": (2.00, 8.00),
}
BATCH_DISCOUNT = 0.5
#: What a review answer usually runs to, for estimates before anything is sent.
TYPICAL_ANSWER_TOKENS = 900


def price(model: str, overrides: Mapping[str, Mapping[str, float]] | None = None
          ) -> tuple[float, float] | None:
    """(input, output) USD per million tokens for ``model``, or None when unknown.

    ``openai:gpt-4.1-mini`` and dated snapshots (``gpt-4.1-mini-2025-04-14``) find the
    base model's price."""
    name = model.split(":", 1)[1] if model.startswith(("openai:", "langchain:")) else model
    table = {**PRICES, **{k: (float(v.get("input", 0)), float(v.get("output", 0)))
                          for k, v in (overrides or {}).items()}}
    for candidate in (name, name.rsplit("-", 3)[0] if name.count("-") >= 3 else None):
        if candidate in table:
            return table[candidate]
    return None


def cost(model: str, prompt_tokens: int, completion_tokens: int,
         overrides: Mapping[str, Mapping[str, float]] | None = None,
         batch: bool = False) -> float | None:
    """Estimated USD for these tokens, or None when the model's price is unknown."""
    found = price(model, overrides)
    if found is None:
        return None
    total = (prompt_tokens * found[0] + completion_tokens * found[1]) / 1_000_000
    return round(total * (BATCH_DISCOUNT if batch else 1.0), 6)
