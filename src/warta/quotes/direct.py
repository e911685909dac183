"""Quotation marks: where direct quotations open and close.

News text mixes curly and straight quotes, and some outlets (and scrapers) open a
quotation with a closing mark (”Kami menolak,” kata ...). A mark's role is decided
by its neighbours: a mark after a space or at the start of a paragraph opens, a mark
after a letter or punctuation closes. A quotation that runs to the end of a paragraph
without closing continues when the next paragraph opens with a mark (the convention
for quotations over several paragraphs); otherwise it ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "»"
AMBIGUOUS = '”"″'
# a quotation longer than this without a closing mark is a stray mark, not a quotation
MAX_UNCLOSED = 1200


@dataclass(frozen=True, slots=True)
class Quotation:
    start: int  # the opening mark
    end: int  # after the closing mark (or the end of the last paragraph)
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch not in AMBIGUOUS:
        return False
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else " "
    if before == "." and after.isupper():
        return True  # 'masyarakat."Satu hal ...': a new quotation glued to the sentence before
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    ch = text[i]
    if ch in CLOSERS:
        return True
    if ch == "’":
        # ’ typed for ” after a comma or stop: ,’ kata X
        return i > 0 and text[i - 1] in ",.!?" and (i + 1 == len(text) or text[i + 1].isspace())
    if ch not in AMBIGUOUS:
        return False
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _next_paragraph_opens(text: str, i: int) -> int | None:
    """The index of an opening mark that starts the paragraph after position ``i``."""
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and j > i and "\n" in text[i:j] and _opens(text, j):
        return j
    return None


_MARK = re.compile("[" + re.escape(OPENERS + CLOSERS + AMBIGUOUS) + "]")
_MARK_OR_BREAK = re.compile("[" + re.escape(OPENERS + CLOSERS + AMBIGUOUS + "’") + "\n]")


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order, non-overlapping."""
    out: list[Quotation] = []
    i, n = 0, len(text)
    while i < n:
        # jump from mark to mark: most characters cannot open anything
        m = _MARK.search(text, i)
        if m is None:
            break
        i = m.start()
        if not _opens(text, i):
            i += 1
            continue
        start, j = i, i + 1
        end: int | None = None
        while j < n:
            nxt = _MARK_OR_BREAK.search(text, j)
            if nxt is None:
                j = n
                break
            j = nxt.start()
            ch = text[j]
            if ch == "\n":
                cont = _next_paragraph_opens(text, j)
                if cont is None:
                    break
                j = cont + 1
                continue
            if _closes(text, j) and j > start + 1:
                end = j + 1
                break
            if ch in OPENERS:  # a new quotation starts: the old one was never closed
                break
            j += 1
        if end is not None:
            out.append(Quotation(start, end, True))
            i = end
            continue
        stop = j
        while stop > start + 1 and text[stop - 1].isspace():
            stop -= 1
        if stop - start <= MAX_UNCLOSED and stop > start + 1:
            out.append(Quotation(start, stop, False))
            i = stop
        else:
            i = start + 1
    return out
