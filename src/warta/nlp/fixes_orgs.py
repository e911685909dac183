"""The ``notent``, ``orgplace`` and ``orgnames`` rules of ``warta_ner_fixes`` (see
``warta.nlp.fixes``): words that are no entity, places inside organisation names, whole
organisation names."""

from __future__ import annotations

from spacy.tokens import Doc

from warta.nlp.fixes import Ent, is_a, is_place, tokens_of


def _cased(doc: Doc) -> bool:
    words = [t.text for t in doc if t.is_alpha]
    return bool(words) and sum(w[0].isupper() for w in words) > 0.05 * len(words)


def _lower(doc: Doc, i: int) -> bool:
    return doc[i].is_alpha and doc[i].text.islower()


def _shouted(doc: Doc, i: int, taken: set[int]) -> bool:
    """Token ``i`` is a capitalised common word ("GAWAT DARURAT"), not in any span."""
    tok = doc[i]
    return i not in taken and tok.is_alpha and tok.is_upper and len(tok) > 2


def drop_non_entities(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """No diseases, policies, role nouns nor lower-case words in cased text, nor at a span's
    end ("Istana Kepresidenan waspada"); no word of a text written in capitals. (A lower-case
    word at a span's start, "kota Bandung", is kept: NERGRIT's gold has them, and dropping
    it cost 1.9 F1 there for 0.1 on the dev set.)"""
    cased = _cased(doc)
    taken = tokens_of(ents)
    out = []
    for e in ents:
        while cased and e.end - e.start > 1 and _lower(doc, e.end - 1):
            e.end, e.kb_id = e.end - 1, ""
        text = doc[e.start : e.end].text
        if is_a(text, "notent") or (e.label == "PER" and is_a(text, "rolenoun")):
            continue
        if cased and not any(c.isupper() for c in text):
            continue
        if e.label == "PER" and is_a(doc[e.start].text, "orghead"):
            e.label = "ORG"  # "Gugus Tugas"
        if text.isupper() and any(
            0 <= i < len(doc) and _shouted(doc, i, taken) for i in (e.start - 1, e.end)
        ):
            continue
        out.append(e)
    return out


def _space_between(doc: Doc, a: int, b: int) -> bool:
    """Tokens a and b (b == a + 1) are separated by one line's spaces only."""
    return b == a + 1 and "\n" not in doc[a].whitespace_ and bool(doc[a].whitespace_)


def org_place(doc: Doc, ents: list[Ent]) -> list[Ent]:
    ents.sort(key=lambda e: e.start)
    for e in ents:
        first = doc[e.start].text
        if e.label == "LOC" and is_a(first, "orghead") and e.end - e.start > 1:
            e.label, e.kb_id = "ORG", ""
        elif e.label == "ORG" and is_a(first, "placehead") and e.end - e.start > 1:
            e.label, e.kb_id = "LOC", ""
    out: list[Ent] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and _joined(doc, prev, e):
            prev.end, prev.kb_id = e.end, ""
            continue
        if e.label == "LOC":
            floor = prev.end if prev else 0
            head = _org_head_before(doc, e.start, floor)
            if head is not None:
                out.append(Ent(head, e.end, "ORG"))
                continue
            site = _org_head_before(doc, e.start, floor, cls="placehead")
            if site is not None:  # "Asrama Haji" + "Surabaya"
                e.start, e.kb_id = site, ""
        out.append(e)
    return out


def _joined(doc: Doc, prev: Ent, e: Ent) -> bool:
    """Two spans that are one name: an ORG and the place in it ("Pemkot" + "Surabaya"), a
    faculty and its university, two places joined by a hyphen ("Manado-Bitung")."""
    if _space_between(doc, prev.end - 1, e.start) and prev.label == "ORG":
        return e.label == "LOC" or (e.label == "ORG" and is_a(doc[e.start].text, "orgparent"))
    return (
        prev.label == e.label == "LOC"
        and e.start == prev.end + 1
        and doc[prev.end].text == "-"
        and not doc[prev.end - 1].whitespace_
        and not doc[prev.end].whitespace_
    )


def _glued_number(doc: Doc, i: int) -> bool:
    """Token ``i`` is the "-" or the number of a name written with one: "Covid-19"."""
    tok = doc[i]
    if tok.text == "-":
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        return (
            nxt is not None and nxt.is_digit and not tok.whitespace_ and not doc[i - 1].whitespace_
        )
    return tok.is_digit and i > 1 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_


def _name_part(doc: Doc, i: int) -> bool:
    """Token ``i`` continues a capitalised name on the same line ("Covid-19" too)."""
    tok = doc[i]
    if _glued_number(doc, i):
        return True  # "Covid" + "-" + "19"
    return tok.text[:1].isupper() and "\n" not in doc[i - 1].whitespace_ and not tok.is_punct


def untagged_orgs(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A capitalised run opened by "Badan", "Kementerian", "Gugus" ... that the model missed
    is an ORG, with a name right after it ("Korps Lalu Lintas" + "Polri")."""
    taken = tokens_of(ents)
    starts = {e.start: e for e in ents}
    i = 0
    while i < len(doc) - 1:
        if i in taken or not is_a(doc[i].text, "orgstart") or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and _name_part(doc, j) and not _title(doc[j].text):
            j += 1
        if j < len(doc) and j in starts and starts[j].label != "PER" and _name_part(doc, j):
            nxt = starts[j]
            ents.remove(nxt)
            j = nxt.end
        if j > i + 1:
            ents.append(Ent(i, j, "ORG"))
            taken.update(range(i, j))
        i = j
    return ents


def _title(word: str) -> bool:
    return is_a(word, "title") or is_a(word, "honorific")


def org_names(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """Whole organisation names: "Fraksi" + "Partai Demokrat", "Pemda" + "Nduga", "Dinas
    Pertanahan" + "dan Penataan Ruang", "Dinkes Indramayu" (untagged)."""
    ents = untagged_orgs(doc, ents)
    taken = tokens_of(ents)
    for tok in doc[:-1]:
        place = doc[tok.i + 1]
        if (
            tok.i not in taken
            and place.i not in taken
            and tok.text[:1].isupper()
            and is_a(tok.text, "orghead")
            and _space_between(doc, tok.i, place.i)
            and place.text[:1].isupper()
            and is_place(place.text)
        ):
            ents.append(Ent(tok.i, place.i + 1, "ORG"))
            taken.update((tok.i, place.i))
    for e in sorted(ents, key=lambda e: e.start):
        if e.label != "ORG":
            continue
        head = _org_head_before(doc, e.start, 0)
        if head is not None and not taken & set(range(head, e.start)):
            taken.update(range(head, e.start))
            e.start, e.kb_id = head, ""
        nxt = e.end
        if (
            e.end - e.start == 1
            and is_a(doc[e.start].text, "orghead")
            and nxt < len(doc)
            and nxt not in taken
            and _space_between(doc, e.start, nxt)
            and doc[nxt].is_alpha
            and doc[nxt].text[0].isupper()
            and not is_a(doc[nxt].text, "title")
        ):
            e.end, e.kb_id = nxt + 1, ""
            taken.add(nxt)
        if is_a(doc[e.start].text, "orghead") and e.end + 1 < len(doc) and doc[e.end].text == "dan":
            j = e.end + 1
            while j < len(doc) and j < e.end + 6 and j not in taken and doc[j].is_alpha:
                if not doc[j].text[0].isupper() or is_a(doc[j].text, "orghead"):
                    break
                j += 1
            if j > e.end + 1:
                taken.update(range(e.end, j))
                e.end, e.kb_id = j, ""
    return ents


def _org_head_before(doc: Doc, start: int, floor: int, *, cls: str = "orghead") -> int | None:
    """The first token of an organisation name ending right before ``start`` ("Pemerintah
    Kota" before "Surabaya"), when one of up to five capitalised words before it is an
    organisation head and no title stands between."""
    found = None
    i = start - 1
    while i >= floor and i >= start - 5:
        tok = doc[i]
        if not tok.text[:1].isupper() or is_a(tok.text, "title") or not tok.whitespace_:
            break
        if "\n" in tok.whitespace_:
            break
        if is_a(tok.text, cls):
            found = i
        i -= 1
    return found


def repeat_names(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A name the article tags once is tagged where it recurs untagged: a name of several
    words ("AJB Bumiputera") or a capitalised acronym ("RSPAD"). (A person's first or last
    name alone, "Deni" of "Deni Ridwan", cost precision on the dev set: left out.)"""
    names: dict[tuple[str, ...], str] = {}
    for e in ents:
        words = tuple(t.text for t in doc[e.start : e.end])
        if len(words) > 1 or (words[0].isupper() and len(words[0]) > 2 and e.label == "ORG"):
            names.setdefault(words, e.label)
    taken = tokens_of(ents)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(names, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    for tok in doc:
        if tok.i in taken:
            continue
        for words in by_first.get(tok.text, ()):
            end = tok.i + len(words)
            span = range(tok.i, end)
            if (
                end <= len(doc)
                and not taken & set(span)
                and tuple(t.text for t in doc[tok.i : end]) == words
            ):
                ents.append(Ent(tok.i, end, names[words]))
                taken.update(span)
                break
    return ents
