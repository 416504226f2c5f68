"""The spaCy component: ``nlp.add_pipe("entx", config={...})``.

Every mention entx finds becomes a span in ``doc.spans["entx"]`` and, unless
it clashes with an entity already in ``doc.ents`` (``overwrite_ents`` is
false by default), an entity in ``doc.ents``: ``label_`` is the mention's
type, ``kb_id_`` its gazetteer id ("" for a mention a rule found), and
``span._.entx`` the mention's dict as :meth:`entx.Extractor.extract` returns
it (exact character and byte offsets, name, via, candidates …).

The factory is registered through the ``spacy_factories`` entry point, so a
saved pipeline loads with ``spacy.load`` without importing this module
first. The component keeps no data of its own: a saved pipeline stores its
config (``config.cfg``), gazetteer paths exactly as given, and loading it
reads those paths again (relative ones from the working directory).
"""

from typing import Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from . import Extractor

#: The Span extension that holds each mention's fields.
EXTENSION = "entx"

#: spaCy's tokens need not end where entx's mentions do (entx matches on
#: UAX #29 word boundaries, spaCy tokenizes by its own rules). "expand"
#: widens a span to the tokens it touches, so no mention is lost; the exact
#: offsets stay in ``span._.entx``. "contract" would drop a mention that sits
#: inside one spaCy token.
ALIGNMENT_MODE = "expand"


@Language.factory(
    "entx",
    assigns=["doc.ents", "doc.spans"],
    default_config={
        "gazetteers": [],
        "builtin": True,
        "rules": True,
        "case": "smart",
        "overwrite_ents": False,
        "spans_key": "entx",
        "threads": 1,
    },
)
def make_entx(
    nlp: Language,
    name: str,
    gazetteers: List[str],
    builtin: bool,
    rules: bool,
    case: str,
    overwrite_ents: bool,
    spans_key: str,
    threads: int,
) -> "EntxComponent":
    """Make the component (spaCy calls this with the config's values)."""
    return EntxComponent(
        nlp,
        name,
        gazetteers=gazetteers,
        builtin=builtin,
        rules=rules,
        case=case,
        overwrite_ents=overwrite_ents,
        spans_key=spans_key,
        threads=threads,
    )


class EntxComponent:
    """Tags a Doc's text with entx and records the mentions as spans.

    ``gazetteers``, ``builtin``, ``rules`` and ``case`` are
    :class:`entx.Extractor`'s arguments. ``overwrite_ents`` lets mentions
    replace overlapping entities already in ``doc.ents``; ``spans_key`` is
    the ``doc.spans`` key; ``threads`` is how many threads ``nlp.pipe``
    tags a batch of documents on.
    """

    def __init__(
        self,
        nlp: Optional[Language] = None,
        name: str = "entx",
        *,
        gazetteers: Iterable[str] = (),
        builtin: bool = True,
        rules: bool = True,
        case: str = "smart",
        overwrite_ents: bool = False,
        spans_key: str = "entx",
        threads: int = 1,
    ) -> None:
        if threads < 1:
            raise ValueError(f"threads must be at least 1, not {threads}")
        self.name = name
        self.extractor = Extractor(
            [str(g) for g in gazetteers], builtin=builtin, rules=rules, case=case
        )
        self.overwrite_ents = overwrite_ents
        self.spans_key = spans_key
        self.threads = threads
        if not Span.has_extension(EXTENSION):
            Span.set_extension(EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        self.annotate(doc, self.extractor.extract(doc.text))
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Tag documents a batch at a time, on ``threads`` threads."""
        for docs in minibatch(stream, size=batch_size):
            results = self.extractor.extract_many(
                (doc.text for doc in docs),
                threads=self.threads,
                chunk_size=max(len(docs), 1),
            )
            for doc, result in zip(docs, results):
                self.annotate(doc, result)
                yield doc

    def annotate(self, doc: Doc, result: dict) -> None:
        """Put one :meth:`entx.Extractor.extract` result on ``doc``."""
        spans = []
        for m in result["mentions"]:
            span = doc.char_span(
                m["start"],
                m["end"],
                label=m["type"],
                kb_id=m["entity"] or "",
                alignment_mode=ALIGNMENT_MODE,
            )
            if span is None:
                continue
            span._.set(EXTENSION, m)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        # Two mentions inside one spaCy token expand to the same tokens:
        # doc.ents takes the first.
        new = filter_spans(spans)
        taken = [False] * len(doc)
        if self.overwrite_ents:
            for span in new:
                taken[span.start : span.end] = [True] * len(span)
            kept = [e for e in doc.ents if not any(taken[e.start : e.end])]
            ents = kept + new
        else:
            for ent in doc.ents:
                taken[ent.start : ent.end] = [True] * len(ent)
            ents = list(doc.ents)
            ents += [s for s in new if not any(taken[s.start : s.end])]
        doc.ents = sorted(ents, key=lambda s: s.start)
