"""Words, sentences and speaker mentions: the parts of a text the quote rules read.

``Text`` holds the words of an article with lookup by character offset. The
``mention_*`` functions collect the words that name a speaker next to a cue;
``person_mentions`` finds the people an article names with a title or by the full form
of a name it later uses alone ("Damar Juniarto" ... "kata Damar").
"""

from __future__ import annotations

import bisect

from warta.quotes.lexicon import Lexicon
from warta.quotes.speakers import Mention, Span, Word, parse_mention

QUOTE_MARKS = frozenset('“”"„«»″’')
END_PUNCT = frozenset(".!?")
MAX_MENTION_WORDS = 16


class Text:
    """The words of an article with fast lookup by character offset."""

    def __init__(
        self,
        text: str,
        words: list[Word],
        sentences: list[Span],
        persons: list[Span] | None = None,
    ) -> None:
        self.text = text
        self.words = words
        self.starts = [w.start for w in words]
        self.sentences = sentences
        self.sent_starts = [s for s, _ in sentences]
        self.persons = persons or []  # person names found by the nlp stage's NER

    def index_at(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def sentence_of(self, offset: int) -> Span:
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        return self.sentences[i] if i >= 0 else (0, len(self.text))

    def low(self, i: int) -> str:
        return self.words[i].text.lower() if 0 <= i < len(self.words) else ""


def is_boundary(w: Word) -> bool:
    t = w.text
    if t in END_PUNCT or t in (";", ":"):
        return True
    return all(ch in QUOTE_MARKS for ch in t)


def mention_after(tx: Text, k: int, lex: Lexicon, known: frozenset[str]) -> list[Word]:
    """The speaker words after a postposed cue at word ``k - 1``."""
    out: list[Word] = []
    n = len(tx.words)
    i = k
    while i < n and len(out) < MAX_MENTION_WORDS:
        w = tx.words[i]
        low = w.text.lower()
        if w.text == ",":
            # "kata Kepala Dinas Kesehatan, Budi" or "kata Irma Hidayana, salah satu pendiri X"
            j = i + 1
            seg: list[Word] = []
            while j < n and tx.words[j].text not in ",.;:()" and not is_boundary(tx.words[j]):
                if tx.low(j) in lex.classes and "stop" in lex.classes[tx.low(j)]:
                    break
                seg.append(tx.words[j])
                j += 1
            listed = seg[1:] if seg and seg[0].text == "dan" else seg  # "Politik, Hukum, dan ..."
            capitalised = bool(listed) and all(x.text[:1].isupper() for x in listed)
            capitalised = capitalised and len(seg) <= 7
            described = lex.has(seg[0].text, "role") or tx.low(i + 1) == "salah" if seg else False
            if seg and (capitalised or described):
                out.append(w)
                out.extend(seg)
                i = j
                continue
            break
        if w.text == "(" and out:
            # "Panglima Komando Armada I (Pangkoarmada) Laksda ...": skip a short aside
            close = next((j for j in range(i + 1, min(i + 6, n)) if tx.words[j].text == ")"), None)
            inside = tx.words[i + 1 : close] if close is not None else []
            if close is not None and not any(ch.isdigit() for x in inside for ch in x.text):
                i = close + 1
                continue
            break
        if is_boundary(w) or w.text in "()" or (w.text == "." and not out):
            break
        if w.text == "." and out:
            break
        if lex.has(low, "stop") and not w.text[:1].isupper():
            break
        if lex.has(low, "stop") and low in (
            "senin",
            "selasa",
            "rabu",
            "kamis",
            "jumat",
            "sabtu",
            "minggu",
        ):
            break
        if lex.is_cue(low) and out:
            break
        out.append(w)
        i += 1
    return out


def mention_before(tx: Text, c: int, lex: Lexicon, floor: int) -> list[Word]:
    """The speaker words before a preposed cue at word ``c`` (not before word ``floor``)."""
    j = c - 1
    while j >= floor and lex.has(tx.low(j), "adverb"):
        j -= 1
    segments: list[list[Word]] = []
    commas: list[Word] = []  # commas[k]: the comma before segments[k]
    apposition = j >= floor and tx.words[j].text == ","
    if apposition:
        j -= 1
    for _ in range(2 if apposition else 1):
        seg: list[Word] = []
        while j >= floor and len(seg) < MAX_MENTION_WORDS:
            w = tx.words[j]
            low = w.text.lower()
            if w.text == ")":
                # "Kementerian Komunikasi dan Informatika (Kominfo) menyebut"
                opening = next(
                    (k for k in range(j - 1, max(floor, j - 4) - 1, -1) if tx.words[k].text == "("),
                    None,
                )
                if opening is None:
                    break
                seg.extend(reversed(tx.words[opening : j + 1]))
                j = opening - 1
                continue
            if low == "yang" and seg and all(not x.text[:1].isupper() for x in seg):
                # "peserta yang ditemui mengaku": the speaker is before the relative clause
                seg = []
                j -= 1
                continue
            if w.text in ",;:()" or is_boundary(w) or w.text in END_PUNCT:
                break
            if not w.text[:1].isupper() and (
                lex.has(low, "lead") or lex.has(low, "stop") or lex.is_cue(low)
            ):
                break
            if (
                w.text[:1].isupper()
                and lex.has(low, "lead")
                and not lex.classes[low] - {"lead", "stop", "adverb"}
            ):
                break
            seg.append(w)
            j -= 1
        segments.append(list(reversed(seg)))
        if j >= floor and tx.words[j].text == ",":
            commas.append(tx.words[j])
            j -= 1
        else:
            break
    # name, apposition: keep the comma between them, it tells them apart
    words: list[Word] = []
    for k in range(len(segments) - 1, -1, -1):
        words.extend(segments[k])
        if k > 0 and segments[k]:
            words.append(commas[k - 1])
    if not words:
        return []
    if not any(
        w.text[:1].isupper()
        or lex.has(w.text, "pronoun")
        or lex.has(w.text, "role")
        or lex.has(w.text, "org")
        for w in words
    ):
        return []
    return words


def known_short_names(tx: Text, lex: Lexicon) -> frozenset[str]:
    """Single capitalised words used alone after a cue ("kata Purwadi"): names, not titles."""
    out = set()
    n = len(tx.words)
    for i, w in enumerate(tx.words[:-2]):
        low = w.text.lower()
        if low in lex.post or low == "menurut":
            k = i + 1  # "kata Gus Yahya", "kata Komjen Listyo": the word after the title
            while k < n - 2 and (lex.has(tx.low(k), "honorific") or lex.has(tx.low(k), "rank")):
                k += 1
            nxt, after = tx.words[k], tx.words[k + 1]
            if (
                nxt.text[:1].isupper()
                and not lex.classes.get(nxt.text.lower())
                and (after.text in ",." or lex.has(after.text, "stop"))
            ):
                out.add(nxt.text.lower())
    return frozenset(out)


def person_mentions(tx: Text, lex: Lexicon, known: frozenset[str]) -> list[Mention]:
    """People named with a title ("Presiden Rusia Vladimir Putin", "Kompol Budi") or by a
    full name whose short form is used after a cue ("Damar Juniarto" ... "kata Damar")."""
    out: list[Mention] = []
    n = len(tx.words)
    i = 0
    while i < n:
        if not tx.words[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while (
            j < n
            and (
                tx.words[j].text[:1].isupper()
                or (lex.has(tx.low(j), "rolemod") and tx.low(j) != "dan")
                or lex.has(tx.low(j), "role")
            )
            and not is_boundary(tx.words[j])
        ):
            j += 1
        run = [tx.low(x) for x in range(i, j)]
        if not any(
            lex.has(x, "role") or lex.has(x, "rank") or lex.has(x, "honorific") or x in known
            for x in run
        ):
            i = max(j, i + 1)
            continue
        alone = j - i == 1 and tx.low(i) in known
        m = (
            parse_mention(tx.words[i:j], lex, known=known, persons=tx.persons)
            if j - i >= 2 or alone
            else None
        )
        if m is not None and m.kind == "person" and m.core is not None and m.name is not None:
            core_words = tx.text[m.core[0] : m.core[1]].split()
            titled_name = m.name != m.core or m.role is not None
            if (
                len(core_words) >= 2
                or alone
                or (titled_name and m.name[0] > m.start)
                or (titled_name and core_words[0].lower() in known)
            ):
                m.salient = subject_position(tx, tx.index_at(m.start))
                out.append(m)
        i = max(j, i + 1)
    return out


_NOT_SUBJECT = frozenset({"oleh", "kepada", "dengan", "dari", "untuk", "bersama", "dan", "atau"})


def subject_position(tx: Text, i: int) -> bool:
    """Whether word ``i`` opens its sentence or its main clause ("Sementara itu, Budi ..."):
    the people "ia" and "katanya" most likely point at."""
    s0 = tx.index_at(tx.sentence_of(tx.words[i].start)[0])
    if i - s0 <= 1:
        return tx.low(i - 1) not in _NOT_SUBJECT if i > s0 else True
    return i - s0 <= 6 and tx.low(i - 1) not in _NOT_SUBJECT
