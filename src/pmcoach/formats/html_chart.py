"""The competency map's geometry: a radar chart drawn as inline SVG by the HTML template.

Only numbers and label positions are computed here; the template writes the SVG, so every
label goes through the template's escaping like any other text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

#: The SVG's coordinate box; the chart scales to its container's width.
WIDTH, HEIGHT = 520, 380
CENTER_X, CENTER_Y, RADIUS = WIDTH / 2, 182, 112
RINGS = (0.25, 0.5, 0.75, 1.0)
#: Distance from the outer ring to an axis label.
LABEL_GAP = 16
#: Labels longer than this are split over two lines, so the chart stays narrow.
WRAP_AT = 12
LINE_HEIGHT = 17


@dataclass(frozen=True, slots=True)
class Axis:
    """One competency's spoke: its outer end, its value's point and its label."""

    name: str
    strength: str
    score: float  # 0..1; 0 when nothing evidences the competency
    x: float
    y: float
    point_x: float
    point_y: float
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor: start, middle or end
    label_lines: tuple[str, ...]  # the name (one or two lines), then the value


@dataclass(frozen=True, slots=True)
class Radar:
    width: int
    height: int
    center_x: float
    center_y: float
    axes: tuple[Axis, ...]
    rings: tuple[str, ...]  # polygon points of each grid ring
    shape: str  # polygon points of the scores


def radar(competencies: list[dict[str, object]]) -> Radar | None:
    """The chart for the report's competencies; None when there are too few for a shape."""
    count = len(competencies)
    if count < 3:
        return None
    angles = [2 * math.pi * i / count - math.pi / 2 for i in range(count)]  # first at the top
    axes = tuple(_axis(c, a) for c, a in zip(competencies, angles, strict=True))
    rings = tuple(_points((RADIUS * r * math.cos(a), RADIUS * r * math.sin(a)) for a in angles)
                  for r in RINGS)
    shape = _points((a.point_x - CENTER_X, a.point_y - CENTER_Y) for a in axes)
    return Radar(WIDTH, HEIGHT, CENTER_X, CENTER_Y, axes, rings, shape)


def _axis(competency: dict[str, object], angle: float) -> Axis:
    raw = competency.get("score")
    score = min(max(float(raw), 0.0), 1.0) if isinstance(raw, int | float) else 0.0
    cos, sin = math.cos(angle), math.sin(angle)
    value = f"{round(score * 100)}%" if isinstance(raw, int | float) else "no evidence"
    lines = (*_wrap(str(competency.get("name") or competency.get("id") or "")), value)
    anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
    label_x = CENTER_X + (RADIUS + LABEL_GAP) * cos
    label_y = CENTER_Y + (RADIUS + LABEL_GAP) * sin
    # Centre a label on its spoke's end: above the chart it grows upwards, below downwards.
    if sin < -0.3:
        label_y -= LINE_HEIGHT * (len(lines) - 1)
    elif sin > 0.3:
        label_y += LINE_HEIGHT * 0.8
    else:
        label_y -= LINE_HEIGHT * (len(lines) - 1) / 2 - 5
    return Axis(
        name=str(competency.get("name") or ""), strength=str(competency.get("strength") or ""),
        score=score, x=_round(CENTER_X + RADIUS * cos), y=_round(CENTER_Y + RADIUS * sin),
        point_x=_round(CENTER_X + RADIUS * score * cos),
        point_y=_round(CENTER_Y + RADIUS * score * sin),
        label_x=_round(label_x), label_y=_round(label_y), anchor=anchor, label_lines=lines)


def _wrap(name: str) -> tuple[str, ...]:
    words = name.split()
    if len(name) <= WRAP_AT or len(words) < 2:
        return (name,)
    # Split where the two lines come out most even.
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i]))
                                                       - len(" ".join(words[i:]))))
    return " ".join(words[:cut]), " ".join(words[cut:])


def _points(offsets: Iterable[tuple[float, float]]) -> str:
    """SVG polygon points for offsets from the centre."""
    return " ".join(f"{_round(CENTER_X + dx)},{_round(CENTER_Y + dy)}" for dx, dy in offsets)


def _round(value: float) -> float:
    return round(value, 1)
