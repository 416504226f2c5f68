"""Type stubs for the entx extension module (re-exported by ``entx``)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from typing import Literal

StrPath = Union[str, "os.PathLike[str]"]
Case = Literal["smart", "sensitive", "insensitive"]

# A mention: start, end, byte_start, byte_end, text, type, entity, (wikidata),
# name, via, (candidates). An entity row: entity, (wikidata), name, type,
# count, first. Keys in parentheses appear only when they apply.
Mention = Dict[str, Any]
EntityRow = Dict[str, Any]
Document = Dict[str, List[Dict[str, Any]]]

class EntxError(Exception):
    """Base class of the errors entx raises."""

class GazetteerError(EntxError):
    """A gazetteer that cannot be loaded (the message names the path)."""

class GazetteerWarning(UserWarning):
    """A gazetteer problem that did not stop loading it."""

class Extractor:
    """Finds the people, organizations and places of a gazetteer in text.

    ``gazetteers`` are TSV files, spaCy EntityRuler pattern files
    (``.jsonl``), directories of them, or one compiled index (``.idx``,
    used on its own). ``builtin`` puts the built-in gazetteer first;
    ``rules`` runs the rule-based sources (given name + surname, titles,
    company suffixes …); ``case`` is ``"smart"``, ``"sensitive"`` or
    ``"insensitive"``.

    Raises ``GazetteerError`` for a gazetteer that cannot be loaded,
    ``ValueError`` for a bad ``case``, ``TypeError`` when ``gazetteers`` is
    a single path rather than a list.
    """

    def __init__(
        self,
        gazetteers: Optional[Iterable[StrPath]] = None,
        *,
        builtin: bool = True,
        rules: bool = True,
        case: Case = "smart",
    ) -> None: ...
    def extract(self, text: str) -> Document:
        """Tag one text: ``{"mentions": [...], "entities": [...]}``."""
    def extract_many(
        self,
        texts: Iterable[str],
        *,
        threads: Optional[int] = None,
        chunk_size: int = 256,
    ) -> "ExtractIter":
        """Tag many texts on ``threads`` threads (default: all cores),
        reading ``texts`` lazily ``chunk_size`` at a time; results come in
        input order."""
    @property
    def pattern_count(self) -> int: ...
    @property
    def warnings(self) -> List[str]: ...

class ExtractIter(Iterator[Document]):
    def __iter__(self) -> "ExtractIter": ...
    def __next__(self) -> Document: ...
