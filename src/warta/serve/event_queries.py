"""Event queries behind the API: the table, its facets, timeline, map, actors and network.

Every query reads the reviewed relations of ``eventsql`` (corrections applied); the
aggregate views leave out events a reviewer marked wrong and, unless asked, negated
and hypothetical ones. Values from requests are always bound with ``?``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warta.errors import StoreError
from warta.serve import eventsql
from warta.serve.actors import canonical
from warta.store.reviews import has_reviews
from warta.store.search import until

Row = dict[str, Any]
REVIEW_STATES = ("correct", "wrong", "corrected", "reviewed", "unreviewed")
MAX_PERIODS = 4000


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """Filters shared by the event list, its downloads, facets, timeline, map and network."""

    type: str | None = None
    actor: str | None = None  # name, any case, substring
    actor_country: str | None = None
    actor_sector: str | None = None
    recipient: str | None = None
    recipient_country: str | None = None
    recipient_sector: str | None = None
    country: str | None = None  # actor, recipient or location in this country
    place: str | None = None  # location name, substring
    date_from: str | None = None
    date_to: str | None = None
    story: str | None = None
    article: str | None = None
    review: str | None = None  # one of REVIEW_STATES
    include_negated: bool = False  # the aggregate views: negated and hypothetical too

    def where(self, *, fused: bool, aggregate: bool = False) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.type:
            add("e.type = ?", self.type.upper())
        for role in ("actor", "recipient"):
            name = getattr(self, role)
            if name:
                add(f"e.{role}_name LIKE ? ESCAPE '\\'", f"%{_like(name)}%")
            for part in ("country", "sector"):
                value = getattr(self, f"{role}_{part}")
                if value:
                    add(f"e.{role}_{part} = ?", value.upper())
        if self.country:
            code = self.country.upper()
            add(
                "(e.actor_country = ? OR e.recipient_country = ? OR e.location_country = ?)",
                code,
                code,
                code,
            )
        if self.place:
            add("e.location_name LIKE ? ESCAPE '\\'", f"%{_like(self.place)}%")
        date = "coalesce(e.date, e.date_first)" if fused else "coalesce(e.date, e.published)"
        if self.date_from:
            add(f"{date} >= ?", self.date_from)
        if self.date_to:
            # "2024-03" includes all of March: compare as many characters as were given
            add(until(date, self.date_to[:10]), self.date_to[:10])
        if self.story:
            if fused:
                add("e.story_id = ?", self.story)
            else:
                add(
                    "e.article_id IN (SELECT article_id FROM story_members WHERE story_id = ?)",
                    self.story,
                )
        if self.article:
            if fused:
                add(
                    "e.story_id = (SELECT story_id FROM story_members WHERE article_id = ?) "
                    "AND EXISTS (SELECT 1 FROM json_each(e.sources) j "
                    "WHERE json_extract(j.value, '$.article_id') = ?)",
                    self.article,
                    self.article,
                )
            else:
                add("e.article_id = ?", self.article)
        if self.review in ("correct", "wrong", "corrected"):
            add("e.review = ?", self.review)
        elif self.review == "reviewed":
            add("e.review IS NOT NULL")
        elif self.review == "unreviewed":
            add("e.review IS NULL")
        if aggregate:
            if self.review is None:
                add("(e.review IS NULL OR e.review <> 'wrong')")
            if not self.include_negated:
                add("NOT coalesce(e.negated, 0) AND NOT coalesce(e.hypothetical, 0)")
        return (" AND ".join(clauses) or "1"), params


@dataclass(slots=True)
class Page:
    items: list[Row]
    offset: int
    limit: int
    has_more: bool
    total: int | None = None


def _rows(cursor: sqlite3.Cursor) -> list[Row]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _source(db: sqlite3.Connection, fused: bool) -> str:
    reviewed = has_reviews(db)
    if fused:
        return eventsql.fused_relation(reviewed=reviewed)
    return eventsql.article_relation(reviewed=reviewed)


def events(
    db: sqlite3.Connection,
    flt: EventFilter,
    *,
    fused: bool,
    limit: int,
    offset: int,
    sort: str = "-date",
) -> Page:
    items = list(iter_events(db, flt, fused=fused, limit=limit + 1, offset=offset, sort=sort))
    where, params = flt.where(fused=fused)
    total = db.execute(f"SELECT count(*) FROM {_source(db, fused)} e WHERE {where}", params)
    return Page(
        items=items[:limit],
        offset=offset,
        limit=limit,
        has_more=len(items) > limit,
        total=int(total.fetchone()[0]),
    )


def iter_events(
    db: sqlite3.Connection,
    flt: EventFilter,
    *,
    fused: bool,
    limit: int,
    offset: int = 0,
    sort: str = "-date",
) -> Iterator[Row]:
    where, params = flt.where(fused=fused)
    order = eventsql.order_by(sort, fused=fused)
    source = _source(db, fused)
    key = "e.story_id, e.idx" if fused else "e.article_id, e.idx"
    # the page's keys first, then its rows: the costly columns (evidence, flags of the
    # reports) are computed for the page only, not for every match a sort has to hold
    page = f"SELECT {key} FROM {source} e WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    if fused:
        sql = (
            f"SELECT e.*, s.title AS story_title, {eventsql.FUSED_EVIDENCE} AS evidence "
            f"FROM {source} e JOIN stories s ON s.id = e.story_id "
            f"WHERE ({key}) IN ({page}) ORDER BY {order}"
        )
    else:
        sql = (
            f"SELECT e.*, a.title AS article_title, a.outlet, {eventsql.ARTICLE_EVIDENCE} "
            f"AS evidence FROM {source} e JOIN articles a ON a.id = e.article_id "
            f"WHERE ({key}) IN ({page}) ORDER BY {order}"
        )
    cursor = db.execute(sql, [*params, limit, offset])
    names = [d[0] for d in cursor.description]
    for raw in cursor:
        row = dict(zip(names, raw, strict=True))
        if fused:
            row["sources"] = json.loads(row["sources"] or "[]")
        for key in ("negated", "hypothetical", "future"):
            if key in row and row[key] is not None:
                row[key] = bool(row[key])
        row["flags"] = [k for k in ("negated", "hypothetical", "future") if row.get(k)]
        yield row


def event_facets(db: sqlite3.Connection, flt: EventFilter, *, fused: bool) -> Row:
    """Counts of the matching events by type, countries, sectors and review state."""
    where, params = flt.where(fused=fused)
    source = _source(db, fused)
    out: Row = {}
    for name, column in (
        ("type", "e.type"),
        ("actor_country", "e.actor_country"),
        ("actor_sector", "e.actor_sector"),
        ("recipient_country", "e.recipient_country"),
        ("recipient_sector", "e.recipient_sector"),
        ("review", "coalesce(e.review, 'unreviewed')"),
    ):
        cursor = db.execute(
            f"SELECT {column} AS v, count(*) AS c FROM {source} e WHERE {where} "
            "AND v IS NOT NULL GROUP BY v ORDER BY c DESC, v LIMIT 30",
            params,
        )
        out[name] = [[r[0], r[1]] for r in cursor]
    # ``country=`` matches the actor's, the recipient's or the place's country: an event
    # counts once per country it involves, as that filter would find it
    key = "e.story_id, e.idx" if fused else "e.article_id, e.idx"
    involved = " UNION ".join(
        f"SELECT e.{c} AS v, {key} FROM {source} e WHERE {where}"
        for c in ("actor_country", "recipient_country", "location_country")
    )
    cursor = db.execute(
        f"SELECT v, count(*) AS c FROM ({involved}) WHERE v IS NOT NULL "
        "GROUP BY v ORDER BY c DESC, v LIMIT 30",
        params * 3,
    )
    out["country"] = [[r[0], r[1]] for r in cursor]
    return out


def _periods(first: str, last: str, bucket: str) -> list[str]:
    """Every period from ``first`` to ``last``, none skipped (a true time axis)."""
    out: list[str] = []
    if bucket == "year":
        out = [str(y) for y in range(int(first), int(last) + 1)]
    elif bucket == "month":
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            if len(out) > MAX_PERIODS:
                break
    else:
        day = dt.date.fromisoformat(first)
        end = dt.date.fromisoformat(last)
        step = dt.timedelta(days=7 if bucket == "week" else 1)
        while day <= end and len(out) <= MAX_PERIODS:
            out.append(day.isoformat())
            day += step
    if len(out) > MAX_PERIODS:
        raise StoreError(
            f"{first} to {last} has more than {MAX_PERIODS} {bucket}s: "
            "choose a longer period or a narrower date range"
        )
    return out


_BUCKET_SQL = {
    "day": "substr({d}, 1, 10)",
    "week": "date(substr({d}, 1, 10), '-' || ((strftime('%w', substr({d}, 1, 10)) + 6) % 7) "
    "|| ' days')",  # the Monday of the ISO week
    "month": "substr({d}, 1, 7)",
    "year": "substr({d}, 1, 4)",
}
_BUCKET_LEN = {"day": 10, "week": 10, "month": 7, "year": 4}


def timeline(db: sqlite3.Connection, flt: EventFilter, *, bucket: str) -> Row:
    """Fused events per period and type over every period of the range, empty ones too."""
    where, params = flt.where(fused=True, aggregate=True)
    d = "coalesce(e.date, e.date_first)"
    period = _BUCKET_SQL[bucket].format(d=d)
    rows = _rows(
        db.execute(
            f"SELECT {period} AS period, e.type AS type, count(*) AS events, "
            f"sum(e.num_articles) AS articles FROM {_source(db, True)} e WHERE {where} "
            f"AND length({d}) >= {_BUCKET_LEN[bucket]} GROUP BY period, e.type "
            "ORDER BY period, e.type",
            params,
        )
    )
    rows = [r for r in rows if r["period"]]
    undated = db.execute(
        f"SELECT count(*) FROM {_source(db, True)} e WHERE {where} "
        f"AND coalesce(length({d}), 0) < {_BUCKET_LEN[bucket]}",
        params,
    ).fetchone()[0]
    periods = _periods(rows[0]["period"], rows[-1]["period"], bucket) if rows else []
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        totals[r["type"]] += r["events"]
    types = sorted(totals, key=lambda t: (-totals[t], t))
    return {"bucket": bucket, "periods": periods, "types": types, "rows": rows, "undated": undated}


def _provinces() -> dict[str, Row]:
    """Indonesian provinces (ISO 3166-2) with the gazetteer's representative point."""
    from warta.datatable import read_rows

    out: dict[str, Row] = {}
    for cells in read_rows("warta.places", "provinces-id.tsv"):
        if cells[0] == "code" or len(cells) < 5:
            continue  # the header row
        lat, lon = float(cells[3]), float(cells[4])
        out[cells[0]] = {"code": cells[0], "name": cells[1], "lat": lat, "lon": lon}
    return out


