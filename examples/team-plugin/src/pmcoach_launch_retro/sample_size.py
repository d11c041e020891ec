"""A rule function: sentences that state a sample size of at least ``minimum``.

Numbers have to be read and compared, which a phrase list cannot do; the kind file calls
this as ``type: python, function: experiment-readout.sample-size, options: {minimum: N}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pmcoach.checks import fine_sentences
from pmcoach.document import Document, Sentence

# "n = 1,200", "n=400", "1,200 users", "3400 sessions per arm"
_SIZE = re.compile(r"\bn\s?=\s?(\d[\d,]{0,12})|\b(\d[\d,]{0,12})\s(?:users|visitors|sessions|"
                   r"customers|accounts|participants|people)\b", re.I)


def sample_sizes(doc: Document, options: Mapping[str, Any]) -> Iterator[tuple[Sentence, str]]:
    """Each sentence stating a sample of at least ``options['minimum']`` (default 1)."""
    minimum = int(options.get("minimum", 1))
    for sentence in fine_sentences(doc):
        for match in _SIZE.finditer(sentence.text):
            if int((match.group(1) or match.group(2)).replace(",", "")) >= minimum:
                yield sentence, match.group(0)
                break
