"""``warta eval quotes``: score the quotes stage on PFSA-ID (Kompas news, 320 articles).

PFSA-ID marks direct quotations (STATEMENT, with their marks), cues (CUE, and CUECOREF
for "katanya"-type cues), speakers (PERSON, PERSONCOREF for short or title-only
references), ROLE and AFFILIATION. It does not mark indirect speech, so statements are
scored on our direct and mixed quotations (indirect ones are counted, not scored).
PFSA-ID does not link a statement to its speaker either; the gold speaker of a statement
is derived here from the spans: the PERSON after its cue; for a PERSONCOREF the latest
earlier PERSON it shortens (else the coref text, e.g. "Presiden"); for a bare
"katanya" the latest speaker or PERSON before it. A resolved name is right when every
word of that gold name is in it (a word may be a prefix of the other, "Risma" /
"Rismaharini", from four letters).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.errors import EvalError
from warta.evaluation import add_options, below_floors, gate, gold_path, write_json
from warta.paths import shared_data
from warta.quotes import lexicon
from warta.quotes.component import found_in
from warta.quotes.extract import Found
from warta.record import Article

DEFAULT = Path("quotes") / "pfsa-id" / "dev-40.articles.jsonl"
# our own gold of every kind (direct, indirect, mixed), in the repository's tests/data
OWN = gold_path("quotes-dev.jsonl")
# annotated the same way but never looked at while writing the rules
HELDOUT = OWN.with_name("quotes-heldout.jsonl")
TOKEN_LABELS = ("STATEMENT", "CUE", "CUECOREF", "PERSON", "PERSONCOREF", "ROLE", "AFFILIATION")
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    label: str
    start: int
    end: int
    text: str


def load_gold(path: Path) -> list[tuple[str, str, list[GoldSpan]]]:
    if not path.is_file():
        raise EvalError(f"{path}: gold file not found")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                d = json.loads(line)
                spans = [GoldSpan(s["label"], s["start"], s["end"], s["text"]) for s in d["spans"]]
            except (ValueError, KeyError, TypeError) as exc:
                raise EvalError(f"{path} line {n}: not a PFSA-ID article ({exc})") from None
            for s in spans:
                if d["text"][s.start : s.end] != s.text:
                    raise EvalError(f"{path} line {n}: span text does not match its offsets")
            out.append((d["id"], d["text"], spans))
    return out


def _words(s: str) -> list[str]:
    return [w for w in re.findall(r"\w+", s.lower()) if len(w) > 1]


# a gold PERSON may carry the titles its coder left in ("Inspektur Jenderal (Pol) Fadil Imran",
# "Wali Kota Risma"): names are compared without them
_TITLE_CLASSES = ("rank", "honorific", "role", "rolemod")


def name_matches(ours: str | None, gold: str) -> bool:
    if not ours:
        return False
    mine = _words(ours)
    want = _words(gold)
    lex = lexicon.load()
    # ranks and honorifics ("dr", "Brigadir Jenderal (Pol)") are not what identifies a person
    bare = [w for w in want if not any(lex.has(w, c) for c in _TITLE_CLASSES)]
    want = bare or want
    if not want:
        return False
    return all(
        any(
            o == w or (min(len(o), len(w)) >= 4 and (o.startswith(w) or w.startswith(o)))
            for o in mine
        )
        for w in want
    )


def _strip_titles(s: str) -> str:
    lex = lexicon.load()
    words = s.split()
    while len(words) > 1 and (lex.has(words[0], "rank") or lex.has(words[0], "honorific")):
        words = words[1:]
    return " ".join(words)


def speaker_right(f: Found, gold: str, full: bool) -> bool:
    """A gold title-only reference ("Presiden") is right when it is the resolved role."""
    if name_matches(f.name, gold):
        return True
    return not full and name_matches(f"{f.name} {f.role or ''}", gold)


@dataclass(frozen=True, slots=True)
class GoldSpeaker:
    name: str
    full: bool  # a PERSON (or a PERSONCOREF resolved to one), not a bare title
    explicit: bool  # named after the cue; False: derived for "katanya" and pronouns


def gold_speakers(text: str, spans: list[GoldSpan]) -> dict[tuple[int, int], GoldSpeaker]:
    """Statement (start, end) -> its gold speaker (see the module docstring)."""
    spans = sorted(spans, key=lambda s: s.start)
    statements = [s for s in spans if s.label == "STATEMENT"]
    persons = [s for s in spans if s.label == "PERSON"]
    out: dict[tuple[int, int], GoldSpeaker] = {}
    last: tuple[int, str, bool] | None = None  # (offset, name, full) of the latest speaker
    pronouns = {"ia", "dia", "beliau", "mereka"}
    for i, st in enumerate(statements):
        limit = statements[i + 1].start if i + 1 < len(statements) else len(text)
        who: GoldSpan | None = None
        for s in spans:
            if s.start < st.end or s.start >= min(limit, st.end + 200):
                continue
            if ". " in text[st.end : s.start]:
                break
            if s.label in ("PERSON", "PERSONCOREF"):
                who = s
                break
        earlier = [p for p in persons if p.end <= st.start]
        name: str | None = None
        full = True
        pos = st.start
        if who is not None and who.label == "PERSON":
            name, pos = who.text, who.start
        elif who is not None and who.text.lower() not in pronouns:
            pos = who.start
            short = _strip_titles(who.text)
            name, full = who.text, False
            for p in reversed(earlier):
                if name_matches(p.text, short):
                    name, full = p.text, True
                    break
        else:
            candidates = [(p.start, p.text, True) for p in earlier]
            if last is not None:
                candidates.append(last)
            if candidates:
                pos, name, full = max(candidates)
        if name is not None:
            explicit = who is not None and who.text.lower() not in pronouns
            out[(st.start, st.end)] = GoldSpeaker(name, full, explicit)
            last = (pos, name, full)
    return out


def _match(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]], exact: bool
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), greedy by overlap."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            inter = min(ge, pe) - max(gs, ps)
            if exact:
                ok = (gs, ge) == (ps, pe)
            else:
                ok = inter > 0 and inter >= 0.5 * max(ge - gs, pe - ps)
            if ok:
                pairs.append((inter, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _pred_labels(text: str, found: list[Found]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for f in found:
        # PFSA-ID marks only direct statements and the speakers around them (adding the
        # speakers of our indirect quotes costs precision: 0.931 F1 instead of 0.951)
        if f.kind == "indirect":
            continue
        out.append(("STATEMENT", f.start, f.end))
        if f.cue:
            coref = f.pronoun is not None and f.pronoun[1] == f.cue[1]
            out.append(("CUECOREF" if coref else "CUE", *f.cue))
        m = f.mention
        if m is not None and m.core is not None:
            full = f.name is not None and len(_words(f.name)) <= len(
                _words(text[m.core[0] : m.core[1]])
            )
            out.append(("PERSON" if full else "PERSONCOREF", *m.core))
        elif m is not None and m.kind == "role" and m.role:
            out.append(("PERSONCOREF", *m.role))
        if m is not None and m.kind == "person":
            if m.role:
                out.append(("ROLE", *m.role))
            if m.affiliation:
                out.append(("AFFILIATION", *m.affiliation))
        intro = f.speaker.intro if f.speaker is not None else None
        if intro is not None and intro is not m and intro.core is not None:
            out.append(("PERSON", *intro.core))
            if intro.role:
                out.append(("ROLE", *intro.role))
            if intro.affiliation:
                out.append(("AFFILIATION", *intro.affiliation))
    return out


def _token_counts(
    text: str, gold: list[GoldSpan], pred: list[tuple[str, int, int]]
) -> Counter[str]:
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    starts = [t[0] for t in tokens]

    def tag(spans: list[tuple[str, int, int]]) -> list[str | None]:
        import bisect

        out: list[str | None] = [None] * len(tokens)
        for label, s, e in spans:
            i = bisect.bisect_left(starts, s)
            while i < len(tokens) and tokens[i][1] <= e:
                out[i] = out[i] or label
                i += 1
        return out

    g = tag([(s.label, s.start, s.end) for s in gold if s.label in TOKEN_LABELS])
    p = tag(pred)
    c: Counter[str] = Counter()
    for gl, pl in zip(g, p, strict=True):
        if gl is not None:
            c["gold"] += 1
            c[f"gold:{gl}"] += 1
        if pl is not None:
            c["pred"] += 1
            c[f"pred:{pl}"] += 1
        if gl is not None and gl == pl:
            c["tp"] += 1
            c[f"tp:{gl}"] += 1
    return c


def _blank() -> Any:
    """spaCy's blank Indonesian tokenizer and a sentencizer: figures that do not move with
    the NER model (the rules read only words and sentences)."""
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    return nlp


def _finder(nlp: bool) -> Callable[[str, str], list[Found]]:
    """The quotations of a text: after the shipped ``nlp`` stage (its tokens, sentences and
    PER entities, as in a pipeline run) or, by default, on the blank Indonesian tokenizer."""
    if not nlp:
        blank = _blank()
        return lambda doc_id, text: found_in(Article(id=doc_id, text=text), doc=blank(text))
    from warta.pipeline import PipelineConfig, load_stage

    stage = load_stage("nlp", PipelineConfig())

    def run(doc_id: str, text: str) -> list[Found]:
        article = Article(id=doc_id, text=text)
        stage(article)
        return found_in(article)

    return run


def _statement_errors(
    doc_id: str,
    text: str,
    gold: list[tuple[int, int]],
    pred: list[tuple[int, int]],
    pairs: list[tuple[int, int]],
) -> list[dict[str, Any]]:
    """Gold statements no prediction overlaps (missed), and predictions no gold overlaps."""
    done = ({g for g, _ in pairs}, {q for _, q in pairs})
    return [
        {"article": doc_id, "start": a, "end": b, "error": error, "text": text[a:b][:80]}
        for error, spans, matched in (("missed", gold, done[0]), ("spurious", pred, done[1]))
        for n, (a, b) in enumerate(spans)
        if n not in matched
    ]


def evaluate(path: Path, *, limit: int | None = None, nlp: bool = False) -> dict[str, Any]:
    articles = load_gold(path)[:limit]
    finder = _finder(nlp)
    c: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []  # gold statements missed, predicted ones not in the gold
    t0 = time.perf_counter()
    for doc_id, text, spans in articles:
        found = finder(doc_id, text)
        kinds.update(f.kind for f in found)
        pred = [f for f in found if f.kind != "indirect"]
        gold = sorted((s.start, s.end) for s in spans if s.label == "STATEMENT")
        pspans = [(f.start, f.end) for f in pred]
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        c["exact"] += len(_match(gold, pspans, exact=True))
        pairs = _match(gold, pspans, exact=False)
        c["overlap"] += len(pairs)
        errors += _statement_errors(doc_id, text, gold, pspans, pairs)
        gcues = {(s.start, s.end) for s in spans if s.label in ("CUE", "CUECOREF")}
        pcues = {f.cue for f in pred if f.cue is not None}
        c["cue_gold"] += len(gcues)
        c["cue_pred"] += len(pcues)
        c["cue_tp"] += len(gcues & pcues)
        speakers = gold_speakers(text, spans)
        c["spk_gold"] += len(speakers)
        for gi, pi in pairs:
            want = speakers.get(gold[gi])
            if want is None:
                continue
            c["spk_matched"] += 1
            right = speaker_right(pred[pi], want.name, want.full)
            c["spk_right"] += right
            group = "explicit" if want.explicit else "implicit"
            c[f"spk_{group}"] += 1
            c[f"spk_{group}_right"] += right
        tokens += _token_counts(text, spans, _pred_labels(text, found))
    seconds = time.perf_counter() - t0
    return {
        "gold_file": str(path),
        "errors": errors,
        "articles": len(articles),
        "gold_statements": c["gold"],
        "predicted_statements": c["pred"],
        "predicted_by_kind": dict(sorted(kinds.items())),
        "statement_exact": _prf(c["exact"], c["pred"], c["gold"]),
        "statement_overlap": _prf(c["overlap"], c["pred"], c["gold"]),
        "cue": _prf(c["cue_tp"], c["cue_pred"], c["cue_gold"]),
        "speaker_accuracy_matched": round(c["spk_right"] / c["spk_matched"], 4)
        if c["spk_matched"]
        else 0.0,
        "speaker_accuracy_all": round(c["spk_right"] / c["spk_gold"], 4) if c["spk_gold"] else 0.0,
        "speaker_counts": {
            "right": c["spk_right"],
            "matched": c["spk_matched"],
            "gold": c["spk_gold"],
            "explicit_right": c["spk_explicit_right"],
            "explicit": c["spk_explicit"],
            "implicit_right": c["spk_implicit_right"],
            "implicit": c["spk_implicit"],
        },
        "token": _prf(tokens["tp"], tokens["pred"], tokens["gold"]),
        "token_by_label": {
            label: _prf(tokens[f"tp:{label}"], tokens[f"pred:{label}"], tokens[f"gold:{label}"])
            for label in TOKEN_LABELS
        },
        "seconds": round(seconds, 2),
    }


def load_own(path: Path, data: Path) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Our gold set: article ids of ``data/news/id-news-282.jsonl`` with quotations of every
    kind (offsets, kind, cue, speaker name); texts are read from the shared file."""
    if not path.is_file():
        raise EvalError(f"{path}: gold file not found")
    texts: dict[str, str] = {}
    out = []
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    for rec in records:
        source = data / rec["source"]
        if source not in texts and source.is_file():
            with source.open(encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    texts[f"{source}:{d['id']}"] = d["text"]
        text = texts.get(f"{source}:{rec['id']}")
        if text is None:
            raise EvalError(f"{path}: article {rec['id']} not found in {source}")
        for q in rec["quotes"]:
            head, _, tail = q["text"].partition(" … ")
            span = text[q["start"] : q["end"]]
            if not span.startswith(head) or not span.endswith(tail):
                raise EvalError(f"{path}: {rec['id']} quote at {q['start']} does not match")
        out.append((rec["id"], text, rec["quotes"]))
    return out


def evaluate_own(path: Path, data: Path, *, nlp: bool = False) -> dict[str, Any]:
    """Statements of every kind, kinds, cues and speakers on our own gold set."""
    c: Counter[str] = Counter()
    finder = _finder(nlp)
    for doc_id, text, quotes in load_own(path, data):
        found = finder(doc_id, text)
        gold = [(q["start"], q["end"]) for q in quotes]
        pspans = [(f.start, f.end) for f in found]
        c["gold"] += len(gold)
        c["pred"] += len(found)
        c["exact"] += len(_match(gold, pspans, exact=True))
        pairs = _match(gold, pspans, exact=False)
        c["overlap"] += len(pairs)
        for q in quotes:
            c[f"gold_{q['kind']}"] += 1
        for f in found:
            c[f"pred_{f.kind}"] += 1
        gcues = {(q["cue"]["start"], q["cue"]["end"]) for q in quotes if q["cue"]}
        pcues = {f.cue for f in found if f.cue is not None}
        c["cue_gold"] += len(gcues)
        c["cue_pred"] += len(pcues)
        c["cue_tp"] += len(gcues & pcues)
        for gi, pi in pairs:
            q, f = quotes[gi], found[pi]
            c[f"overlap_{q['kind']}"] += 1
            c["kind_right"] += q["kind"] == f.kind
            if q["speaker"]:
                c["spk_matched"] += 1
                c["spk_right"] += name_matches(f.name, q["speaker"])
    by_kind = {
        k: {"gold": c[f"gold_{k}"], "predicted": c[f"pred_{k}"], "found": c[f"overlap_{k}"]}
        for k in ("direct", "indirect", "mixed")
    }
    return {
        "gold_file": str(path),
        "gold_statements": c["gold"],
        "predicted_statements": c["pred"],
        "by_kind": by_kind,
        "statement_exact": _prf(c["exact"], c["pred"], c["gold"]),
        "statement_overlap": _prf(c["overlap"], c["pred"], c["gold"]),
        "kind_accuracy": round(c["kind_right"] / c["overlap"], 4) if c["overlap"] else 0.0,
        "cue": _prf(c["cue_tp"], c["cue_pred"], c["cue_gold"]),
        "speaker_accuracy_matched": round(c["spk_right"] / c["spk_matched"], 4)
        if c["spk_matched"]
        else 0.0,
        "speaker_counts": {"right": c["spk_right"], "matched": c["spk_matched"]},
    }


def figures(pfsa: dict[str, Any], own: dict[str, dict[str, Any]]) -> dict[str, float]:
    """The flat figures that ``tests/eval_floors.json`` pins (keys ``quotes.*``)."""
    out = {
        "quotes.statement_exact_f1": pfsa["statement_exact"]["f1"],
        "quotes.statement_overlap_f1": pfsa["statement_overlap"]["f1"],
        "quotes.cue_f1": pfsa["cue"]["f1"],
        "quotes.speaker_accuracy": pfsa["speaker_accuracy_matched"],
        "quotes.token_f1": pfsa["token"]["f1"],
    }
    for name, r in own.items():
        out.update(
            {
                f"quotes.{name}.statement_overlap_f1": r["statement_overlap"]["f1"],
                f"quotes.{name}.cue_f1": r["cue"]["f1"],
                f"quotes.{name}.kind_accuracy": r["kind_accuracy"],
                f"quotes.{name}.speaker_accuracy": r["speaker_accuracy_matched"],
            }
        )
    return out


def check_floors(figs: dict[str, float], floors_path: Path) -> list[str]:
    """The ``quotes.*`` floors the figures fall below or miss (a set not scored misses)."""
    named = {k.removeprefix("quotes."): v for k, v in figs.items()}
    return below_floors(named, floors_path, prefix="quotes", nested=True)


def _print_prf(name: str, r: dict[str, float]) -> None:
    print(f"  {name:<18} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta eval quotes", description=__doc__.splitlines()[0])
    add_options(parser, gold=None, what="PFSA-ID articles JSONL")
    parser.add_argument(
        "--own", type=Path, default=OWN, help="our gold set of all kinds (default %(default)s)"
    )
    parser.add_argument(
        "--heldout", type=Path, default=HELDOUT, help="our held-out set (default %(default)s)"
    )
    parser.add_argument("--limit", type=int, help="first N PFSA-ID articles only")
    parser.add_argument(
        "--nlp", action="store_true", help="run the shipped nlp stage first (tokens, NER)"
    )
    args = parser.parse_args(argv)
    try:
        root = shared_data(required=True)
        assert root is not None
        pfsa = evaluate(args.gold or root / DEFAULT, limit=args.limit, nlp=args.nlp)
        own = {
            name: evaluate_own(path, root, nlp=args.nlp)
            for name, path in (("own", args.own), ("heldout", args.heldout))
            if path is not None and path.is_file()
        }
    except EvalError as exc:
        print(f"warta eval quotes: {exc}", file=sys.stderr)
        return 2
    figs = figures(pfsa, own)
    errors = pfsa.pop("errors")
    write_json(args.json, {"pfsa_id": pfsa, "own": own, "figures": figs})
    if args.errors:
        for e in errors:
            print(json.dumps(e, ensure_ascii=False), file=sys.stderr)
    if str(args.json) != "-":
        print(
            f"quotes on {pfsa['gold_file']} ({pfsa['articles']} articles, "
            f"{pfsa['gold_statements']} gold statements)"
        )
        print(
            f"  predicted: {pfsa['predicted_statements']} direct+mixed; all kinds "
            f"{pfsa['predicted_by_kind']}"
        )
        for key in ("statement_exact", "statement_overlap", "cue", "token"):
            _print_prf(key, pfsa[key])
        print(
            "    token F1 by label: "
            + ", ".join(f"{k} {v['f1']:.3f}" for k, v in pfsa["token_by_label"].items())
        )
        sc = pfsa["speaker_counts"]
        print(
            f"  speaker accuracy   {pfsa['speaker_accuracy_matched']:.3f} on matched statements "
            f"({sc['right']}/{sc['matched']}); {pfsa['speaker_accuracy_all']:.3f} of all "
            f"({sc['right']}/{sc['gold']})"
        )
        print(
            f"    named after the cue {sc['explicit_right']}/{sc['explicit']}; "
            f'"katanya"/pronoun (gold speaker derived) {sc["implicit_right"]}/{sc["implicit"]}'
        )
        print(f"  {pfsa['seconds']:.1f} s")
        for name, r in own.items():
            print(f"quotes of every kind, {name}: {r['gold_file']} ({r['gold_statements']} gold)")
            for key in ("statement_exact", "statement_overlap", "cue"):
                _print_prf(key, r[key])
            for kind, k in r["by_kind"].items():
                print(
                    f"  {kind:<9} gold {k['gold']:>3}  found {k['found']:>3}  "
                    f"predicted {k['predicted']:>3}"
                )
            sc = r["speaker_counts"]
            print(
                f"  kind accuracy      {r['kind_accuracy']:.3f} on matched statements; "
                f"speaker accuracy {r['speaker_accuracy_matched']:.3f} "
                f"({sc['right']}/{sc['matched']})"
            )
    named = {k.removeprefix("quotes."): v for k, v in figs.items()}
    return gate(named, args.floors, prefix="quotes", nested=True)
