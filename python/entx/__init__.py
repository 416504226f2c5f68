"""entx: find the people, organizations and places of a gazetteer in news text.

    >>> import entx
    >>> ex = entx.Extractor()
    >>> doc = ex.extract("Angela Merkel met Emmanuel Macron in Paris.")
    >>> [(m["text"], m["type"]) for m in doc["mentions"]]   # doctest: +SKIP
    [('Angela Merkel', 'PERSON'), ('Emmanuel Macron', 'PERSON'), ('Paris', 'LOC')]

Each result is what ``entx extract`` prints for the text, without the
``"id"``: ``{"mentions": [...], "entities": [...]}``, with the same keys,
in the same order, with the same values. ``start``/``end`` are Python string
indices (``text[m["start"]:m["end"]] == m["text"]``); ``byte_start`` and
``byte_end`` are UTF-8 byte offsets.

The spaCy component lives in :mod:`entx.spacy` (factory ``"entx"``).
"""

from ._entx import (
    EntxError,
    ExtractIter,
    Extractor,
    GazetteerError,
    GazetteerWarning,
)

__all__ = [
    "EntxError",
    "ExtractIter",
    "Extractor",
    "GazetteerError",
    "GazetteerWarning",
]
