"""What a model must answer, and pmcoach's own validation of it.

The answer's ``criteria`` is an object whose keys are exactly the rubric's criterion ids,
all required: a server that enforces the schema cannot leave one out. Every answer still
goes through :func:`parse_answer` whatever the engine or server did, leniently where that
is safe (a code fence, text around the JSON, raw control characters inside strings, the
older list shape, a verdict in capitals). A criterion that is missing or malformed is left
out and reported in ``ModelAnswer.uncovered``: its offline verdict stands.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

VERDICTS = ("met", "partial", "missing")


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
    """The model's review of one document: the criteria it judged usably."""

    model_config = ConfigDict(extra="ignore")

    criteria: list[ModelCriterion]
    summary: str = ""
    #: Rubric ids the answer did not judge usably (left out, or malformed).
    uncovered: list[str] = Field(default_factory=list)


class AnswerError(ValueError):
    """The answer is not usable at all; the text says what to fix."""


def json_schema(criterion_ids: list[str]) -> dict[str, Any]:
    """The strict JSON schema for ``response_format``: ``criteria`` maps every criterion id
    (all required, nothing else allowed) to its judgement."""
    return copy.deepcopy(_json_schema(tuple(criterion_ids)))


@lru_cache(maxsize=64)
def _json_schema(criterion_ids: tuple[str, ...]) -> dict[str, Any]:
    judgement = {
        "type": "object", "additionalProperties": False,
        "required": ["verdict", "message", "suggestion", "evidence"],
        "properties": {
            "verdict": {"type": "string", "enum": list(VERDICTS)},
            "message": {"type": "string"},
            "suggestion": {"type": "string"},
            "evidence": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["quote"],
                "properties": {"quote": {"type": "string"}}}},
        },
    }
    return {
        "type": "object", "additionalProperties": False, "required": ["criteria", "summary"],
        "properties": {
            "criteria": {"type": "object", "additionalProperties": False,
                         "required": list(criterion_ids),
                         "properties": {i: {"$ref": "#/$defs/judgement"}
                                        for i in criterion_ids}},
            "summary": {"type": "string"},
        },
        "$defs": {"judgement": judgement},
    }


_FENCE = re.compile(r"```(?:json)?\s*\n(.*?)\n\s*```", re.S)


def _data(content: str) -> Any:
    """The JSON value in a model's text: bare, fenced, or the outermost ``{...}``."""
    text = content.strip()
    fenced = _FENCE.search(text)  # some local models wrap JSON in a code fence
    if fenced:
        text = fenced.group(1).strip()
    start, end = text.find("{"), text.rfind("}")
    candidates = [text] + ([text[start:end + 1]] if 0 <= start < end else [])
    error: json.JSONDecodeError | None = None
    for candidate in candidates:
        try:
            # strict=False: raw newlines and tabs inside strings, as some grammars allow.
            return json.loads(candidate, strict=False)
        except json.JSONDecodeError as exc:
            error = error or exc
    assert error is not None
    raise AnswerError(f"the answer is not JSON ({error.msg} at character {error.pos})")


def _entries(criteria: Any) -> list[tuple[str, Any]]:
    """(id, judgement) pairs from the object shape or the older list shape."""
    if isinstance(criteria, dict):
        return [(str(k), v) for k, v in criteria.items()]
    if isinstance(criteria, list):
        return [(str(v.get("id")), v) for v in criteria if isinstance(v, dict)]
    raise AnswerError("the answer's 'criteria' is neither an object nor a list")


def _criterion(cid: str, value: Any) -> ModelCriterion | None:
    if not isinstance(value, dict):
        return None
    value = {**value, "id": cid}
    for key, empty in (("message", ""), ("suggestion", ""), ("evidence", [])):
        if value.get(key) is None:  # local models write null for "nothing to say"
            value[key] = empty
    if isinstance(value.get("verdict"), str):
        value["verdict"] = value["verdict"].strip().lower()
    evidence = value.get("evidence")
    if isinstance(evidence, list):  # bare strings are quotes too
        value["evidence"] = [{"quote": e} if isinstance(e, str) else e for e in evidence]
    try:
        return ModelCriterion.model_validate(value)
    except ValidationError:
        return None  # e.g. a verdict copied from the prompt's description


def parse_answer(content: Any, criterion_ids: list[str]) -> ModelAnswer:
    """The usable part of ``content`` (text or parsed data) for these criterion ids.

    Raises :class:`AnswerError` only when nothing is usable: not JSON, no ``criteria``,
    or not one criterion judged."""
    data: Any = _data(content) if isinstance(content, str) else content
    if isinstance(data, BaseModel):
        data = data.model_dump()
    if not isinstance(data, dict) or "criteria" not in data:
        raise AnswerError("the answer has no 'criteria' object")
    judged: dict[str, ModelCriterion] = {}
    for cid, value in _entries(data["criteria"]):
        if cid in criterion_ids and cid not in judged:
            item = _criterion(cid, value)
            if item is not None:
                judged[cid] = item
    if not judged:
        raise AnswerError("the answer judges none of the rubric's criteria "
                          f"({', '.join(criterion_ids)})")
    summary = data.get("summary")
    return ModelAnswer(criteria=[judged[i] for i in criterion_ids if i in judged],
                       summary=summary if isinstance(summary, str) else "",
                       uncovered=[i for i in criterion_ids if i not in judged])


def repair_message(error: AnswerError, criterion_ids: list[str]) -> str:
    """The corrective follow-up sent once when an answer is not usable at all."""
    return (f"Your previous reply could not be used: {error}. Reply again with only the JSON "
            f"object described above: 'criteria' holds one entry for each of these ids: "
            f"{', '.join(criterion_ids)}.")


def answer_shape(criterion_ids: list[str]) -> str:
    """The shape of the answer for a prompt, with placeholders a model cannot mistake for
    values to copy (the allowed verdicts are named in the prompt's text)."""
    first = criterion_ids[0] if criterion_ids else "criterion-id"
    example = {
        "criteria": {
            first: {"verdict": "<verdict>", "message": "<what you saw>",
                    "suggestion": "<the next edit to make>",
                    "evidence": [{"quote": "<text copied exactly from the document>"}]},
            "<every other criterion id>": "<an object like the one above>",
        },
        "summary": "<two or three sentences of overall coaching>",
    }
    return json.dumps(example, indent=2) + (
        '\n"<verdict>" is one of "met", "partial" or "missing"; "criteria" has one key per '
        "criterion id: " + ", ".join(criterion_ids) + ".")


__all__ = ["AnswerError", "ModelAnswer", "ModelCriterion", "ModelEvidence", "VERDICTS",
           "answer_shape", "json_schema", "parse_answer", "repair_message"]
