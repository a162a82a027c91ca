"""Reading the dependency parse: who is the subject of a cue, repaired where the small
parser predictably goes wrong. Shared by the claim and demand rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimdb.extract.lexicon import lexicon

if TYPE_CHECKING:
    from collections.abc import Collection

    from spacy.tokens import Doc, Token

# Relations through which a verb without a subject shares its head's subject:
# "…, adding that", "…, saying", "and denied", "was quoted as saying".
_INHERIT_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl", "dep")
# Passives that lend their subject to the infinitive after them: "X is understood to want",
# "X was said to have called for", "X is expected to demand".
RAISING_PASSIVES = frozenset(
    "understand say believe expect report think know rumour rumor consider see assume presume reckon".split()
)


def is_plural(noun: Token) -> bool:
    """A plural noun, including an acronym's plural the tagger reads as singular ("MPs")."""
    return noun.tag_ in ("NNS", "NNPS") or is_acronym_plural(noun)


def is_acronym_plural(noun: Token) -> bool:
    text = noun.text
    return len(text) > 2 and text.endswith("s") and text[:-1].isupper()


def is_finite(verb: Token) -> bool:
    """A verb with a tense of its own ("called", "was prepared", "will ask"), not an
    infinitive or a bare participle."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children
    )


def marked_by(clause: Token, word: str) -> bool:
    """The clause opens with the subordinating ``word``: "[that] B", "[for] X to be lifted"."""
    return any(c.dep_ == "mark" and c.lower_ == word for c in clause.children)


def object_of(token: Token, prepositions: Collection[str]) -> Token | None:
    """The object of the first of ``token``'s prepositions among ``prepositions``: "a
    statement [from] the ministry", "calls [from] farmers for …"."""
    return next(
        (
            p
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in prepositions
            for p in c.children
            if p.dep_ == "pobj"
        ),
        None,
    )


def supposed(clause: Token) -> bool:
    """An adverbial clause of supposition: "If Congress wants tougher sanctions, …",
    "unless …", "whether …" — what it says is only supposed."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in clause.children
    )


def before_joiners(doc: Doc, cut: int, floor: int) -> int:
    """``cut`` moved back over the "and" and commas that join what starts there to what
    comes before ("… was absurd[, and] urged allies …"), never below ``floor``."""
    while cut > floor and doc[cut - 1].dep_ in ("cc", "punct"):
        cut -= 1
    return cut


def after_comma(verb: Token) -> bool:
    """ "…, and wants X to": a comma before the joining word opens a clause of its own."""
    i = verb.left_edge.i - 1
    while i > 0 and verb.doc[i].dep_ == "cc":
        i -= 1
    return verb.doc[i].text == ","


def trailing_cue(verb: Token) -> tuple[Token, int] | None:
    """ "Berlin must „deliver …“, demanded their spokeswoman, Merle Jacobsen": a cue after
    the words it introduces, its source after it (the parser may make the source the verb's
    object). Returns the source and the index of the comma ending the words; None otherwise."""
    doc = verb.doc
    comma = verb.i - 1
    if verb.tag_ not in ("VBD", "VBZ") or comma <= verb.sent.start + 2 or doc[comma].text != ",":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children):
        return None
    if any(c.dep_ in ("xcomp", "ccomp", "prep", "advcl") for c in verb.rights):
        return None  # "…, and urged the allies to act": an act with its own content after it
    source = next((c for c in verb.rights if c.dep_ in ("nsubj", "dobj")), None)
    if source is None or source.left_edge.i != verb.i + 1:
        return None
    # the source ends the sentence: "…, demanded their spokeswoman, Merle Jacobsen."
    rest = doc[source.right_edge.i + 1 : verb.sent.end]
    return (source, comma) if all(t.is_punct or t.is_space for t in rest) else None


def in_opening_phrase(noun: Token) -> bool:
    """``noun`` is the object of the preposition that opens its sentence ("In Vilnius, …"),
    where the parser likes to hang the sentence's real subject as an apposition."""
    return noun.dep_ == "pobj" and noun.head.i == noun.sent.start


