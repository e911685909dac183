"""Find the pieces of time expressions ("atoms") in plain text with regexes built from the tables.

An atom is a weekday, a date, a clock time, a part of day, a relative word, a duration, a set or
a period, already parsed into a ``Draft``. ``warta.times.resolve`` glues adjacent atoms into one
expression ("Selasa (1/3/2022) pukul 10.00 WIB") and gives each its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from warta.times.lexicon import Lexicon, alt, lexicon, norm


@dataclass(slots=True)
class Draft:
    """One parsed atom or merged expression before normalization."""

    start: int
    end: int
    kind: str  # date wd pdate tod clock rel dur set literal
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    wd_dir: int | None = None  # None: nearest past (same day included); -1 last; 0 this; 1 next
    stated_weekday: int | None = None  # the weekday written beside a date ("Selasa (19/9)")
    tod: str | None = None
    clock: str | None = None
    clock2: str | None = None  # the end of a clock range "pukul 10.00-12.00"
    rel_unit: str | None = None  # D W WE M Y: offset from the anchor
    rel_n: float = 0
    anaphoric: bool = False
    month_dir: int | None = None  # "Mei lalu" -1, "Desember depan" 1, "Juni ini" 0
    year_rel: int | None = None  # "September tahun lalu"
    duration: str | None = None
    literal: str | None = None  # a value that needs no anchor (years, decades, sets, periods)
    period: str | None = None  # Q1, H2 for quarters and half-years
    holiday: tuple[str, int] | None = None
    end_draft: Draft | None = None  # the other end of a range
    parts: list[str] = field(default_factory=list)  # kinds merged into this expression

    @property
    def has_day(self) -> bool:
        return self.day is not None or self.weekday is not None or self.rel_unit == "D"


_Y = r"(?:1[5-9]|20)\d\d"
_B = r"(?<![\w'’])"
_E = r"(?![\w'’])"
_MEASURE = re.compile(
    r"\s*(?:persen|%|orang|jiwa|unit|kasus|km|meter|m|ton|kg|hektar|ha|rupiah|dolar|buah|kali)\b",
    re.I,
)
_REGULATION = re.compile(r"(?:nomor|no\.?|nomer)\s*[\w.]+\s*$", re.I)
_TAHUN = re.compile(r"(?:tahun|thn\.?)\s*$", re.I)
_WORD = re.compile(r"\w[\w'’]*|\(")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:\"“”‘'(\n]\s*)$")


class Patterns:
    """The compiled regexes; built once per process."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        months = alt(lex.all_months)
        months_id = alt(lex.months)
        months_en = alt(lex.months_en)
        wd = alt(lex.weekdays)
        tod = alt(lex.tods)
        mod = alt(lex.modifiers)
        numwords = alt(lex.nums)
        units_id = r"(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)"
        num = rf"(?:\d+(?:,\d+)?|{units_id}\s+(?:puluh|belas)(?:\s+{units_id})?"
        num += r"|(?:" + numwords + r")(?:\s+setengah)?)"
        unit = alt(lex.units)
        after = alt([*lex.after, "terakhir"])
        flags = re.I
        self.dmy_text = re.compile(
            rf"{_B}(?:(?:tanggal|tgl\.?)\s+)?(?P<d>[0-3]?\d)"
            rf"(?:\s*(?:-|–|—|s/d|hingga|sampai(?:\s+dengan)?)\s*(?P<d2>[0-3]?\d))?"
            rf"\s+(?P<mon>{months}){_E}\.?"
            rf"(?:\s*(?:-|–|hingga|sampai)\s*(?P<d3>[0-3]?\d)\s+(?P<mon3>{months}){_E})?"
            rf"(?:\s*,?\s*(?P<y>{_Y}){_E})?",
            flags,
        )
        self.mdy_en = re.compile(
            rf"{_B}(?P<mon>{months_en}|{alt(lex.month_abbr)})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?{_E}(?:,?\s+(?P<y>{_Y}){_E})?",
            flags,
        )
        self.day_only = re.compile(
            rf"{_B}tanggal\s+(?P<d>[0-3]?\d){_E}(?!\s*(?:[/.-]|{months}))", flags
        )
        self.month_year = re.compile(
            rf"{_B}(?:(?P<mod>{mod})\s+)?(?:bulan\s+)?(?P<mon>{months}){_E}"
            rf"(?:\s*(?:-|–|hingga|sampai(?:\s+dengan)?|s/d)\s*(?P<mon2>{months}){_E})?"
            rf"\s*,?\s+(?:tahun\s+)?(?P<y>{_Y}){_E}",
            flags,
        )
        self.month_bare = re.compile(
            rf"{_B}(?:(?P<mod>{mod})\s+)?(?P<bulan>bulan\s+)?(?P<mon>{months_id}){_E}"
            r"(?:\s+(?:tahun\s+(?P<yrel>lalu|ini|depan|kemarin)|(?P<mrel>lalu|silam|kemarin|depan|mendatang|ini))(?!\w))?",
            flags,
        )
        self.year = re.compile(
            rf"(?<![\w/.:,-])(?:(?P<mod>{mod})\s+)?(?:(?P<tahun>tahun(?:\s+anggaran)?|thn\.?)\s+)?"
            rf"(?P<y>\d{{4}})(?:\s*(?P<sep>[-–/])\s*(?P<y2>\d{{4}}|\d\d))?(?![\w/]|[.,:]\d)",
            flags,
        )
        self.decade = re.compile(
            rf"{_B}(?:(?:tahun|era|dekade)\s+)?(?P<dec>{_Y[:-2]})0(?:-an|an|s){_E}", flags
        )
        self.century = re.compile(
            rf"{_B}abad\s+(?:ke-?\s*)?(?P<c>\d{{1,2}}|[ivxl]+){_E}(?!\s+sebelum)", flags
        )
        self.quarter = re.compile(
            rf"{_B}(?P<p>{alt(lex.periods)})\s+(?:ke-?)?(?P<o>{alt(lex.ordinals)}){_E}"
            rf"(?:\s*,?\s*(?:tahun\s+)?(?P<y>{_Y}){_E})?",
            flags,
        )
        self.dmy_num = re.compile(
            rf"(?<![\w/.:-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?P=sep)(?P<y>{_Y}|\d\d)"
            r"(?![\w/]|[.:-]\d)",
            flags,
        )
        self.paren = re.compile(
            rf"\(\s*(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:/(?P<y>{_Y}|\d\d))?\s*\)", flags
        )
        self.clock = re.compile(
            rf"{_B}(?:(?P<kw>pukul|pkl\.?|jam|at)\s*)?(?P<h>[0-2]?\d)"
            r"(?:[.:](?P<mi>[0-5]\d)(?:[.:](?P<s>[0-5]\d))?)?(?![\d.,:]\d|\d)"
            r"(?:\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)(?![\w]))?"
            r"(?:\s*(?:-|–|s/d|sampai|hingga)\s*(?P<h2>[0-2]?\d)[.:](?P<mi2>[0-5]\d)(?!\d))?"
            rf"(?:\s+(?P<tod>{tod}){_E})?"
            rf"(?:\s*(?P<zone>{alt(lex.zones)}){_E})?",
            flags,
        )
        self.weekday = re.compile(
            rf"{_B}(?:(?P<pre>last|next|this)\s+)?(?:(?P<hari>hari)\s+)?(?P<wd>{wd}){_E}"
            rf"(?:\s+(?P<wdrel>lalu|kemarin|depan|mendatang|ini){_E})?",
            flags,
        )
        self.tod = re.compile(rf"{_B}(?P<tod>{tod}){_E}", flags)
        self.rel = re.compile(rf"{_B}(?:(?P<mod>{mod})\s+)?(?P<rel>{alt(lex.rels)}){_E}", flags)
        self.dur = re.compile(
            rf"(?<![\w'’.,/-])(?:(?P<num>{num})(?:\s*(?:-|–|sampai|hingga)\s*(?P<num2>{num}))?"
            rf"\s*(?:x\s*(?P<mult>\d+)\s*)?(?P<unit>{unit})|(?P<se>{alt(lex.seunits)})){_E}(?!-)"
            rf"(?:\s+(?P<num3>{num})\s*(?P<unit3>{unit}){_E})?"
            rf"(?:\s+(?P<after>{after}){_E})?",
            flags,
        )
        self.set = re.compile(
            rf"{_B}(?P<sw>{alt(lex.setwords)})\s+(?:(?P<wd>{wd})"
            rf"(?:\s+(?:atau|dan|and|or)\s+(?P<wd2>{wd}))?|(?P<su>{alt(lex.setunits)})){_E}",
            flags,
        )
        self.holiday = re.compile(
            rf"{_B}(?:H\s*(?P<sign0>[-+])\s*(?P<hn0>\d+)\s*(?:-|–|s/d|hingga|sampai(?:\s+dengan)?)\s*)?"
            rf"(?:H\s*(?P<sign>[-+])\s*(?P<hn>\d+)\s+)?(?P<hol>{alt(lex.holidays)}){_E}"
            rf"(?:\s+(?P<y>{_Y}){_E})?",
            flags,
        )
        self.age = re.compile(rf"(?:{alt(lex.age)})\s+(?:[\w,]+\s+){{0,3}}$", flags)
        self.starts = self._starts(lex)

    @staticmethod
    def _starts(lex: Lexicon) -> dict[str, set[str]]:
        """Which patterns can begin at a word: running each regex only at the words that can
        start it, instead of at every character, is what makes the stage fast."""
        starts: dict[str, set[str]] = {}

        def add(words: object, *names: str) -> None:
            for w in words:  # type: ignore[attr-defined]
                starts.setdefault(norm(str(w)).split()[0], set()).update(names)

        add(lex.all_months, "month_year")
        add(lex.months, "month_bare")
        add([*lex.months_en, *lex.month_abbr], "mdy_en")
        add(lex.weekdays, "weekday")
        add(lex.tods, "tod")
        add(lex.rels, "rel")
        add(lex.modifiers, "month_year", "month_bare", "year", "rel")
        add([*lex.nums, *lex.seunits], "dur")
        add(["dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"], "dur")
        add(lex.setwords, "set")
        add(lex.holidays, "holiday")
        add(lex.periods, "quarter")
        add(["tanggal", "tgl"], "dmy_text", "day_only")
        add(["bulan"], "month_year", "month_bare")
        add(["tahun", "thn"], "year", "decade")
        add(["era", "dekade"], "decade")
        add(["abad"], "century")
        add(["pukul", "pkl", "jam", "at"], "clock")
        add(["hari", "last", "next", "this"], "weekday")
        add(["h"], "holiday")
        add(["("], "paren")
        starts["0"] = {"dmy_text", "year", "decade", "dmy_num", "clock", "dur"}
        return starts

    def positions(self, text: str) -> dict[str, list[int]]:
        """For each pattern, the offsets of the words where it may match."""
        out: dict[str, list[int]] = {}
        for w in _WORD.finditer(text):
            word = w.group(0)
            key = "0" if word[0].isdigit() else word.lower().replace("’", "'")
            for name in self.starts.get(key, ()):
                out.setdefault(name, []).append(w.start())
        return out

    def each(self, name: str, text: str, at: dict[str, list[int]]) -> Iterator[re.Match[str]]:
        pattern: re.Pattern[str] = getattr(self, name)
        for pos in at.get(name, ()):
            if m := pattern.match(text, pos):
                yield m


