"""The topic taxonomy: loading it from TOML and matching it against a span of text.

Matching is deliberately simple and explainable: a topic matches a span when one of its
terms has all of its word patterns in the span. An analyst can read `data/topics.toml` and
predict every assignment, and add topics of their own without touching code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claimdb.errors import TopicsError
from claimdb.resources import data_file

_WORD = re.compile(r"[\w'’-]+")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Pattern:
    word: str
    prefix: bool

    def matches(self, word: str) -> bool:
        if self.prefix:
            return word.startswith(self.word)
        return word == self.word or word == self.word + "s" or word == self.word + "es"

    def found_in(self, vocabulary: frozenset[str]) -> bool:
        """Whether any word of ``vocabulary`` matches: a set lookup for whole words, a scan
        only for prefixes."""
        if self.prefix:
            return any(w.startswith(self.word) for w in vocabulary)
        return self.word in vocabulary or self.word + "s" in vocabulary or self.word + "es" in vocabulary


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    patterns: tuple[Pattern, ...]

    def matches(self, vocabulary: frozenset[str]) -> bool:
        """Whether every pattern matches a word of ``vocabulary`` (the words as a set)."""
        return all(p.found_in(vocabulary) for p in self.patterns)


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    description: str
    terms: tuple[Term, ...]
    against: tuple[Term, ...] = ()
    """Terms that name the topic's opposite: calling for a "ceasefire" opposes `war`."""
    exclude: tuple[tuple[str, ...], ...] = ()
    """Word sequences taken out before matching: a "trade war" is not a `war`."""
    anaphora: tuple[Pattern, ...] = ()
    """Nouns that, after "the", "this" or a possessive, refer back to the topic once the
    article has named it: "the withdrawal" after "pulling troops out"."""

    def relevant(self, words: Sequence[str]) -> list[str]:
        """``words`` without this topic's excluded phrases, each hyphenated word followed by
        its parts ("shadow-fleet tankers" names the "shadow fleet"; the parser reads the parts
        as words too), unless they make an excluded phrase ("a trade-war")."""
        expanded: list[str] = []
        for word in words:
            parts = tuple(p for p in word.split("-") if p) if "-" in word else ()
            if parts and any(_holds(parts, phrase) for phrase in self.exclude):
                continue
            expanded.append(word)
            if len(parts) > 1:
                expanded.extend(parts)
        if not self.exclude:
            return expanded
        out: list[str] = []
        i = 0
        while i < len(expanded):
            hit = next((len(p) for p in self.exclude if tuple(expanded[i : i + len(p)]) == p), 0)
            if hit:
                i += hit
            else:
                out.append(expanded[i])
                i += 1
        return out

    def score(self, words: Sequence[str]) -> int:
        """How specific the best matching term is (its number of patterns); 0 for no match."""
        vocabulary = frozenset(self.relevant(words))
        return max(
            (len(t.patterns) for t in (*self.terms, *self.against) if t.matches(vocabulary)),
            default=0,
        )

    def inverted(self, words: Sequence[str]) -> bool:
        """True when only an opposite term matches: support for it is opposition to the topic."""
        vocabulary = frozenset(self.relevant(words))
        return any(t.matches(vocabulary) for t in self.against) and not any(
            t.matches(vocabulary) for t in self.terms
        )


# Words that make the noun after them (within two words) refer back: "the planned
# withdrawal", "this expansion", "its deployment".
_DEFINITE = frozenset("the this that these those its their his her our such any".split())