def is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def perfect_head(verb: Token) -> Token | None:
    """The "have" a past participle belongs to when the parser hung the participle on a
    noun instead ("Moscow has for years called for …" parsed as "years called")."""
    if verb.tag_ != "VBN" or verb.dep_ != "acl":
        return None
    for ancestor, _ in zip(verb.ancestors, range(3), strict=False):
        if ancestor.lemma_ == "have" and ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def _quoted_source(verb: Token) -> Token | None:
    """Whom an outlet passes on: "“…,” the agency quoted him as saying" (him), "Interfax,
    citing a source in the ministry, reported that …" (the source), not the outlet."""
    if verb.lemma_ == "quote" and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    for child in verb.children:
        if child.dep_ == "advcl":
            cited = cited_source(child)
            if cited is not None:
                return cited
    return None


def cited_source(citing: Token) -> Token | None:
    """The person or source a participle "citing" names ("citing a source in the
    ministry"), not the evidence it points to ("citing her work")."""
    if citing.lemma_ != "cite" or citing.tag_ != "VBG":
        return None
    cited = next((c for c in citing.children if c.dep_ == "dobj"), None)
    if cited is None:
        return None
    # Whom an outlet cites to pass on words ("citing a source", "citing the ministry"), not
    # the evidence it relies on ("citing figures from the ministry").
    lex = lexicon()
    lemma = cited.lemma_.casefold()
    speaks = lemma in lex.group_nouns or lemma in lex.person_roles or lemma in lex.organization_nouns
    return cited if cited.ent_type_ in ("PERSON", "ORG") or speaks else None


_COMPLEMENTS = ("ccomp", "xcomp", "acomp", "attr")


def _cue_above_clause(clause: Token, cue_lemmas: Collection[str]) -> Token | None:
    """The outermost cue a chain of complements hangs from: "said" in "said [the case showed
    [that the unit was [under-resourced]]]"."""
    cue = None
    while clause.dep_ in _COMPLEMENTS and clause.head.i != clause.i:
        clause = clause.head
        if lexicon().lemma(clause) in cue_lemmas:  # the parser's lemma of "hopes" may be "hop"
            cue = clause
    return cue


