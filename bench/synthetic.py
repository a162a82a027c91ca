"""Generate a synthetic claimdb database directly (no NLP), for the query benchmarks.

    python bench/synthetic.py --db /tmp/bench.sqlite                 # 100k articles, 1M claims
    python bench/synthetic.py --db postgresql+psycopg://... --scale 0.01

At ``--scale 1``: 100,000 articles (1,500-5,000 characters each, dated 2015-2026), 10,000
actors (Zipf-distributed: the top actor speaks in about a tenth of the claims), 1,000,000
claims, 100,000 demands, 150,000 stances, about 1.3M mentions and 600k claim-topic links.
Article text is assembled from sentences whose words follow a Zipf distribution over the
vocabulary of data/samples, with claims and demands as sentences inside it, so every
span satisfies ``articles.text[span_start:span_end] == text`` and ``claimdb check`` passes.

The schema comes from claimdb's own migrations (``open_database``); rows go in with
executemany on SQLite and COPY on PostgreSQL, ids assigned here. The database must be empty.
Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, text

from claimdb.db.dialect import refresh_statistics
from claimdb.db.engine import open_database
from claimdb.settings import database_url
from claimdb.topics import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
FIRST = (
    "Anna Boris Carla Dmitri Elena Farid Greta Hassan Irina Jonas Katya Lars Maria Nikolai Olga Pavel "
    "Rasa Sergei Tomas Ursula Viktor Wanda Yuri Zofia Andrei Birgit Cyril Dana Emil Frida Gustav Hanna "
    "Igor Jana Karel Lina Marek Nadia Oskar Petra Radek Sonja Taras Ulla Vera Walter Xenia Yana Zoran "
    "Agnes Bruno Clara David Eva Felix Gabriela Henrik Ida Jakub Kristina Lukas Mila Norbert Oleg Pia "
    "Roman Silvia Teodor Uwe Valeria Wiktor Alma Bogdan Celina Dusan Edita Filip Galina Hugo Ines Janis "
    "Klara Leon Marta Nils Ona Piotr Rita Stefan Tina Vaclav Zuzana Arvid Beata Czeslaw Dora Erik Fiona"
).split()
LAST = (
    "Novak Kowalski Petrov Schmidt Horvat Ivanova Berg Lindqvist Moreau Rossi Dvorak Kaminski Sokolov "
    "Weber Kovac Popescu Nielsen Janssen Dubois Bianchi Svoboda Lewandowski Volkov Fischer Babic Ionescu "
    "Hansen Peeters Laurent Romano Prochazka Wojcik Morozov Wagner Juric Constantin Larsen Maes Girard "
    "Ricci Cerny Kaczmarek Lebedev Becker Knezevic Stan Pedersen Jacobs Bonnet Greco Vesely Mazur "
    "Kozlov Hoffmann Markovic Dumitru Andersen Claes Mercier Bruno Pokorny Krawczyk Novikov Schulz "
    "Pavlovic Munteanu Christensen Willems Lambert Gallo Marek Zielinski Orlov Koch Tomic Stoica "
    "Johansen Goossens Fontaine Conti Pospisil Szymanski Egorov Richter Kovacevic Rusu Karlsson Wouters "
    "Rousseau Costa Hajek Wozniak Fedorov Klein Vukovic Matei Olsen Dupont Mancini Kral Dabrowski Zaitsev"
).split()
COUNTRIES = (
    "Ruritania Borduria Syldavia Freedonia Latveria Genovia Elbonia Molvania Kazakhia Carpathia "
    "Estovakia Osterlitz Moldavia Vulgaria Krakozhia Zubrowka Sokovia Markovia Qurac Pottsylvania"
).split()
ORG_KINDS = ("Ministry", "Council", "Union", "Alliance", "Agency", "Party", "Commission", "Front")
CUES = ("said", "told reporters", "according to", "argued", "warned", "insisted", "claimed", "stated")
DEMAND_CUES = ("called on", "urged", "demanded", "asked")
DEMAND_OBJECTS = (
    "withdraw troops from the border",
    "lift the sanctions on grain exports",
    "open talks on a ceasefire",
    "release the detained journalists",
    "halt the deployment of missiles",
    "reopen the port to shipping",
    "cut gas prices for households",
    "hold a referendum on membership",
)


@dataclass
class Counts:
    articles: int = 0
    actors: int = 0
    aliases: int = 0
    mentions: int = 0
    claims: int = 0
    claim_topics: int = 0
    demands: int = 0
    stances: int = 0
    topics: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def vocabulary() -> list[str]:
    """Words of the sample articles, most frequent first (a realistic Zipf head)."""
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "data" / "samples").glob("*.txt")):
        for word in re.findall(r"[a-z][a-z'-]+", path.read_text(encoding="utf-8").lower()):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def actor_names(n: int, rng: np.random.Generator) -> list[tuple[str, str]]:
    """(name, kind) for n distinct actors: mostly people, some countries and organisations."""
    names: list[tuple[str, str]] = [(c, "country") for c in COUNTRIES]
    names += [(f"{c} {k}", "organization") for c in COUNTRIES for k in ORG_KINDS]
    people = [f"{f} {last}" for last in LAST for f in FIRST]
    rng.shuffle(people)  # type: ignore[arg-type]
    names += [(p, "person") for p in people]
    i = 0
    while len(names) < n:  # beyond 10k names: numbered variants
        names.append((f"{people[i % len(people)]} {i // len(people) + 2}", "person"))
        i += 1
    order = rng.permutation(len(names))
    return [names[i] for i in order[:n]]


class Sentences:
    """Random sentences over the vocabulary, drawn in big numpy batches for speed."""

    def __init__(self, rng: np.random.Generator, words: Sequence[str]) -> None:
        self.rng = rng
        self.words = np.array(words, dtype=object)
        weights = 1.0 / np.arange(1, len(words) + 1) ** 1.05
        self.p = weights / weights.sum()
        self._buf: Iterator[str] = iter(())

    def words_(self, k: int) -> str:
        picks = self.rng.choice(len(self.words), size=k, p=self.p)
        return " ".join(self.words[picks])

    def clause(self) -> str:
        try:
            return next(self._buf)
        except StopIteration:
            lengths = self.rng.integers(8, 26, size=4096)
            picks = self.rng.choice(len(self.words), size=int(lengths.sum()), p=self.p)
            flat = self.words[picks]
            out, at = [], 0
            for n in lengths:
                out.append(" ".join(flat[at : at + n]))
                at += n
            self._buf = iter(out)
            return next(self._buf)


def generate(engine: Engine, *, scale: float, seed: int, log: Any = print) -> Counts:
    rng = np.random.default_rng(seed)
    n_articles = max(10, round(100_000 * scale))
    n_actors = max(50, round(10_000 * scale))
    n_claims = max(100, round(1_000_000 * scale))
    n_demands = max(10, round(100_000 * scale))
    words = vocabulary()
    sentences = Sentences(rng, words)
    topics = load_taxonomy().topics
    topic_ids = [t.id for t in topics]
    # Zipf-ish actor popularity (s = 1): rank 1 speaks in ~1/H(n) of the claims.
    ranks = np.arange(1, n_actors + 1)
    actor_p = (1.0 / ranks) / (1.0 / ranks).sum()
    actors = actor_names(n_actors, rng)

    # How many claims and demands each article gets: claims spread 0-20 around the mean.
    claims_per = rng.poisson(n_claims / n_articles, size=n_articles)
    claims_per[-1] += n_claims - int(claims_per.sum())  # exact total
    claims_per = np.maximum(claims_per, 0)
    demands_per = rng.poisson(n_demands / n_articles, size=n_articles)
    start_day = dt.date(2015, 1, 1).toordinal()
    days = dt.date(2026, 11, 1).toordinal() - start_day

    c = Counts()
    t0 = time.perf_counter()
    now = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    tables: dict[str, list[tuple[Any, ...]]] = {
        k: [] for k in ("articles", "mentions", "claims", "claim_topics", "demands", "stances")
    }
    loader = Loader(engine)
    loader.rows("topics", ("id", "label", "description"), [(t.id, t.label, t.description) for t in topics])
    c.topics = len(topics)
    alias_rows = []
    for i, (name, _) in enumerate(actors, start=1):
        alias_rows.append((i, i, name, name.lower()))
    # A second alias for people (the surname alone) where that surname is still free.
    taken = {a[3] for a in alias_rows}
    for i, (name, kind) in enumerate(actors, start=1):
        short = name.split()[-1]
        if kind == "person" and short.lower() not in taken:
            taken.add(short.lower())
            alias_rows.append((len(alias_rows) + 1, i, short, short.lower()))
    loader.rows(
        "actors",
        ("id", "name", "kind", "description"),
        [(i, n, k, None) for i, (n, k) in enumerate(actors, start=1)],
    )
    loader.rows("actor_aliases", ("id", "actor_id", "alias", "normalized"), alias_rows)
    c.actors, c.aliases = len(actors), len(alias_rows)

    claim_id = demand_id = mention_id = stance_id = 0
    speakers = rng.choice(n_actors, size=int(claims_per.sum() + 2 * demands_per.sum()), p=actor_p) + 1
    sp = 0
    flush_every = max(1, n_articles // 50)
    for a in range(n_articles):
        article_id = a + 1
        published = dt.date.fromordinal(start_day + int(rng.integers(0, days)))
        title = sentences.clause()[:90].capitalize()
        parts: list[str] = [title, "\n\n"]
        at = len(title) + 2
        target_len = int(rng.integers(1500, 5000))
        seen_actors: dict[int, list[tuple[int, int, str]]] = {}
        article_claims: list[int] = []
        n_c = int(claims_per[a])
        n_d = int(demands_per[a])
        plan = ["claim"] * n_c + ["demand"] * n_d
        rng.shuffle(plan)  # type: ignore[arg-type]
        for k, what in enumerate(plan):
            # Filler between items, spreading them over the article's target length.
            while at < target_len * k / (len(plan) + 1):
                filler = sentences.clause().capitalize() + ". "
                parts.append(filler)
                at += len(filler)
            if what == "claim":
                speaker = int(speakers[sp])
                sp += 1
                name = actors[speaker - 1][0]
                cue = CUES[int(rng.integers(0, len(CUES)))]
                head = f"{name} {cue} "
                body = sentences.clause()
                seen_actors.setdefault(speaker, []).append((at, at + len(name), name))
                start = at + len(head)
                claim_id += 1
                article_claims.append(claim_id)
                dated = rng.random() < 0.7
                tables["claims"].append(
                    (
                        claim_id,
                        article_id,
                        speaker,
                        cue,
                        bool(rng.random() < 0.3),
                        published if dated else None,
                        round(float(rng.uniform(0.4, 0.95)), 2),
                        at,
                        at + len(name),
                        start,
                        start + len(body),
                        body,
                    )
                )
                for t in rng.choice(
                    len(topic_ids), size=int(rng.integers(0, 2) + (rng.random() < 0.1)), replace=False
                ):
                    tables["claim_topics"].append((claim_id, topic_ids[int(t)]))
                if rng.random() < 0.12:
                    stance_id += 1
                    tables["stances"].append(
                        (
                            stance_id,
                            speaker,
                            topic_ids[int(rng.integers(0, len(topic_ids)))],
                            ("support", "oppose", "neutral")[int(rng.integers(0, 3))],
                            article_id,
                            claim_id,
                            None,
                            0.6,
                        )
                    )
                sentence = f"{head}{body}. "
            else:
                who, whom = int(speakers[sp]), int(speakers[sp + 1])
                sp += 2
                cue = DEMAND_CUES[int(rng.integers(0, len(DEMAND_CUES)))]
                wname, mname = actors[who - 1][0], actors[whom - 1][0]
                obj = DEMAND_OBJECTS[int(rng.integers(0, len(DEMAND_OBJECTS)))]
                head = f"{wname} {cue} {mname} to "
                body = f"{obj} and {sentences.clause()}"
                seen_actors.setdefault(who, []).append((at, at + len(wname), wname))
                m_at = at + len(wname) + len(cue) + 2
                seen_actors.setdefault(whom, []).append((m_at, m_at + len(mname), mname))
                start = at + len(head)
                demand_id += 1
                topic = topic_ids[int(rng.integers(0, len(topic_ids)))] if rng.random() < 0.6 else None
                tables["demands"].append(
                    (
                        demand_id,
                        article_id,
                        who,
                        whom,
                        cue,
                        topic,
                        None,
                        round(float(rng.uniform(0.4, 0.95)), 2),
                        start,
                        start + len(body),
                        body,
                    )
                )
                if topic is not None and rng.random() < 0.5:
                    stance_id += 1
                    tables["stances"].append(
                        (stance_id, who, topic, "support", article_id, None, demand_id, 0.6)
                    )
                sentence = f"{head}{body}. "
            parts.append(sentence)
            at += len(sentence)
        while at < target_len:
            filler = sentences.clause().capitalize() + ". "
            parts.append(filler)
            at += len(filler)
        body_text = "".join(parts).rstrip()
        for actor_id, ms in seen_actors.items():
            for m_start, m_end, m_text in ms:
                mention_id += 1
                tables["mentions"].append((mention_id, actor_id, article_id, m_start, m_end, m_text))
        tables["articles"].append(
            (
                article_id,
                hashlib.sha256(body_text.encode()).hexdigest(),
                title,
                None,
                f"Outlet {int(rng.integers(1, 40))}",
                published,
                "en",
                body_text,
                now,
                "synthetic-1",
            )
        )
        if article_id % flush_every == 0 or article_id == n_articles:
            _flush(loader, tables, c)
            log(f"  {article_id:,}/{n_articles:,} articles ({time.perf_counter() - t0:.0f} s)")
    loader.finish()
    c.seconds["generate+load"] = time.perf_counter() - t0
    return c


COLUMNS = {
    "articles": (
        "id",
        "content_hash",
        "title",
        "url",
        "source",
        "published",
        "language",
        "text",
        "ingested_at",
        "extractor_version",
    ),
    "mentions": ("id", "actor_id", "article_id", "span_start", "span_end", "text"),
    "claims": (
        "id",
        "article_id",
        "speaker_id",
        "cue",
        "direct",
        "claim_date",
        "confidence",
        "speaker_start",
        "speaker_end",
        "span_start",
        "span_end",
        "text",
    ),
    "claim_topics": ("claim_id", "topic_id"),
    "demands": (
        "id",
        "article_id",
        "demander_id",
        "addressee_id",
        "cue",
        "topic_id",
        "claim_id",
        "confidence",
        "span_start",
        "span_end",
        "text",
    ),
    "stances": (
        "id",
        "actor_id",
        "topic_id",
        "polarity",
        "article_id",
        "claim_id",
        "demand_id",
        "confidence",
    ),
}


def _flush(loader: Loader, tables: dict[str, list[tuple[Any, ...]]], c: Counts) -> None:
    # Parents before children, so foreign keys hold at every statement.
    for name in ("articles", "mentions", "claims", "claim_topics", "demands", "stances"):
        rows = tables[name]
        loader.rows(name, COLUMNS[name], rows)
        setattr(c, name, getattr(c, name) + len(rows))
        rows.clear()


class Loader:
    """Bulk loading: one long transaction, executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.conn = engine.raw_connection()
        self.pg = engine.dialect.name == "postgresql"
        if not self.pg:
            # The FTS triggers and indexes still run for every row, exactly as at ingest time.
            self.conn.driver_connection.execute("BEGIN")  # type: ignore[union-attr]

    def rows(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.pg:
            cur = self.conn.cursor()
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
            cur.close()
        else:
            db: sqlite3.Connection = self.conn.driver_connection  # type: ignore[assignment]
            marks = ", ".join("?" for _ in columns)
            db.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                [tuple(_sqlite_value(v) for v in r) for r in rows],
            )

    def finish(self) -> None:
        if self.pg:
            self.conn.commit()
            with self.engine.begin() as conn:
                # Ids were assigned here: move the sequences past them so a later ingest works.
                for table in (
                    "articles",
                    "actors",
                    "actor_aliases",
                    "mentions",
                    "claims",
                    "demands",
                    "stances",
                ):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT coalesce(max(id), 1) FROM {table}))"
                        )
                    )
            # Autovacuum would get there in its own time; a benchmark cannot wait for it.
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        else:
            db: sqlite3.Connection = self.conn.driver_connection  # type: ignore[assignment]
            db.execute("COMMIT")
        with self.engine.begin() as conn:
            refresh_statistics(conn)  # as claimdb ingest does at its end
        self.conn.close()


def _sqlite_value(v: Any) -> Any:
    # The same text forms SQLAlchemy's SQLite types write, so reads through the ORM agree.
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="SQLite path or SQLAlchemy URL (an empty database)")
    ap.add_argument("--scale", type=float, default=1.0, help="1 = 100k articles, 1M claims (default)")
    ap.add_argument("--seed", type=int, default=20261126)
    args = ap.parse_args(argv)
    url = database_url(args.db)
    engine = open_database(url)
    with engine.connect() as conn:
        if conn.execute(text("SELECT count(*) FROM articles")).scalar_one():
            print(f"{args.db} already has articles; give an empty database", file=sys.stderr)
            return 1
    counts = generate(engine, scale=args.scale, seed=args.seed, log=lambda m: print(m, file=sys.stderr))
    engine.dispose()
    print(
        f"generated in {counts.seconds['generate+load']:.0f} s: {counts.articles:,} articles, "
        f"{counts.actors:,} actors ({counts.aliases:,} aliases), {counts.claims:,} claims, "
        f"{counts.claim_topics:,} claim topics, {counts.demands:,} demands, {counts.stances:,} stances, "
        f"{counts.mentions:,} mentions",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