def _holds(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return any(words[i : i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


def words_of(text: str) -> list[str]:
    """Lower-cased words with possessive endings removed ("NATO’s" -> "nato")."""
    out = []
    for w in _WORD.findall(text.casefold()):
        w = w.replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w.strip("'-"))
    return [w for w in out if w]


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    sources: tuple[Path, ...] = ()
    """The user files added to the default taxonomy, so worker processes can load the same."""

    def ids(self) -> set[str]:
        return {t.id for t in self.topics}

    def match(self, text: str) -> list[str]:
        """Ids of every topic the text mentions, most specific first (ties in file order)."""
        words = words_of(text)
        scored = [(t.score(words), i, t.id) for i, t in enumerate(self.topics)]
        return [tid for score, _, tid in sorted(scored, key=lambda s: (-s[0], s[1])) if score]

    def referred(self, text: str) -> list[str]:
        """Ids of the topics ``text`` may refer back to with a definite noun ("the
        withdrawal", "its enlargement"); the caller keeps those the article named before."""
        if not any(t.anaphora for t in self.topics):
            return []
        words = _marked_words(text)
        return [t.id for t in self.topics if _anaphoric(t, words)]

    def trigger_words(self, topic_id: str, words: Sequence[str]) -> set[str]:
        """The words of ``words`` that made ``topic_id`` match (for locating it in a parse),
        or the nouns referring back to it when no term matches."""
        topic = next((t for t in self.topics if t.id == topic_id), None)
        if topic is None:
            return set()
        found: set[str] = set()
        words = topic.relevant(words)
        vocabulary = frozenset(words)
        for term in (*topic.terms, *topic.against):
            if term.matches(vocabulary):
                found.update(w for w in words for p in term.patterns if p.matches(w))
        if not found:
            found.update(w for w in words if any(p.matches(w) for p in topic.anaphora))
        found.update(w for w in words if "-" in w and found.intersection(w.split("-")))
        return found

    def inverted(self, topic_id: str, words: Sequence[str]) -> bool:
        topic = next((t for t in self.topics if t.id == topic_id), None)
        return topic is not None and topic.inverted(words)

    def best(self, text: str) -> str | None:
        """The single most specific topic the text mentions, or None."""
        found = self.match(text)
        return found[0] if found else None


def _marked_words(text: str) -> list[str]:
    """``words_of(text)``, with a possessive ("Ukraine’s") standing as "its" so that it
    counts as a determiner."""
    out = []
    for raw in _WORD.findall(text.casefold()):
        raw = raw.replace("’", "'")
        out.extend(["its"] if raw.endswith("'s") and len(raw) > 2 else words_of(raw))
    return out


def _anaphoric(topic: Topic, words: Sequence[str]) -> bool:
    return any(
        any(p.matches(w) for p in topic.anaphora) and _DEFINITE & set(words[max(0, i - 2) : i])
        for i, w in enumerate(words)
    )


def _parse_term(text: str, where: str) -> Term:
    raw = text.split()
    if not raw or len(raw) > 4:
        raise TopicsError(f"{where}: term {text!r} must have one to four words")
    patterns = []
    for token in raw:
        prefix = token.endswith("*")
        word = " ".join(words_of(token.rstrip("*")))
        if not word:
            raise TopicsError(f"{where}: term {text!r} has an empty word pattern")
        patterns.append(Pattern(word, prefix))
    return Term(text, tuple(patterns))


def _one_word(text: str, where: str) -> Pattern:
    term = _parse_term(text, where)
    if len(term.patterns) != 1:
        raise TopicsError(f"{where}: anaphora {text!r} must be a single word")
    return term.patterns[0]


def _load_file(path: Path) -> list[Topic]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TopicsError(f"{path}: topics file not found; check the path given to --topics") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise TopicsError(f"{path}: not a valid TOML topics file ({err}); see data/topics.toml") from None
    entries = data.get("topics")
    if not isinstance(entries, list):
        raise TopicsError(f"{path}: expected [[topics]] tables; see data/topics.toml for the format")
    topics = []
    for n, entry in enumerate(entries, 1):
        where = f"{path}: topic #{n}"
        if not isinstance(entry, dict):
            raise TopicsError(f"{where}: expected a table with id, label, description, terms")
        tid = entry.get("id")
        if not isinstance(tid, str) or not _ID.match(tid):
            raise TopicsError(f"{where}: id must be kebab-case like 'troop-withdrawal', got {tid!r}")
        terms = entry.get("terms", [])
        against = entry.get("against", [])
        exclude = entry.get("exclude", [])
        anaphora = entry.get("anaphora", [])
        fields = (("terms", terms), ("against", against), ("exclude", exclude), ("anaphora", anaphora))
        for field_name, value in fields:
            if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
                raise TopicsError(f"{where} ({tid}): {field_name} must be a list of strings")
        topics.append(
            Topic(
                id=tid,
                label=str(entry.get("label", tid)),
                description=str(entry.get("description", "")),
                terms=tuple(_parse_term(t, f"{where} ({tid})") for t in terms),
                against=tuple(_parse_term(t, f"{where} ({tid})") for t in against),
                exclude=tuple(tuple(words_of(phrase)) for phrase in exclude),
                anaphora=tuple(_one_word(a, f"{where} ({tid})") for a in anaphora),
            )
        )
    return topics


def load_taxonomy(extra_files: Sequence[Path] = ()) -> Taxonomy:
    """The default taxonomy, with topics from ``extra_files`` added or replacing by id."""
    return _load_cached(tuple(Path(p).resolve() for p in extra_files))


@cache
def _load_cached(extra_files: tuple[Path, ...]) -> Taxonomy:
    by_id: dict[str, Topic] = {}
    for path in (data_file("topics.toml"), *extra_files):
        for topic in _load_file(path):
            by_id[topic.id] = topic
    return Taxonomy(tuple(by_id.values()), extra_files)
