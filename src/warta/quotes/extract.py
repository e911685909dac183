"""Find the quotations of one article and who said them.

Three passes over the words of the text (spaCy tokens): quotation marks give the
direct quotations (``direct``); cue words give the reported clauses without marks
(indirect, or mixed when a quoted fragment sits inside); then every speaker mention is
resolved in text order against the people met so far (``speakers.Tracker``), so that
"Purwadi", "ujarnya" or "ia" get the fullest name, role and affiliation. The words and
mentions themselves come from ``mentions``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from warta.quotes import direct
from warta.quotes.lexicon import Lexicon
from warta.quotes.mentions import (
    END_PUNCT,
    MAX_MENTION_WORDS,
    QUOTE_MARKS,
    Text,
    is_boundary,
    known_short_names,
    mention_after,
    mention_before,
    person_mentions,
)
from warta.quotes.speakers import Mention, Person, Span, Tracker, Word, parse_mention

__all__ = ["QUOTE_MARKS", "Found", "find"]

# a quotation of fewer words than this, not followed by a cue, is a scare quote or title
MIN_STANDALONE_WORDS = 4


@dataclass(slots=True)
class Found:
    """One quotation with everything the evaluation needs (offsets of all its parts)."""

    start: int
    end: int
    kind: str  # direct | indirect | mixed
    cue: Span | None = None
    mention: Mention | None = None  # who, as written next to the cue
    pronoun: Span | None = None  # "nya" of "katanya", or "ia"
    speaker: Person | None = None
    speaker_span: Span | None = None
    name: str | None = None
    role: str | None = None
    affiliation: str | None = None


def _content_after(tx: Text, k: int, lex: Lexicon) -> int:
    """Skip what sits between a preposed cue and the reported clause ("bahwa", "kepada X,")."""
    n = len(tx.words)
    while k < n:
        low = tx.low(k)
        if low in (",", ":", "bahwa", "jika", "kalau"):
            k += 1
        elif low in ("kepada", "pada") and k + 1 < n:
            k += 1
            while k < n and (tx.words[k].text[:1].isupper() or tx.low(k).endswith("nya")):
                k += 1
        else:
            break
    return k


# what follows a cue when it takes a noun object, not a reported clause
_NOT_CONTENT = frozenset(
    {
        "hal",
        "itu",
        "demikian",
        "begitu",
        "tersebut",
        "oleh",
        "ini",
        "terima",
        "ucapan",
        "selamat",
        "salam",
        "apresiasi",
        "aksi",
        "laporan",
        "keluhan",
        "permintaan",
        "dukungan",
        "rasa",
        "kekecewaan",
        "keprihatinan",
        "belasungkawa",
    }
)


_PREDICATE_WORDS = frozenset(
    {
        "akan",
        "sudah",
        "telah",
        "belum",
        "tidak",
        "tak",
        "bukan",
        "masih",
        "tetap",
        "bisa",
        "dapat",
        "harus",
        "perlu",
        "adalah",
        "ialah",
        "merupakan",
        "sedang",
        "hanya",
        "ada",
        "sebesar",
        "sebanyak",
        "mampu",
        "mau",
        "ingin",
        "boleh",
        "agar",
        "supaya",
        "jika",
    }
)
_VERB_PREFIXES = ("me", "ber", "di", "ter", "per")


def _has_predicate(tx: Text, a: int, b: int) -> bool:
    """Whether words ``a:b`` look like a clause, not the noun object of the cue
    ("membantah keterlibatan peneliti ..."): a long stretch always does."""
    if b - a >= 12:
        return True
    for i in range(a, b):
        low = tx.low(i)
        if low in _PREDICATE_WORDS or (len(low) >= 5 and low.startswith(_VERB_PREFIXES)):
            return True
    return False


def _sentence_words(tx: Text, span: Span) -> tuple[int, int]:
    return tx.index_at(span[0]), tx.index_at(span[1])


def _attach_after(f: Found, tx: Text, k: int, lex: Lexicon, known: frozenset[str]) -> None:
    """Cue and speaker after a closing mark: ``,” kata X``, ``,” ujarnya``, ``,” X menambahkan``."""
    n = len(tx.words)
    i = k + 1 if k < n and tx.words[k].text == "," else k
    if i >= n:
        return
    first = i
    if tx.low(i) in ("demikian", "begitu") and i + 1 < n:
        i += 1
        if tx.low(i) in lex.nouns or tx.low(i) in lex.post:
            f.cue = (tx.words[first].start, tx.words[i].end)
            words = mention_after(tx, i + 1, lex, known)
            f.mention = (
                parse_mention(words, lex, known=known, persons=tx.persons) if words else None
            )
            return
    low = tx.low(i)
    if low in lex.post:
        f.cue = (tx.words[i].start, tx.words[i].end)
        k = i + 2 if tx.low(i + 1) == "oleh" else i + 1  # "ditambahkan oleh Tony"
        words = mention_after(tx, k, lex, known)
        if len(words) == 1 and lex.has(words[0].text, "pronoun"):
            f.pronoun = (words[0].start, words[0].end)
        elif words:
            f.mention = parse_mention(words, lex, known=known, persons=tx.persons)
        return
    if low in lex.post_nya:
        w = tx.words[i]
        f.cue, f.pronoun = (w.start, w.end), (w.end - 3, w.end)
        return
    for j in range(i, min(i + MAX_MENTION_WORDS, n)):
        w = tx.words[j]
        if is_boundary(w) or w.text == ",":
            return
        if tx.low(j) in lex.pre and j > i:
            end = j
            while end > i and lex.has(tx.low(end - 1), "adverb"):
                end -= 1
            nxt = tx.words[j + 1].text if j + 1 < n else "."
            if end > i and (nxt in ".,;" or lex.has(nxt, "stop")):
                f.cue = (w.start, w.end)
                words = tx.words[i:end]
                if len(words) == 1 and lex.has(words[0].text, "pronoun"):
                    f.pronoun = (words[0].start, words[0].end)
                else:
                    f.mention = parse_mention(words, lex, known=known, persons=tx.persons)
            return


def _attach_before(
    f: Found, tx: Text, k: int, floor: int, lex: Lexicon, known: frozenset[str]
) -> None:
    """Cue and speaker before an opening mark: ``X mengatakan, “`` / ``Menurut X, “``."""
    j = k - 1
    while j >= floor and tx.words[j].text in (",", ":"):
        j -= 1
    if j >= floor and tx.low(j) == "bahwa":
        j -= 1
    if j < floor:
        return
    low = tx.low(j)
    if low in lex.pre:
        f.cue = (tx.words[j].start, tx.words[j].end)
        words = mention_before(tx, j, lex, floor)
        _set_mention(f, tx, words, lex, known)
        return
    if low in lex.post_nya:
        w = tx.words[j]
        f.cue, f.pronoun = (w.start, w.end), (w.end - 3, w.end)
        return
    # "Menurut X, “...”" and "kata X: “...”": only names and titles between cue and mark
    if tx.words[j + 1].text not in (",", ":"):
        return
    for c in range(j, max(floor, j - MAX_MENTION_WORDS) - 1, -1):
        cl = tx.low(c)
        if not (
            tx.words[c].text[:1].isupper()
            or lex.classes.get(cl)
            or cl == "menurut"
            or cl in lex.post
        ):
            return
        if cl == "menurut" or cl in lex.post:
            f.cue = (tx.words[c].start, tx.words[c].end)
            _set_mention(f, tx, tx.words[c + 1 : j + 1], lex, known)
            return
        if is_boundary(tx.words[c]):
            return
    return


def _set_mention(
    f: Found, tx: Text, words: list[Word], lex: Lexicon, known: frozenset[str]
) -> None:
    if len(words) == 1 and lex.has(words[0].text, "pronoun"):
        f.pronoun = (words[0].start, words[0].end)
    elif words:
        f.mention = parse_mention(words, lex, known=known, persons=tx.persons)


def _word_count(tx: Text, a: int, b: int) -> int:
    return sum(1 for w in tx.words[a:b] if any(ch.isalnum() for ch in w.text))


def _direct(tx: Text, lex: Lexicon, known: frozenset[str]) -> tuple[list[Found], list[Span]]:
    """Direct quotations with their cues; also the short quoted fragments (for mixed)."""
    found: list[Found] = []
    fragments: list[Span] = []
    prev_end = 0
    for q in direct.find_quotations(tx.text):
        k0, k1 = tx.index_at(q.start), tx.index_at(q.end)
        f = Found(q.start, q.end, "direct")
        _attach_after(f, tx, k1, lex, known)
        sent = tx.sentence_of(q.start)
        floor = max(tx.index_at(sent[0]), tx.index_at(prev_end))
        if f.cue is None:
            _attach_before(f, tx, k0, floor, lex, known)
        inner = _word_count(tx, k0, k1)
        inside = tx.text[q.start : q.end].rstrip('”"»″’ ')
        ends_like_speech = inside[-1:] in ",.!?…"
        if f.cue is None and (
            inner < MIN_STANDALONE_WORDS
            or not ends_like_speech
            or _reported_before(tx, floor, k0, lex)
        ):
            fragments.append((q.start, q.end))
            continue
        found.append(f)
        prev_end = q.end
    return found, fragments


def _reported_before(tx: Text, floor: int, k0: int, lex: Lexicon) -> bool:
    """Whether a reported clause runs into the quotation at word ``k0``
    ("Budi mengatakan pemerintah “akan menindak tegas ...”"): then it is a mixed quote."""
    for c in range(k0 - 1, floor - 1, -1):
        if tx.words[c].text in END_PUNCT:  # the sentencizer may put the mark after a stop
            floor = c + 1
            break
    for c in range(floor, k0):
        if tx.low(c) in lex.pre:
            return _content_after(tx, c + 1, lex) < k0
    return False


def _indirect(
    tx: Text, lex: Lexicon, known: frozenset[str], taken: list[Span], fragments: list[Span]
) -> list[Found]:
    """Reported clauses without quotation marks, one per sentence at most."""
    out: list[Found] = []
    for sent in tx.sentences:
        a, b = _sentence_words(tx, sent)
        # only the words outside the direct quotations (the sentencizer often puts an
        # opening mark at the end of the sentence before it)
        for s, e in taken:
            if s < sent[1] and sent[0] < e:
                if s <= tx.words[a].start if a < len(tx.words) else True:
                    a = max(a, tx.index_at(e))
                else:
                    b = min(b, tx.index_at(s))
        while b > a and (tx.words[b - 1].text in END_PUNCT or tx.words[b - 1].text in QUOTE_MARKS):
            b -= 1
        if b - a < 4:
            continue
        f = _indirect_in(tx, a, b, lex, known)
        if f is None:
            continue
        inside = [(s, e) for s, e in fragments if f.start <= s < f.end]
        if inside:
            f.kind = "mixed"
            f.end = max(f.end, inside[-1][1])  # keep the closing mark with the quotation
        out.append(f)
    return out


def _indirect_in(tx: Text, a: int, b: int, lex: Lexicon, known: frozenset[str]) -> Found | None:
    words = tx.words
    for c in range(a, b):
        low = tx.low(c)
        if low in ("menurut", "menurutnya"):
            f = Found(0, 0, "indirect", cue=(words[c].start, words[c].end))
            if low == "menurutnya":
                f.pronoun = (words[c].end - 3, words[c].end)
                m_end = c + 1
            else:
                m_end = c + 1
                while m_end < b and words[m_end].text != "," and m_end - c <= MAX_MENTION_WORDS:
                    m_end += 1
                # "menurut Kepala Penerangan Satgas, Kolonel Timothy Antigha, Umar tewas ..."
                nxt = m_end + 1
                while (
                    nxt < b
                    and nxt - m_end <= 6
                    and (words[nxt].text[:1].isupper() or lex.has(words[nxt].text, "rank"))
                ):
                    nxt += 1
                if nxt < b and nxt > m_end + 1 and words[nxt].text == ",":
                    m_end = nxt
                _set_mention(f, tx, words[c + 1 : m_end], lex, known)
            if c > a and words[c - 1].text == "," and m_end >= b:
                span = (a, c - 1)  # "..., menurut X."
            else:
                span = (m_end + 1 if m_end < b and words[m_end].text == "," else m_end, b)
            return _with_content(f, tx, span)
        if low in lex.pre and c > a:
            if tx.low(c - 1) == "yang":
                continue
            mention = mention_before(tx, c, lex, a)
            if not mention:
                continue
            k = _content_after(tx, c + 1, lex)
            if tx.low(k) in _NOT_CONTENT or not _has_predicate(tx, k, b):
                continue
            f = Found(0, 0, "indirect", cue=(words[c].start, words[c].end))
            _set_mention(f, tx, mention, lex, known)
            return _with_content(f, tx, (k, b))
        if (low in lex.post or low in lex.post_nya) and c > a + 1 and words[c - 1].text == ",":
            f = Found(0, 0, "indirect", cue=(words[c].start, words[c].end))
            if low in lex.post_nya:
                f.pronoun = (words[c].end - 3, words[c].end)
            else:
                mention = mention_after(tx, c + 1, lex, known)
                if not mention:
                    continue
                _set_mention(f, tx, mention, lex, known)
                after = tx.index_at(mention[-1].end)
                if _word_count(tx, a, c - 1) < 3 and after < b and words[after].text == ",":
                    return _with_content(f, tx, (after + 1, b))  # "Lebih lanjut, kata Leo, ..."
            return _with_content(f, tx, (a, c - 1))
    return None


def _with_content(f: Found, tx: Text, span: tuple[int, int]) -> Found | None:
    a, b = span
    if _word_count(tx, a, b) < 3 or (f.mention is None and f.pronoun is None):
        return None
    f.start, f.end = tx.words[a].start, tx.words[b - 1].end
    return f


def _resolve(
    tx: Text,
    found: list[Found],
    people: list[Mention],
    canonical: Callable[[str], str | None] | None,
) -> None:
    """Give every quotation its speaker, in text order, through the document's people."""
    tracker = Tracker(tx.text, canonical=canonical)
    events: list[tuple[int, int, Mention | Found]] = [(m.start, 0, m) for m in people]
    for f in found:
        if f.mention is not None and f.mention.kind == "pronoun":
            f.pronoun, f.mention = (f.mention.start, f.mention.end), None
        pos = f.mention.start if f.mention else (f.pronoun[0] if f.pronoun else f.start)
        events.append((pos, 1, f))
    events.sort(key=lambda e: (e[0], e[1]))
    for pos, _, obj in events:
        if isinstance(obj, Mention):
            tracker.add(obj)
            continue
        f = obj
        if f.mention is not None:
            f.mention.salient = True
            f.name, f.role, f.affiliation, f.speaker = tracker.resolve(f.mention)
            f.speaker_span = (f.mention.start, f.mention.end)
            continue
        p = tracker.current(pos)
        if p is None:
            continue
        f.speaker, f.name, f.role, f.affiliation = p, p.name, p.role, p.affiliation
        f.speaker_span = f.pronoun or p.span
        if f.pronoun is None:
            continue
        p.last = max(p.last, pos)


def find(
    text: str,
    words: list[Word],
    sentences: list[Span],
    lex: Lexicon,
    *,
    persons: list[Span] | None = None,
    canonical: Callable[[str], str | None] | None = None,
) -> list[Found]:
    """Every quotation of ``text`` (direct, indirect, mixed), sorted, with resolved speakers."""
    tx = Text(text, words, sentences, persons)
    known = known_short_names(tx, lex)
    found, fragments = _direct(tx, lex, known)
    taken = [(f.start, f.end) for f in found]
    found.extend(_indirect(tx, lex, known, taken, fragments))
    found.sort(key=lambda f: f.start)
    people = person_mentions(tx, lex, known)
    for ps, pe in persons or []:
        m = parse_mention(
            tx.words[tx.index_at(ps) : tx.index_at(pe)], lex, known=known, persons=[(ps, pe)]
        )
        if m is not None and m.kind == "person":
            people.append(m)
    _resolve(tx, found, people, canonical)
    return found
