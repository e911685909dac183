"""Alerts: each new fused event that matches a rule fires once, to stdout, a file or a webhook.

A fused event is re-made whenever its story is refreshed, so its identity is the
set of article events it fuses (``sources``). It fires for a rule when it matches
and none of those article events was part of an event that already fired for the
rule; the ones it adds later are claimed by the same alert. The alert and its claims
are written in one transaction before delivery, and a delivery that fails (a
webhook that is down) is retried in the next cycles, so a kill loses no alert.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from warta.ingest.feeds import USER_AGENT
from warta.store.tables import column_names
from warta.watch.rules import EventFacts, Rule, matches

MAX_DELIVERY_ATTEMPTS = 5
# a fused event as an alert shows it: the story_events columns (warta.store.tables) but its
# keys and the list of sources
EVENT_FIELDS = [c for c in column_names("story_events") if c not in ("story_id", "idx", "sources")]


class Alerts:
    def __init__(
        self,
        rules: list[Rule],
        *,
        log: Callable[[str], None],
        stdout: TextIO | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.rules = rules
        self.log = log
        self.stdout = stdout or sys.stdout
        self.timeout = timeout

    # -- firing ----------------------------------------------------------------------------

    def check(self, db: sqlite3.Connection, *, article_ids: list[str]) -> int:
        """Fire the rules on the fused events of the stories of these (new or updated)
        articles; return how many alerts were created."""
        if not article_ids or not self.rules:
            return 0
        marks = ", ".join("?" for _ in article_ids)
        stories = [
            str(r[0])
            for r in db.execute(
                f"SELECT DISTINCT story_id FROM story_members WHERE article_id IN ({marks})",
                article_ids,
            )
        ]
        fired = 0
        for story in stories:
            cursor = db.execute(
                "SELECT * FROM story_events WHERE story_id = ? ORDER BY idx", (story,)
            )
            names = [d[0] for d in cursor.description]
            for raw in cursor.fetchall():
                event = dict(zip(names, raw, strict=True))
                event["sources"] = json.loads(event["sources"])
                facts = _facts(db, event)
                for rule in self.rules:
                    if matches(rule, facts) and self._claim(db, rule, event, facts):
                        fired += 1
        return fired

    def _claim(
        self, db: sqlite3.Connection, rule: Rule, event: dict[str, Any], facts: EventFacts
    ) -> bool:
        """Record the alert unless one of the event's sources already fired; True if new."""
        sources = [(s["article_id"], int(s["idx"])) for s in event["sources"]]
        with db:
            earlier = None
            for article_id, idx in sources:
                row = db.execute(
                    "SELECT alert_id FROM watch_alert_sources "
                    "WHERE rule = ? AND article_id = ? AND idx = ?",
                    (rule.name, article_id, idx),
                ).fetchone()
                if row is not None:
                    earlier = int(row[0])
                    break
            new = earlier is None
            if earlier is None:
                payload = _payload(db, rule, event, facts)
                cursor = db.execute(
                    "INSERT INTO watch_alerts (rule, story_id, payload, created, pending) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        rule.name,
                        event["story_id"],
                        json.dumps(payload, ensure_ascii=False),
                        time.time(),
                        json.dumps(list(rule.to)),
                    ),
                )
                earlier = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT OR IGNORE INTO watch_alert_sources (rule, article_id, idx, alert_id) "
                "VALUES (?, ?, ?, ?)",
                [(rule.name, a, i, earlier) for a, i in sources],
            )
        return new

    # -- delivery --------------------------------------------------------------------------

    def deliver_pending(self, db: sqlite3.Connection) -> int:
        """Send every alert with targets left; return how many deliveries failed."""
        failed = 0
        rows = db.execute(
            "SELECT id, rule, payload, pending, attempts FROM watch_alerts "
            "WHERE pending != '[]' ORDER BY id"
        ).fetchall()
        for row in rows:
            left = []
            for target in json.loads(row["pending"]):
                problem = self._send(target, row["payload"])
                if problem is None:
                    continue
                failed += 1
                attempts = int(row["attempts"]) + 1
                if attempts >= MAX_DELIVERY_ATTEMPTS:
                    self.log(f"warta watch: alert {row['id']} to {target}: {problem}; given up")
                else:
                    self.log(f"warta watch: alert {row['id']} to {target}: {problem}; will retry")
                    left.append(target)
            with db:
                db.execute(
                    "UPDATE watch_alerts SET pending = ?, attempts = attempts + ? WHERE id = ?",
                    (json.dumps(left), 1 if left else 0, row["id"]),
                )
        return failed

    def _send(self, target: str, payload: str) -> str | None:
        """Deliver one alert; the problem in words, or None."""
        if target == "stdout":
            self.stdout.write(payload + "\n")
            self.stdout.flush()
            return None
        if target.startswith(("http://", "https://")):
            request = urllib.request.Request(
                target,
                data=payload.encode("utf-8"),
                method="POST",
                headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    response.read(65536)
            except urllib.error.HTTPError as exc:
                return f"HTTP {exc.code} {exc.reason}"
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                return f"unreachable ({getattr(exc, 'reason', exc)})"
            return None
        try:
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(payload + "\n")
        except OSError as exc:
            return f"cannot write ({exc.strerror or exc})"
        return None


def _facts(db: sqlite3.Connection, event: dict[str, Any]) -> EventFacts:
    """Where the event is (its location, else its articles' dateline place, as news
    convention reports from there), with provinces, and its sentences and titles."""
    places: set[str] = set()
    provinces: set[str] = set()
    texts: list[str] = []
    name = event.get("location_name")
    for source in event["sources"]:
        article_id = source["article_id"]
        if name:
            where, args = "p.name = ?", [article_id, name]
            places.add(str(name).casefold())
        else:  # the dateline's place, resolved by the places stage
            where, args = "lower(p.text) = lower(a.dateline_place)", [article_id]
        for place, admin1 in db.execute(
            "SELECT p.name, p.admin1 FROM places p JOIN articles a ON a.id = p.article_id "
            f"WHERE p.article_id = ? AND {where}",
            args,
        ):
            places.add(str(place).casefold())
            if admin1:
                provinces.add(str(admin1))
        row = db.execute(
            "SELECT a.title, "
            "substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.article_id = ? AND e.idx = ?",
            (article_id, source["idx"]),
        ).fetchone()
        if row is not None:
            texts += [t for t in row if t]
    return EventFacts(
        event=event, places=frozenset(places), provinces=frozenset(provinces), texts=tuple(texts)
    )


def _payload(
    db: sqlite3.Connection, rule: Rule, event: dict[str, Any], facts: EventFacts
) -> dict[str, Any]:
    ids = sorted({s["article_id"] for s in event["sources"]})
    marks = ", ".join("?" for _ in ids)
    articles = [
        dict(r)
        for r in db.execute(
            f"SELECT id, title, url, outlet, published FROM articles WHERE id IN ({marks}) "
            "ORDER BY published, id",
            ids,
        )
    ]
    return {
        "rule": rule.name,
        "story_id": event["story_id"],
        "event": {k: event.get(k) for k in EVENT_FIELDS},
        "places": sorted(facts.places),
        "provinces": sorted(facts.provinces),
        "articles": articles,
        "fired_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
