"""Error classes of the extractor on a gold set, with counts (the figures in docs/extraction.md).

    python bench/error_analysis.py ../shared/eval/polnear-dev          # summary
    python bench/error_analysis.py ../shared/eval/polnear-dev -n 5     # + 5 examples a class
    python bench/error_analysis.py data/eval                           # the project's own set

Runs the extractor in-process over every document of a claimdb-gold/1 set, scores it with
the evaluation kit's own score.py (imported from beside the gold set, never copied), and
sorts every miss and every wrong prediction into a class:

- missed claims, by what introduces them in the gold: a verb cue we read, a verb we do not
  read, a preposition or noun ("comments about X", "support for X"), a headline form, or
  none (quote paragraphs and the like);
- wrong speakers, by how we found the source (a name, a pronoun, a description, a quote
  continuation), and whether our actor is the gold speaker under another name (the gold
  splits one person into several actors when its coreference chains do);
- predicted claims with no gold claim there.

Reads ../shared/eval at run time; exits with a message when it is absent.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that"}


def load_scorer(gold_dir: Path) -> ModuleType:
    """score.py beside the gold set (../shared/eval/*), else the evaluation kit's (data/eval)."""
    path = gold_dir.parent / "score.py"
    if not path.exists():
        path = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"
    if not path.exists():
        raise SystemExit(f"{path} not found: the evaluation kit lives in ../shared/eval")
    spec = importlib.util.spec_from_file_location("claimdb_eval_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(gold_dir: Path, score: ModuleType) -> tuple[list[tuple[Any, dict[str, Any]]], Any]:
    from claimdb.extract import Extractor
    from claimdb.extract.contract import to_contract

    extractor = Extractor.load()
    golds = [score.Gold(p) for p in sorted(gold_dir.glob("*.gold.json"))]
    items = ((g.text, g) for g in golds)
    return [(g, to_contract(g.doc.name, e)) for e, g in extractor.extract_stream(items)], extractor.nlp


def cue_class(claim: dict[str, Any], lexicon: Any, lemmatize: Any) -> str:
    cue = (claim.get("cue") or "").strip().lower()
    if not cue:
        return "no cue (quote paragraph, list item)"
    if cue in {":", "―", "—", "-"}:
        return "headline or caption form"
    last = cue.split()[-1].strip(":,")
    if last in {"about", "of", "for", "on", "to", "with", "against", "over", "at", "by", "in", "as", "from"}:
        return "preposition or noun cue (comments about X, support for X)"
    lemmas = {t.lemma_.casefold() for t in lemmatize(cue)}
    if lemmas & (lexicon.cue_verbs | lexicon.demand_verbs | lexicon.cue_nouns):
        return "verb cue we read, claim missed (parse, source or span)"
    return "verb or noun cue outside our lexicons"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path, help="a gold set directory, e.g. ../shared/eval/polnear-dev")
    ap.add_argument("-n", "--examples", type=int, default=0, help="examples to print per class")
    args = ap.parse_args()
    if not args.gold.is_dir():
        print(f"{args.gold}: not found (the evaluation kit lives in ../shared/eval)", file=sys.stderr)
        return 1
    from claimdb.extract.lexicon import lexicon

    score = load_scorer(args.gold)
    lex = lexicon()
    counts: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    totals = collections.Counter[str]()

    predictions, nlp = predict(args.gold, score)
    for gold, pred in predictions:
        text = gold.text
        located = [(p, score.locate(text, p)) for p in pred["claims"]]
        actors = {a["name"]: a for a in pred["actors"]}
        golds = gold.data.get("claims") or []
        for g in golds:
            if g.get("optional"):
                continue
            totals["gold claims"] += 1
            hits = [
                sp for p, sp in located if sp and score.overlap_all(sp, g["_spans"]) >= 0.5 * (sp[1] - sp[0])
            ]
            if score.coverage(g["_spans"], hits) < 0.5:
                key = "missed: " + cue_class(g, lex, nlp)
                counts[key] += 1
                a, b = g["_spans"][0]
                examples[key].append(f"{text[max(0, a - 80) : a]}[[{text[a:b][:100]}]]")
        for p, sp in located:
            totals["predicted claims"] += 1
            if sp is None:
                continue
            best = max(
                ((i, score.overlap_all(sp, g["_spans"])) for i, g in enumerate(golds)),
                key=lambda x: x[1],
                default=(None, 0),
            )
            if best[0] is None or best[1] < 0.5 * (sp[1] - sp[0]):
                counts["wrong: no gold claim there"] += 1
                examples["wrong: no gold claim there"].append(
                    f"{p['speaker']} / {p['cue']}: [[{p['text'][:100]}]]"
                )
                continue
            g = golds[best[0]]
            if g.get("optional") or gold.ids_for(p["speaker"]) & set(g["speaker"]):
                continue
            actor = actors.get(p["speaker"]) or {"aliases": []}
            if any(gold.ids_for(alias) & set(g["speaker"]) for alias in actor["aliases"]):
                key = "wrong speaker: our actor is the gold speaker under another name"
            else:
                mention = ((p.get("speaker_mention") or {}).get("text") or "").lower()
                how = (
                    "quote continuation"
                    if not p["cue"]
                    else "pronoun"
                    if mention in PRONOUNS
                    else "no source token"
                    if not mention
                    else "name or description"
                )
                key = f"wrong speaker: source found as {how}"
            counts[key] += 1
            wanted = [gold.actors[i]["aliases"][:2] for i in g["speaker"] if i in gold.actors]
            examples[key].append(f"ours {p['speaker']!r}, gold {wanted}: [[{p['text'][:80]}]]")

    print(
        f"{args.gold}: {totals['gold claims']} required gold claims, {totals['predicted claims']} predicted"
    )
    for key, n in sorted(counts.items()):
        print(f"{n:6d}  {key}")
        if args.examples:
            for line in random.Random(0).sample(examples[key], min(args.examples, len(examples[key]))):
                print("        " + line.replace("\n", " | "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