def _nearest_province(known: dict[str, Row], lat: float, lon: float) -> str | None:
    """The province whose representative point is nearest, within about 300 km: an
    approximation for points the places stage did not give a province."""
    best, code = 9.0, None  # squared degrees (3 degrees)
    for province in known.values():
        d = (province["lat"] - lat) ** 2 + (province["lon"] - lon) ** 2
        if d < best:
            best, code = d, province["code"]
    return code


@functools.cache
def _regencies() -> tuple[Row, ...]:
    """Indonesian regencies and cities (kabupaten, kota) with the gazetteer's point."""
    from warta.datatable import read_rows
    from warta.places.gazetteer import normalize

    out = []
    for cells in read_rows("warta.places", "regions-id.tsv"):
        if len(cells) < 5 or cells[1] not in ("kab", "kota"):
            continue  # the header, districts, islands and features
        names = [cells[0], *(a for a in (cells[5] if len(cells) > 5 else "").split("|") if a)]
        named = cells[0].split(" ", 1)[0] in ("Kabupaten", "Kota")  # "Kabupaten Jayapura"
        kind = "Kota" if cells[1] == "kota" else "Kabupaten"
        label = cells[0] if named else f"{kind} {cells[0]}"
        out.append(
            {
                "name": label, "province": cells[2], "lat": float(cells[3]),
                "lon": float(cells[4]), "keys": frozenset(normalize(n) for n in names),
            }
        )  # fmt: skip
    return tuple(out)


