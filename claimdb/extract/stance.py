"""Stances: (actor, topic, support|oppose), read from demands and evaluative claims.

A demand supports its topic unless what is demanded ends, stops or negates it ("an end to
NATO expansion" opposes `nato-expansion`). A claim takes a stance when a topic word is
governed by an evaluative word ("we do not want war": `want`, negated, opposes `war`;
"the withdrawal is a good sign": `good` supports `troop-withdrawal`). Claims that only
report, with no evaluative word near the topic, give no stance. Groups and unnamed sources
("MPs", "critics", "a senior official") hold stances too: a position is worth recording
even when the article does not name who holds it. One stance per actor and topic per
article: the evidence is summed and the sign wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdb.extract.actors import ActorDraft
from claimdb.extract.claims import MEDIA_CUES, ClaimDraft
from claimdb.extract.demands import DemandDraft
from claimdb.extract.document import Document
from claimdb.extract.lexicon import Lexicon, lexicon
from claimdb.extract.names import normalize_name
from claimdb.extract.syntax import object_of, supposed
from claimdb.topics import Taxonomy, words_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_MAX_CLIMB = 6
# Nouns that make a demand one for information about a topic, not for the topic itself.
_ABOUT_NOUNS = frozenset(
    "assessment analysis review study report audit estimate evaluation cost impact effect"
    " explanation detail breakdown list data information account inquiry investigation".split()
)


# Prepositions through which a word judges its object: "support for talks", "an end to
# the war", "opposed to enlargement"; not "at a table", "in Geneva", "after the war".
_ABOUT_PREPOSITIONS = frozenset(
    "of for to on against with about toward towards into over behind from".split()
)
_TIME_PREPOSITIONS = frozenset("before after until during since ahead".split())
_SUBORDINATORS = frozenset("if unless whether before until once when while after".split())


def _subordinate(token: Token) -> bool:
    """An adverbial clause of condition or time ("before talks begin", "if X wants Y")."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in token.children
    )


def _asked(token: Token) -> bool:
    """An indirect question: "whether we have signed up to somebody else's war"."""
    return any(c.dep_ == "mark" and c.lower_ == "whether" for c in token.children)


def _verb_of_gerund(word: str, known: frozenset[str]) -> str:
    """The known verb a gerund noun is made from ("lifting" -> "lift", "easing" -> "ease",
    "scrapping" -> "scrap"), or the word itself."""
    stem = word[:-3]
    for verb in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
        if verb in known:
            return verb
    return word


@dataclass(eq=False)
class StanceDraft:
    actor: ActorDraft
    topic: str
    polarity: str
    evidence_kind: str
    evidence: int
    confidence: float