@cache
def patterns() -> Patterns:
    return Patterns(lexicon())


def _year2(value: str) -> int:
    y = int(value)
    return y if len(value) == 4 else (2000 + y if y < 50 else 1900 + y)


def _valid(day: int | None, month: int | None) -> bool:
    return (day is None or 1 <= day <= 31) and (month is None or 1 <= month <= 12)


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def _after_name(text: str, at: int) -> bool:
    """A capitalized word right before ``at`` (not opening a sentence): we are inside a name."""
    found = re.search(r"([A-Z][\w]*)[ \t]+$", text[max(0, at - 30) : at])
    return found is not None and not _sentence_start(text, at - len(found.group(0)))


def _sentence_start(text: str, at: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, at - 3) : at]))


def find_atoms(text: str) -> list[Draft]:
    """Every candidate atom in ``text``; overlaps are resolved by ``choose``."""
    p = patterns()
    lex = p.lex
    at = p.positions(text)
    out: list[Draft] = []
    months = lex.all_months

    for m in p.each("dmy_text", text, at):
        mon = months[norm(m["mon"])]
        d = int(m["d"])
        y = int(m["y"]) if m["y"] else None
        if not _valid(d, mon):
            continue
        draft = Draft(m.start(), m.end(), "date", year=y, month=mon, day=d)
        if m["d2"] and _valid(int(m["d2"]), mon):
            draft.end_draft = Draft(m.start(), m.end(), "date", year=y, month=mon, day=int(m["d2"]))
        elif m["d3"]:
            mon3, d3 = months[norm(m["mon3"])], int(m["d3"])
            draft.end_draft = Draft(m.start(), m.end(), "date", year=y, month=mon3, day=d3)
        out.append(draft)
    for m in p.each("mdy_en", text, at):
        d, mon = int(m["d"]), months[norm(m["mon"])]
        if _valid(d, mon) and _capitalized(m["mon"]):
            y = int(m["y"]) if m["y"] else None
            out.append(Draft(m.start(), m.end(), "date", year=y, month=mon, day=d))
    for m in p.each("day_only", text, at):
        if _valid(int(m["d"]), None):
            out.append(Draft(m.start(), m.end(), "date", day=int(m["d"])))
    for m in p.each("month_year", text, at):
        draft = Draft(m.start(), m.end(), "date", year=int(m["y"]), month=months[norm(m["mon"])])
        if m["mon2"]:
            draft.end_draft = Draft(m.start(), m.end(), "date", year=draft.year)
            draft.end_draft.month = months[norm(m["mon2"])]
        out.append(draft)
    for m in p.each("month_bare", text, at):
        if not (_capitalized(m["mon"]) or m["bulan"]):
            continue
        if not m["bulan"] and not m["mod"] and _after_name(text, m.start()):
            continue  # "Institut Teknologi Sepuluh Nopember": part of a name
        draft = Draft(m.start(), m.end(), "date", month=lex.months[norm(m["mon"])])
        if m["yrel"]:
            draft.year_rel = lex.rels["tahun " + norm(m["yrel"])].offset
        elif m["mrel"]:
            draft.month_dir = {"ini": 0, "depan": 1, "mendatang": 1}.get(norm(m["mrel"]), -1)
        out.append(draft)
    _years(text, p, out, at)
    for m in p.each("decade", text, at):
        out.append(Draft(m.start(), m.end(), "literal", literal=m["dec"]))
    for m in p.each("century", text, at):
        c = _roman(m["c"]) if not m["c"].isdigit() else int(m["c"])
        if 1 <= c <= 22:
            out.append(Draft(m.start(), m.end(), "literal", literal=f"{c - 1:02d}"))
    for m in p.each("quarter", text, at):
        code = lex.periods[norm(m["p"])]
        n = lex.ordinals[norm(m["o"])]
        if n <= (4 if code == "Q" else 2):
            y = int(m["y"]) if m["y"] else None
            draft = Draft(m.start(), m.end(), "date", year=y, period=f"{code}{n}")
            draft.year_rel = None if y else 0
            out.append(draft)
    for m in p.each("dmy_num", text, at):
        d, mo = int(m["d"]), int(m["m"])
        if _valid(d, mo) and not _REGULATION.search(text[max(0, m.start() - 20) : m.start()]):
            if m["sep"] != "/" and len(m["y"]) == 2:
                continue
            out.append(Draft(m.start(), m.end(), "date", year=_year2(m["y"]), month=mo, day=d))
    for m in p.each("paren", text, at):
        d, mo = int(m["d"]), int(m["m"])
        if _valid(d, mo):
            y = _year2(m["y"]) if m["y"] else None
            out.append(Draft(m.start(), m.end(), "pdate", year=y, month=mo, day=d))
    _clocks(text, p, out, at)
    _weekdays(text, p, out, at)
    for m in p.each("tod", text, at):
        out.append(Draft(m.start(), m.end(), "tod", tod=lex.tods[norm(m["tod"])]))
    _rels(text, p, out, at)
    _durations(text, p, out, at)
    for m in p.each("set", text, at):
        if m["wd"]:
            if not _capitalized(m["wd"]):
                continue
            value = f"XXXX-WXX-{lex.weekdays[norm(m['wd'])]}"
            out.append(Draft(m.start(), m.end("wd"), "set", literal=value))
            if m["wd2"]:
                value2 = f"XXXX-WXX-{lex.weekdays[norm(m['wd2'])]}"
                out.append(Draft(m.start("wd2"), m.end("wd2"), "set", literal=value2))
        else:
            out.append(Draft(m.start(), m.end(), "set", literal=lex.setunits[norm(m["su"])]))
    for m in p.each("holiday", text, at):
        if not (m["hn"] or m["y"]):
            continue  # a bare "Lebaran" names the feast more often than it dates anything
        n = int(m["hn"]) * (-1 if m["sign"] == "-" else 1) if m["hn"] else 0
        draft = Draft(m.start(), m.end(), "date", year=int(m["y"]) if m["y"] else None)
        name = lex.holidays[norm(m["hol"])]
        draft.holiday = (name, n)
        if m["hn0"] and m["hn"]:  # "H-7 hingga H+7 Lebaran"
            draft.end_draft = Draft(m.start(), m.end(), "date", year=draft.year, holiday=(name, n))
            draft.holiday = (name, int(m["hn0"]) * (-1 if m["sign0"] == "-" else 1))
        out.append(draft)
    return out