def source_of(verb: Token, cue_lemmas: Collection[str] = (), depth: int = 0) -> Token | None:
    """The token heading the phrase that performs ``verb`` (the source of a claim, the
    demander of a demand), or None when the parse shows none."""
    quoted = _quoted_source(verb)
    if quoted is not None:
        return quoted
    subjects = [
        c
        for c in verb.children
        # "Saturday … Sen. Warren said": a misparsed time, not the source; "the Paris daily
        # argues" is one (the recogniser took "daily" for a time)
        if c.dep_ in ("nsubj", "csubj")
        and (
            c.ent_type_ not in ("DATE", "TIME")
            or any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)
        )
    ]
    if subjects:
        # Two subjects are a misparse, mostly of "“…, it will,” said X": the quote's own
        # subject hangs on the cue too. The source is the one nearest the verb.
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for child in verb.lefts:
        # "In Vilnius, Lithuania's defence minister, Dovilė Rimkutė, told …", parsed as an
        # apposition of Vilnius and a verb without subject: the apposition is it.
        obj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if obj is not None and in_opening_phrase(obj):
            appos = next((c for c in obj.children if c.dep_ == "appos"), None)
            if appos is not None:
                return appos
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            agent = next((a for a in verb.children if a.dep_ == "agent"), None)
            if agent is not None:
                return next((p for p in agent.children if p.dep_ == "pobj"), None)
            if child.lower_ == "it":
                # "It was noted in the statement that …", "In the statement it is stressed
                # that …": the document the passive names says it
                return object_of(verb, ("in",))
            return child if verb.lemma_ in ("quote", "cite") else None
    head = verb.head
    if is_infinitive(verb) and head.i != verb.i and head.lemma_ in RAISING_PASSIVES:
        raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if raised is not None and not any(c.dep_ == "agent" for c in head.children):
            return raised  # "Holtkamp is understood to want …"
    if depth >= 3:
        return None
    if verb.dep_ == "conj" and is_finite(verb) and head.tag_ == "VB":
        # "said the EU was prepared to expand its mission and called for …": a verb with a
        # tense cannot be coordinated with an infinitive; it joins the cue above it.
        cue = next((a for a in head.ancestors if a.lemma_ in cue_lemmas), None)
        if cue is not None:
            return source_of(cue, cue_lemmas, depth + 1)
    if (have := perfect_head(verb)) is not None:
        return source_of(have, cue_lemmas, depth + 1)
    if verb.dep_ == "pcomp" and head.lower_ == "as":  # "quoted X as saying"
        quoted = head.head
        obj = next((c for c in quoted.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is not None:
            return obj
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # "began by saying …", "After saying …, she was taken …": the gerund's subject is
        # the clause's, or its object's in "criticized X for saying …".
        main = head.head
        if head.lower_ == "without":
            return None  # "ended the talks without agreeing how far …": nothing was agreed
        if head.lower_ in ("for", "of"):
            obj = next((c for c in main.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject if subject is not None else source_of(main, cue_lemmas, depth + 1)
    if (
        verb.dep_ == "conj"
        # "said the army had accepted X but wanted Y": the army's; ", and wants Y" is a new act
        and (verb.lemma_ != "want" or after_comma(verb))
        and head.dep_ in _COMPLEMENTS
        and (cue := _cue_above_clause(head, cue_lemmas)) is not None
    ):
        # "X told reporters that the demands were absurd and urged allies to …", "said the
        # case showed that the unit was weak and urged ministers to …": the parser joins the
        # second act to the reported clause; it is the first act's partner.
        if verb.i > cue.i:
            return source_of(cue, cue_lemmas, depth + 1)
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and head.dep_ == "ccomp"
        and head.head.lemma_ in cue_lemmas
        and verb.doc[verb.left_edge.i - 1].text == ","
    ):
        # "said the troops would stay, rejecting calls for …": the participle after the
        # comma is the speaker's act, not the reported subject's (the content ends there).
        return source_of(head.head, cue_lemmas, depth + 1)
    if verb.dep_ in ("advcl", "conj") and verb.tag_ == "VBG":
        # "The text stays private, she said, adding that …": the participle after a
        # parenthetical cue is that speaker's next act, not the reported subject's.
        aside = next(
            (c for c in head.children if c.dep_ == "parataxis" and c.lemma_ in cue_lemmas and c.i < verb.i),
            None,
        )
        if aside is not None:
            return source_of(aside, cue_lemmas, depth + 1)
    if verb.dep_ == "ccomp" and verb.i > 0 and verb.doc[verb.i - 1].dep_ == "cc" and head.pos_ == "VERB":
        # "it noted a growing realism and called on the EU to …": a coordinated act the
        # parser took for the first one's complement.
        return source_of(head, cue_lemmas, depth + 1)
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and head.tag_ != "VBG":
        # "…, stressing that X is normal and denouncing …": the second participle hangs on
        # the clause inside the first; its subject is the first's.
        for ancestor in head.ancestors:
            if ancestor.tag_ == "VBG" and ancestor.dep_ in ("advcl", "xcomp", "conj"):
                return source_of(ancestor, cue_lemmas, depth + 1)
    if verb.dep_ in _INHERIT_DEPS and head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        return source_of(head, cue_lemmas, depth + 1)
    if verb.dep_ == "acl" and in_opening_phrase(head):
        # "In Vilnius, Rasa Vaitkutė, who chairs …, called for …", parsed as Vilnius's
        # apposition and Vilnius's act: the name in apposition is the subject.
        name = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None:
            return name
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and head.dep_ == "ROOT" and is_finite(verb):
        # "Kazakhstan's business lobby, the National Chamber …, called for …": the parser
        # made the subject the sentence's root and the verb its modifier.
        return head
    if verb.dep_ == "acl" and head.pos_ == "NOUN":
        # "issued a statement saying …": the statement's author speaks.
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        if head.dep_ in ("dobj", "pobj") and head.head.pos_ == "VERB":
            return source_of(head.head, cue_lemmas, depth + 1)
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN") and not is_infinitive(verb):
        return head  # "Berg, who cited …"; not "a duty to defend …"
    return None


def tree_depth(token: Token) -> int:
    """How many heads above ``token`` its sentence's root is (0 for the root)."""
    steps = 0
    while token.head.i != token.i and steps < 50:
        token = token.head
        steps += 1
    return steps