class StanceReader:
    def __init__(self, document: Document, taxonomy: Taxonomy) -> None:
        self.d = document
        self.doc = document.doc
        self.taxonomy = taxonomy
        self.lex: Lexicon = lexicon()

    def run(self, claims: list[ClaimDraft], demands: list[DemandDraft]) -> list[StanceDraft]:
        votes: dict[tuple[int, str], list[StanceDraft]] = {}
        for i, demand in enumerate(demands):
            if demand.demander is None or demand.topic is None:
                continue
            span = self.doc.char_span(demand.start, demand.end, alignment_mode="expand")
            if demand.topic_pointed_back:
                # "The Pentagon should delay the move": judged by the act asked for alone
                polarity = self._pointed_polarity(span) if span is not None else None
                if polarity is None:
                    continue
            elif demand.topic_from_context:
                continue  # a topic guessed from the sentence is too weak to hold a position on
            elif span is not None and self._takes_no_side(span, demand.topic):
                continue
            else:
                polarity = self._demand_polarity(demand, span)
            self._vote(
                votes, StanceDraft(demand.demander, demand.topic, polarity, "demand", i, demand.confidence)
            )
        for i, claim in enumerate(claims):
            if claim.speaker is None:
                continue
            for stance in self._claim_stances(claim, i):
                self._vote(votes, stance)
        return [self._decide(group) for group in votes.values()]

    @staticmethod
    def _vote(votes: dict[tuple[int, str], list[StanceDraft]], stance: StanceDraft) -> None:
        votes.setdefault((id(stance.actor), stance.topic), []).append(stance)

    @staticmethod
    def _decide(group: list[StanceDraft]) -> StanceDraft:
        score = sum((1 if s.polarity == "support" else -1) * s.confidence for s in group)
        polarity = "support" if score >= 0 else "oppose"
        agreeing = [s for s in group if s.polarity == polarity]
        best = max(agreeing, key=lambda s: s.confidence)
        confidence = min(0.95, best.confidence + 0.05 * (len(agreeing) - 1))
        return StanceDraft(
            best.actor, best.topic, polarity, best.evidence_kind, best.evidence, round(confidence, 2)
        )

    def _takes_no_side(self, span: Span, topic: str) -> bool:
        """The demand names the topic without asking for it: it asks for information about it
        ("publish an assessment of the cost of sanctions"), or the topic only dates it ("brief
        the Senate before the next round of talks")."""
        words = [(words_of(t.text) or [""])[0] for t in span]
        triggers = self.taxonomy.trigger_words(topic, words)
        hits = [t for t, w in zip(span, words, strict=True) if w in triggers]

        def under(t: Token, governs: Callable[[Token], bool]) -> bool:
            return any(governs(a) and span.start <= a.i < t.i for a in t.ancestors)

        def about(a: Token) -> bool:
            return a.lemma_.casefold() in _ABOUT_NOUNS

        def time(a: Token) -> bool:
            return a.dep_ == "prep" and a.lower_ in _TIME_PREPOSITIONS

        return bool(hits) and (all(under(t, about) for t in hits) or all(under(t, time) for t in hits))

    def _demand_polarity(self, demand: DemandDraft, span: Span | None) -> str:
        """Support, or oppose when what is demanded stops, ends or negates the topic: read
        up the parse from the topic's word, or failing that along the words before it."""
        by_parse = self._polarity_by_parse(demand, span) if span is not None else None
        return by_parse or self._polarity_by_order(demand, span)

    def _pointed_polarity(self, span: Span) -> str | None:
        """What a demand that points back ("delay the move", "reverse this decision", "it
        must stop", "drop its threat of a veto") asks of the thing pointed to: the verb's
        own judgement, turned by a negative object; none when the verb judges nothing."""
        verb = span.root
        value = self._word_value(verb.lemma_.casefold())
        if not value:
            return None
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is not None and obj.lemma_.casefold() in self.lex.negative:
            value = -value  # dropping an objection is consent
        return "support" if value > 0 else "oppose"

    def _polarity_by_parse(self, demand: DemandDraft, span: Span) -> str | None:
        """Count the stopping words and negations governing the topic's word, climbing no
        further than a conjunct: "stop hyping the issue and return to consultations" asks
        for talks, "ASEAN, not three of its members, should negotiate" too."""
        assert demand.topic is not None
        words = {t.i: (words_of(t.text) or [""])[0] for t in span}
        triggers = self.taxonomy.trigger_words(demand.topic, list(words.values()))
        tokens = [self.doc[i] for i, w in words.items() if w in triggers]
        if not tokens:
            return None
        topic_tokens = {t.i for t in tokens}
        node = tokens[-1]  # the thing itself: "the alliance renounce further enlargement"
        flips = int(any(self._negated(t) for t in tokens))  # "no missiles will be stationed"
        while (
            node.dep_ not in ("conj", "parataxis")
            and node.head.i != node.i
            and span.start <= node.head.i < span.end
        ):
            manner = node.dep_ == "amod"  # "a negotiated end to the fighting" ends the fighting
            node = node.head
            if node.i in topic_tokens:
                continue  # "withdraw its forces": both topic words
            flips += int(self._negated(node)) + int(self._value(node) < 0 and not manner)
        flips += self.taxonomy.inverted(demand.topic, list(words.values()))
        return "oppose" if flips % 2 else "support"

    def _polarity_by_order(self, demand: DemandDraft, span: Span | None) -> str:
        """For a topic not found in the parse: a negation or a stopping word before the
        topic's words opposes it."""
        text = self.d.text[demand.start : demand.end]
        words = words_of(text)
        assert demand.topic is not None
        triggers = self.taxonomy.trigger_words(demand.topic, words)
        # The last topic word is the thing itself ("the alliance renounce further
        # enlargement": "enlargement", not "alliance"); what comes before it says what is
        # to be done with it.
        last = max((i for i, w in enumerate(words) if w in triggers), default=len(words))
        before = [w for w in words[:last] if w not in triggers]  # "withdraw its forces": both topic words
        # Compare lemmas: "lift limits on missiles" is two negatives ("lift", "limit").
        lemma_of = {t.lower_: t.lemma_.casefold() for t in span} if span is not None else {}
        flips = sum(1 for w in before if w in self.lex.negations or lemma_of.get(w, w) in self.lex.negative)
        joined = " ".join(before)
        flips += sum(joined.count(phrase) for phrase in self.lex.negative_phrases)
        flips += self.taxonomy.inverted(demand.topic, words)  # a ceasefire is against war
        return "oppose" if flips % 2 else "support"

    def _claim_stances(self, claim: ClaimDraft, index: int) -> list[StanceDraft]:
        if self.doc[claim.cue_token].lemma_ in MEDIA_CUES:
            return []  # "the daily reported that …": relaying what others said takes no side
        out: list[StanceDraft] = []
        seen: set[str] = set()
        for start, end in self.d.sentence_pieces(claim.start, claim.end):
            for stance in self._piece_stances(claim, index, start, end):
                if stance.topic not in seen:
                    seen.add(stance.topic)
                    out.append(stance)
        return out

    def _piece_stances(self, claim: ClaimDraft, index: int, start: int, end: int) -> list[StanceDraft]:
        topics = self.d.topics_in(self.taxonomy, start, end)
        if not topics:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        words_by_token = {t.i: (words_of(t.text) or [""])[0] for t in span}
        # "rejected calls for a pullback": the cue of an object it judges judges too.
        judge = self.doc[claim.cue_token] if claim.kind == "object" else None
        out = []
        for topic in topics:
            triggers = self.taxonomy.trigger_words(topic, list(words_by_token.values()))
            tokens = [self.doc[i] for i, w in words_by_token.items() if w in triggers]
            polarity = None
            for token in tokens:
                polarity = self._evaluate(token, span.start, span.end, {t.i for t in tokens}, judge)
                if polarity is not None:
                    break
            if polarity is None and claim.speaker is not None:
                polarity = self._own_intention(tokens, claim.speaker)
            if polarity is None:
                # "their withdrawal was out of the question", "talks are off the table"
                piece = " ".join(words_of(self.d.text[start:end]))
                if any(phrase in piece for phrase in self.lex.negative_phrases):
                    polarity = "oppose"
            if polarity is None:
                continue
            if self.taxonomy.inverted(topic, list(words_by_token.values())):
                if polarity == "oppose":
                    continue  # rejecting a ceasefire is not wanting war
                polarity = "oppose"  # "a ceasefire is vital"
            confidence = 0.6 if claim.direct else 0.55
            out.append(StanceDraft(claim.speaker, topic, polarity, "claim", index, confidence))  # type: ignore[arg-type]
        return out

    def _evaluate(
        self, trigger: Token, start: int, end: int, triggers: set[int], judge: Token | None = None
    ) -> str | None:
        """Climb from the topic word towards the clause root; the first evaluative word on
        the way decides, each negation met flips it; ``judge`` is the cue the climb may end
        on. Failing that, an evaluative adjective in the same sentence of the claim ("…, and
        this is a good sign")."""
        if any(_subordinate(a) or _asked(a) for a in (trigger, *trigger.ancestors) if start <= a.i < end):
            # "… once the fighting stopped": a time or a condition, not a judgement; "deserve
            # to know whether we signed up to a war": a question, not an answer
            return None
        sign = 1 if not self._negated(trigger) else -1
        node = trigger
        for _ in range(_MAX_CLIMB):
            head = node.head
            if judge is not None and head.i == judge.i and node.dep_ not in ("conj", "parataxis"):
                value = self._value(judge) or self._label_value(judge, node)
                if value and not self._negated(judge):  # not criticizing is no support
                    return "support" if value * sign > 0 else "oppose"
                break
            # A coordinated or loosely attached clause is not governed by its head:
            # "…, and options to avoid war have not been exhausted" says nothing of "is".
            if head.i == node.i or not (start <= head.i < end) or node.dep_ in ("conj", "parataxis"):
                break
            # Nor is a condition or a time ("… withdraw before any negotiations begin"),
            # nor a place or a manner ("the war will end at a negotiating table").
            if _subordinate(node) or (node.dep_ == "pobj" and head.lower_ not in _ABOUT_PREPOSITIONS):
                break
            node = head
            if supposed(node):
                break  # "If Congress wants tougher sanctions, …": wanted only in a supposition
            if node.i in triggers:
                continue
            value = self._value(node)
            if self._negated(node):
                if (
                    value < 0
                    and not self._no_longer(node)
                    and not self._none_of(node)
                    and not self._cannot(node)
                ):
                    # "does not oppose enlargement": no objection, nor support yet; but what
                    # "cannot be traded away" is held to
                    return None
                sign = -sign
            if value:
                sign *= self._negation_above(node, start, end)
                return "support" if value * sign > 0 else "oppose"
            for child in node.children:  # the copula's predicate: "X is a good sign"
                if child.dep_ in ("attr", "acomp") and child.i not in triggers:
                    # "an act of banditry", "a form of blackmail": the kind of act judges
                    kind = object_of(child, ("of",)) if child.pos_ == "NOUN" else None
                    value = self._value(child) or (self._value(kind) if kind is not None else 0)
                    if value:
                        return "support" if value * sign > 0 else "oppose"
        sent = trigger.sent
        for t in self.doc[max(sent.start, start) : min(sent.end, end)]:
            if t.pos_ == "ADJ" and t.i not in triggers:
                value = self._value(t)
                if value:
                    sign = -1 if self._negated(t.head) else 1
                    return "support" if value * sign > 0 else "oppose"
        return None

    def _label_value(self, judge: Token, named: Token) -> int:
        """What a cue that names a thing calls it: "called the sanctions “economic
        banditry”", "described the pullback as a welcome step" (the parser hangs "as" on
        either word); the label's own judgement, or that of the kind of act it names ("an
        act of piracy")."""
        for child in (*named.rights, *judge.rights):
            if child.i <= named.i:
                continue
            label = child if child.dep_ == "oprd" else None
            if child.dep_ == "prep" and child.lower_ == "as":
                label = next((c for c in child.children if c.dep_ == "pobj"), None)
            if label is not None:
                kind = object_of(label, ("of",)) if label.pos_ == "NOUN" else None
                return self._value(label) or (self._value(kind) if kind is not None else 0)
        return 0

    def _own_intention(self, tokens: list[Token], speaker: ActorDraft) -> str | None:
        """What the speaker's own side will or will not do: "Norway will not pull its troops
        back" (said by Norway's minister) opposes the withdrawal, "we will withdraw" supports
        it. Only a topic verb with "will"/"would" and the speaker's side as its subject."""
        for verb in (t for t in tokens if t.pos_ == "VERB"):
            if not any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children
            ):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and self._speaks_for(subject, speaker):
                return "oppose" if self._negated(verb) else "support"
        return None

    def _speaks_for(self, subject: Token, speaker: ActorDraft) -> bool:
        """``subject`` is the speaker or the side the speaker speaks for ("we", "Norway" in
        the words of Norway's defence minister)."""
        if subject.lower_ in ("we", "i"):
            return True
        if subject.lower_ in self.lex.state_nouns and speaker.kind == "person" and speaker.roles:
            return True  # a minister's "the government will not …" is her own government
        name = normalize_name(subject.text)
        if name in {normalize_name(a) for a in (speaker.name, *speaker.aliases)}:
            return True
        return name in speaker.roles  # "Norway's defence minister" has "norway" among her roles

    def _value(self, token: Token) -> int:
        for particle in (c for c in token.children if c.dep_ in ("prt", "advmod")):
            # "ruled out a pullback"; "could not be traded away" (a passive's "away" is parsed
            # as an adverb)
            if f"{token.lemma_.casefold()} {particle.lower_}" in self.lex.negative_phrases:
                return -1
        for child in token.children:
            if child.dep_ == "amod" and (value := self._word_value(child.lemma_.casefold())):
                return value
        lemma = token.lemma_.casefold()
        if token.pos_ == "NOUN" and lemma.endswith("ing"):
            lemma = _verb_of_gerund(lemma, self.lex.judging_words)  # "the lifting of"
        if value := self._word_value(lemma):
            return value
        if token.pos_ in ("VERB", "AUX") and self._obliged(token):
            return 1  # "any ceasefire must begin with the withdrawal of troops": required
        return 0

    def _word_value(self, lemma: str) -> int:
        """1 for a positive word of the lexicon, -1 for a negative one, else 0."""
        return 1 if lemma in self.lex.positive else -1 if lemma in self.lex.negative else 0

    def _negation_above(self, node: Token, start: int, end: int) -> int:
        """-1 when a negated word governs the evaluative one closely: "had no intention of
        easing sanctions" supports them; or when it is the subject of what must not happen:
        "the easing of sanctions must not become the first crack in the wall"."""
        if node.dep_ in ("nsubj", "nsubjpass") and start <= node.head.i < end and self._must_not(node.head):
            return -1
        sign = 1
        for _ in range(3):
            # Only up through what a word governs as its object: "intention [of] easing".
            if node.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "dobj", "acl") or node.head.i == node.i:
                break
            node = node.head
            if not (start <= node.i < end):
                break
            if self._negated(node):
                return -sign
            if self._value(node) < 0:
                sign = -sign  # "would oppose any easing of sanctions", "rejected calls to ease them"
        return sign

    def _obliged(self, verb: Token) -> bool:
        """ "must begin", "has to stop": the verb carries an obligation modal."""
        return any(c.dep_ == "aux" and c.lower_ in self.lex.obligation_modals for c in verb.children)

    def _must_not(self, verb: Token) -> bool:
        """ "must not become", "should not be allowed": a negated obligation."""
        return self._negated(verb) and self._obliged(verb)

    @staticmethod
    def _cannot(token: Token) -> bool:
        """ "could not be traded away", "must not be lifted": a negated possibility or duty."""
        return any(
            c.dep_ == "aux" and c.lower_ in ("can", "ca", "could", "must", "should") for c in token.children
        )

    @staticmethod
    def _none_of(token: Token) -> bool:
        """ "had no objection to Ukraine joining": a stated lack of objection is consent."""
        return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)

    @staticmethod
    def _no_longer(token: Token) -> bool:
        return any(c.dep_ == "advmod" and c.lower_ == "longer" for c in token.children)

    def _negated(self, token: Token) -> bool:
        return any(
            c.dep_ == "neg"
            or (c.dep_ == "det" and c.lower_ == "no")
            # "no longer ruled out": the parser hangs the "no" on "longer"
            or (c.dep_ == "advmod" and c.lower_ == "longer" and any(g.dep_ == "neg" for g in c.children))
            for c in token.children
        )
