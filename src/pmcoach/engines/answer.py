"""What a model must answer, and pmcoach's own validation of it.

The answer is checked here whatever the engine or server did: a server may ignore the
schema, and a model may skip or repeat criteria, so every answer goes through
:func:`parse_answer` before pmcoach trusts it.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class ModelEvidence(BaseModel):
    model_config = ConfigDict(extra="ignore")

    quote: str = Field(description="Text copied exactly from the document.")


class ModelCriterion(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    verdict: Literal["met", "partial", "missing"]
    message: str
    suggestion: str = ""
    evidence: list[ModelEvidence] = Field(default_factory=list)


class ModelAnswer(BaseModel):
    """The model's review of one document."""

    model_config = ConfigDict(extra="ignore")

    criteria: list[ModelCriterion]
    summary: str = ""


class AnswerError(ValueError):
    """The answer is not valid JSON of the right shape; the text says what to fix."""


def json_schema(criterion_ids: list[str]) -> dict[str, Any]:
    """The strict JSON schema for ``response_format``, from the pydantic model, with
    criterion ids pinned to the rubric's (strict mode wants every key required and no
    extra properties)."""
    return copy.deepcopy(_json_schema(tuple(criterion_ids)))


@lru_cache(maxsize=64)
def _json_schema(criterion_ids: tuple[str, ...]) -> dict[str, Any]:
    # Generating the schema costs milliseconds; every file of a kind shares one.
    schema = ModelAnswer.model_json_schema()

    def strict(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
                for prop in node["properties"].values():
                    prop.pop("default", None)
            node.pop("title", None)
            for value in node.values():
                strict(value)
        elif isinstance(node, list):
            for value in node:
                strict(value)

    strict(schema)
    schema["$defs"]["ModelCriterion"]["properties"]["id"] = {"type": "string",
                                                            "enum": list(criterion_ids)}
    return schema


_FENCE = re.compile(r"^```(?:json)?\s*\n(.*?)\n```\s*$", re.S)


def parse_answer(content: Any, criterion_ids: list[str]) -> ModelAnswer:
    """Validate ``content`` (text or already-parsed data) as an answer for these ids."""
    data: Any = content
    if isinstance(content, str):
        text = content.strip()
        fenced = _FENCE.match(text)  # some local models wrap JSON in a code fence
        if fenced:
            text = fenced.group(1)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise AnswerError(f"the answer is not JSON ({exc.msg} at character {exc.pos})"
                              ) from None
    if isinstance(data, BaseModel):
        data = data.model_dump()
    try:
        answer = ModelAnswer.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'answer'}: {e['msg']}"
                             for e in exc.errors()[:5])
        raise AnswerError(f"the answer does not match the schema ({problems})") from None
    seen = [c.id for c in answer.criteria]
    unknown = sorted(set(seen) - set(criterion_ids))
    missing = [i for i in criterion_ids if i not in seen]
    repeated = sorted({i for i in seen if seen.count(i) > 1})
    if unknown or missing or repeated:
        parts = [f"{label}: {', '.join(ids)}" for label, ids in
                 (("missing criteria", missing), ("unknown criteria", unknown),
                  ("repeated criteria", repeated)) if ids]
        raise AnswerError(f"the answer does not cover the rubric ({'; '.join(parts)})")
    return answer


def repair_message(error: AnswerError, criterion_ids: list[str]) -> str:
    """The corrective follow-up sent once when an answer does not validate."""
    return (f"Your previous reply could not be used: {error}. Reply again with only the JSON "
            f"object described above, one entry for each of these criterion ids in this "
            f"order: {', '.join(criterion_ids)}.")