def _regency_of(name: str | None, lat: float | None, lon: float | None) -> Row | None:
    """The regency or city a located place is, or lies nearest to (within about 55 km)."""
    from warta.places.gazetteer import normalize

    key = normalize(name or "")
    for words in (key, " ".join(key.split()[1:])):  # "Kabupaten Sleman", "Kota Bogor"
        for regency in _regencies():
            if words and words in regency["keys"]:
                return regency
    if lat is None or lon is None:
        return None
    best, found = 0.25, None  # squared degrees (0.5 degree)
    for regency in _regencies():
        d = (regency["lat"] - lat) ** 2 + (regency["lon"] - lon) ** 2
        if d < best:
            best, found = d, regency
    return found


def event_map(db: sqlite3.Connection, flt: EventFilter, *, limit: int) -> Row:
    """Fused events grouped by located place, counted by country and Indonesian province."""
    where, params = flt.where(fused=True, aggregate=True)
    source = _source(db, True)
    points = _rows(
        db.execute(
            "SELECT e.location_name AS name, e.location_country AS country, "
            "round(e.location_lat, 3) AS lat, round(e.location_lon, 3) AS lon, "
            "count(*) AS events, group_concat(DISTINCT e.type) AS types, "
            "sum(coalesce(e.dead, 0)) AS dead FROM "
            f"{source} e WHERE {where} AND e.location_lat IS NOT NULL "
            "AND e.location_lon IS NOT NULL "
            "GROUP BY name, country, round(e.location_lat, 3), round(e.location_lon, 3) "
            "ORDER BY events DESC LIMIT ?",
            [*params, limit],
        )
    )
    for point in points:
        point["types"] = sorted((point["types"] or "").split(","))
    countries = _rows(
        db.execute(
            f"SELECT e.location_country AS country, count(*) AS events FROM {source} e "
            f"WHERE {where} AND e.location_country IS NOT NULL GROUP BY e.location_country "
            "ORDER BY events DESC",
            params,
        )
    )
    # the province of an Indonesian place, as the places stage resolved that name
    admin1 = dict(
        db.execute(
            "SELECT name, max(admin1) FROM places WHERE country = 'IDN' AND admin1 LIKE 'ID-%' "
            "GROUP BY name"
        ).fetchall()
    )
    known = _provinces()
    per_province: dict[str, int] = defaultdict(int)
    per_regency: dict[str, int] = defaultdict(int)
    regency_rows: dict[str, Row] = {}
    for name, lat, lon, count in db.execute(
        f"SELECT e.location_name, e.location_lat, e.location_lon, count(*) FROM {source} e "
        f"WHERE {where} AND e.location_country = 'IDN' GROUP BY 1, 2, 3",
        params,
    ):
        code = admin1.get(name)
        if code not in known and lat is not None and lon is not None:
            code = _nearest_province(known, lat, lon)  # a place the stage gave no province
        if code in known:
            per_province[code] += count
        regency = _regency_of(name, lat, lon)
        if regency is not None:
            per_regency[regency["name"]] += count
            regency_rows[regency["name"]] = regency
    provinces = [
        {**known[code], "events": n}
        for code, n in sorted(per_province.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    regencies = [
        {
            "name": label, "province": regency_rows[label]["province"],
            "lat": regency_rows[label]["lat"], "lon": regency_rows[label]["lon"], "events": n,
        }
        for label, n in sorted(per_regency.items(), key=lambda kv: (-kv[1], kv[0]))
    ]  # fmt: skip
    return {
        "points": points, "countries": countries, "provinces": provinces,
        "regencies": regencies,
    }  # fmt: skip


def _party_counts(
    db: sqlite3.Connection, flt: EventFilter, role: str
) -> Iterator[tuple[str, str | None, str | None, int, str]]:
    where, params = flt.where(fused=True, aggregate=True)
    cursor = db.execute(
        f"SELECT e.{role}_name, e.{role}_country, e.{role}_sector, count(*), "
        f"group_concat(DISTINCT e.type) FROM {_source(db, True)} e WHERE {where} "
        f"GROUP BY e.{role}_name, e.{role}_country, e.{role}_sector",
        params,
    )
    for name, country, sector, count, types in cursor:
        yield name, country, sector, count, types or ""


def actors(
    db: sqlite3.Connection, flt: EventFilter, *, query: str | None, limit: int, offset: int
) -> Page:
    """Canonical actors ranked by the fused events they take part in (as actor or recipient)."""
    found: dict[str, Row] = {}
    for role in ("actor", "recipient"):
        for name, country, sector, count, _types in _party_counts(db, flt, role):
            key = canonical(name, country, sector)
            if key is None:
                continue
            blank: Row = {"name": key, "country": country, "sector": sector}
            row = found.setdefault(key, {**blank, "as_actor": 0, "as_recipient": 0, "names": {}})
            row[f"as_{role}"] += count
            row["country"] = row["country"] or country
            row["sector"] = row["sector"] or sector
            if name:
                row["names"][name] = row["names"].get(name, 0) + count
    rows = list(found.values())
    if query:
        needle = query.casefold()
        rows = [r for r in rows if any(needle in n.casefold() for n in [r["name"], *r["names"]])]
    for row in rows:
        row["events"] = row["as_actor"] + row["as_recipient"]
        row["names"] = sorted(row["names"], key=lambda n: -row["names"][n])[:8]
    rows.sort(key=lambda r: (-r["events"], r["name"]))
    page = rows[offset : offset + limit]
    more = len(rows) > offset + limit
    return Page(items=page, offset=offset, limit=limit, has_more=more, total=len(rows))


def network(db: sqlite3.Connection, flt: EventFilter, *, limit: int) -> Row:
    """Who acts on whom: fused events per canonical (actor, recipient) pair, the top ``limit``."""
    where, params = flt.where(fused=True, aggregate=True)
    cursor = db.execute(
        "SELECT e.actor_name, e.actor_country, e.actor_sector, e.recipient_name, "
        "e.recipient_country, e.recipient_sector, e.type, count(*) FROM "
        f"{_source(db, True)} e WHERE {where} GROUP BY 1, 2, 3, 4, 5, 6, 7",
        params,
    )
    edges: dict[tuple[str, str], Row] = {}
    nodes: dict[str, Row] = {}
    for an, ac, asec, rn, rc, rsec, etype, count in cursor:
        source, target = canonical(an, ac, asec), canonical(rn, rc, rsec)
        if source is None or target is None or source == target:
            continue
        edge = edges.setdefault(
            (source, target), {"source": source, "target": target, "events": 0, "types": {}}
        )
        edge["events"] += count
        edge["types"][etype] = edge["types"].get(etype, 0) + count
        for key, country, sector in ((source, ac, asec), (target, rc, rsec)):
            node = nodes.setdefault(key, {"id": key, "country": country, "sector": sector})
            node["country"] = node["country"] or country
            node["sector"] = node["sector"] or sector
    top = sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"]))[:limit]
    used: dict[str, Row] = {}
    for edge in top:
        edge["types"] = sorted(edge["types"], key=lambda t: -edge["types"][t])
        for end in ("source", "target"):
            node = used.setdefault(edge[end], {**nodes[edge[end]], "events": 0})
            node["events"] += edge["events"]
    return {"nodes": list(used.values()), "edges": top, "pairs": len(edges)}