def _roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    chars = text.lower()
    for i, ch in enumerate(chars):
        v = values[ch]
        total += -v if i + 1 < len(chars) and values[chars[i + 1]] > v else v
    return total


def _years(text: str, p: Patterns, out: list[Draft], at: dict[str, list[int]]) -> None:
    for m in p.each("year", text, at):
        y = int(m["y"])
        low = 1500 if m["tahun"] else 1900
        if not low <= y <= 2099:
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        if _REGULATION.search(before if m["tahun"] else _TAHUN.sub("", before)):
            continue  # "Nomor 7 Tahun 2020" numbers a regulation
        if re.search(r"(?:Rp|US\$|\$)\s*$", before) or _MEASURE.match(text, m.end()):
            continue
        words = before.split()
        if words and norm(words[-1]).strip("(") in p.lex.notyear:
            continue
        draft = Draft(m.start(), m.end(), "literal", literal=str(y))
        if m["y2"]:
            y2 = _year2(m["y2"]) if len(m["y2"]) == 4 else (y // 100) * 100 + int(m["y2"])
            if m["sep"] == "/" and y2 != y + 1:
                continue
            if y2 <= y:
                draft.end = m.start("sep") if m["sep"] else m.end()
            else:
                draft.literal = f"{y}/{y2}"
        out.append(draft)


def _clocks(text: str, p: Patterns, out: list[Draft], at: dict[str, list[int]]) -> None:
    lex = p.lex
    for m in p.each("clock", text, at):
        kw = norm(m["kw"]) if m["kw"] else None
        h = int(m["h"])
        if h > 24 or not (kw or m["zone"] or m["ampm"]):
            continue
        if m["mi"] is None and not (kw in ("pukul", "pkl", "pkl.") or m["ampm"] or m["tod"]):
            continue
        if kw in ("jam", "at") and m["mi"] is None and not m["ampm"]:
            continue
        if re.match(r"\s*(?:menit|jam|detik|minutes?|hours?)\b", text[m.end() :], re.I):
            continue
        if m["ampm"] and norm(m["ampm"]).startswith("p") and h < 12:
            h += 12
        tod = lex.tods[norm(m["tod"])] if m["tod"] else None
        if tod in ("AF", "EV", "NI") and h < 12 and not (tod == "NI" and h <= 4):
            h += 12
        clock = f"{h:02d}:{m['mi'] or '00'}" + (f":{m['s']}" if m["s"] else "")
        draft = Draft(m.start(), m.end(), "clock", clock=clock)
        if m["h2"] and int(m["h2"]) <= 24:
            draft.clock2 = f"{int(m['h2']):02d}:{m['mi2']}"
        out.append(draft)


def _weekdays(text: str, p: Patterns, out: list[Draft], at: dict[str, list[int]]) -> None:
    lex = p.lex
    for m in p.each("weekday", text, at):
        word = m["wd"]
        if not _capitalized(word):
            continue
        wd = lex.weekdays[norm(word)]
        rel = norm(m["wdrel"]) if m["wdrel"] else None
        start = m.start()
        at_start = _sentence_start(text, m.start("wd"))
        if wd == 7 and rel in ("ini", "lalu", "depan", "kemarin", "mendatang") and at_start:
            continue  # "Minggu ini," opening a sentence is "this week"; the rel table has it
        dated = p.tod.match(text, m.end() + 1) or re.match(r"\s*,?\s*\(?\d", text[m.end() :])
        if not (m["hari"] or m["pre"] or rel or dated) and _after_name(text, m.start()):
            continue  # "Pasar Minggu", "Jalan Sabtu": part of a name
        follow = re.match(r"\s+([A-Z]\w+)", text[m.end("wd") :])
        if follow and not rel and norm(follow[1]) not in lex.all_months:
            continue  # "Minggu Paskah", "Jumat Agung": a feast, not a day
        draft = Draft(start, m.end(), "wd", weekday=wd)
        if m["pre"]:
            draft.wd_dir = lex.wdrel[norm(m["pre"])]
        elif rel:
            draft.wd_dir = lex.wdrel[rel]
        out.append(draft)


def _rels(text: str, p: Patterns, out: list[Draft], at: dict[str, list[int]]) -> None:
    lex = p.lex
    for m in p.each("rel", text, at):
        key = norm(m["rel"])
        mod = m["mod"]
        whole = bool(mod) and f"{norm(mod)} {key}" in lex.rels  # "akhir pekan lalu": a weekend
        if whole:
            key = f"{norm(mod)} {key}"
        rel = lex.rels[key]
        sunday = key.startswith("minggu") and _capitalized(m["rel"])
        if sunday and not _sentence_start(text, m.start("rel")):
            continue  # capitalized mid-sentence "Minggu lalu" is a Sunday
        before = text[max(0, m.start() - 12) : m.start()]
        if before.endswith("-") or re.search(r"\b(?:beberapa|sejumlah|berapa)\s+$", before, re.I):
            continue  # "tahun-tahun sebelumnya", "beberapa bulan sebelumnya": no calendar value
        if key == "hari ini" and re.search(r"\bper\s+$", text[max(0, m.start() - 6) : m.start()]):
            continue  # "penghasilan per hari ini": a rate, not a day
        start = m.start() if whole or (mod and rel.unit in ("W", "M", "Y")) else m.start("rel")
        draft = Draft(start, m.end(), "rel", rel_unit=rel.unit, rel_n=rel.offset, tod=rel.tod)
        draft.anaphoric = rel.anaphoric
        out.append(draft)


def _number(text: str, nums: dict[str, float]) -> float:
    t = norm(text)
    if t[0].isdigit():
        return float(t.replace(",", "."))
    if t.endswith(" setengah"):
        return _number(t[: -len(" setengah")], nums) + 0.5
    parts = t.split()
    if len(parts) >= 2 and parts[1] in ("puluh", "belas"):
        base = nums[parts[0]]
        value = base * 10 if parts[1] == "puluh" else 10 + base
        return value + (nums[parts[2]] if len(parts) > 2 else 0)
    return nums[t]


def _iso_amount(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _period(n: float, unit: str) -> str:
    if unit[0].isdigit():  # windu = 8Y, dekade = 10Y
        mult, unit = int(unit[:-1]), unit[-1]
        n *= mult
    if unit.startswith("T"):
        return f"PT{_iso_amount(n)}{unit[1]}"
    return f"P{_iso_amount(n)}{unit}"


def _durations(text: str, p: Patterns, out: list[Draft], at: dict[str, list[int]]) -> None:
    lex = p.lex
    for m in p.each("dur", text, at):
        if p.age.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        before = text[max(0, m.start() - 12) : m.start()].split()
        aged = bool(before) and norm(before[-1]) in lex.agenouns and not m["se"]
        if aged and lex.units.get(norm(m["unit"])) == "Y":
            continue  # "Pria 21 tahun": an age
        if m["se"]:
            n, unit = 1.0, lex.seunits[norm(m["se"])]
        else:
            n, unit = _number(m["num"], lex.nums), lex.units[norm(m["unit"])]
            if m["mult"]:
                n *= int(m["mult"])
            if unit == "Y" and (n >= 1000 or re.match(r"\s+\d{4}", text[m.end("unit") :])):
                continue  # "Nomor 7 Tahun 2020" numbers a regulation
        after = norm(m["after"]) if m["after"] else None
        end = m.end()
        during = re.search(r"\bselama\s+$", text[max(0, m.start() - 8) : m.start()], re.I)
        if after in lex.after and not (m["num2"] or m["num3"] or during):
            direction, anaphoric = lex.after[after]
            rel_unit = {"TS": "D", "TM": "D", "TH": "D", "8Y": "Y", "10Y": "Y", "100Y": "Y"}
            draft = Draft(m.start(), end, "rel", rel_unit=rel_unit.get(unit, unit))
            factor = {"8Y": 8, "10Y": 10, "100Y": 100}.get(unit, 1)
            draft.rel_n = direction * n * factor if not unit.startswith("T") else 0
            draft.anaphoric = anaphoric
            out.append(draft)
            continue
        if after in lex.after:
            end = m.start("after")
            while text[end - 1].isspace():
                end -= 1
        value = _period(n, unit)
        if m["num2"]:
            value += "/" + _period(_number(m["num2"], lex.nums), unit)
        elif m["num3"]:
            extra = _period(_number(m["num3"], lex.nums), lex.units[norm(m["unit3"])])
            value = _join_periods(value, extra)
        out.append(Draft(m.start(), end, "dur", duration=value))


def _join_periods(a: str, b: str) -> str:
    """P1Y + P4M -> P1Y4M; P1D + PT2H -> P1DT2H."""
    if b.startswith("PT"):
        return a + (b[1:] if "T" not in a else b[2:])
    return a + b[1:]
