"""Alert rules: the file format, matching, and firing once per new fused event to stdout, a
JSONL file and a webhook on loopback (which fails once and is retried)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.ingest.helpers import article_html
from tests.watch.conftest import Site, fail_then

from warta.cli.main import main
from warta.errors import ConfigError
from warta.store import Store
from warta.watch.rules import EventFacts, Rule, matches, read_rules

REPORT = (
    "JAYAPURA, {outlet} – Ratusan mahasiswa berunjuk rasa di depan kantor Gubernur Papua di "
    "Jayapura, Senin (13/5/2024). Polisi menembak dua pengunjuk rasa hingga tewas dalam "
    "bentrokan itu. {extra}"
)


def _rules(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(body, "utf-8")
    return path


def test_rule_file_reads_every_key(tmp_path: Path) -> None:
    path = _rules(
        tmp_path,
        """
[[rule]]
name = "semua"
type = ["assault", "FIGHT"]
country = "IDN"
sector = ["MIL", "REB"]
actor_country = "IDN"
actor_sector = "COP"
recipient_country = "IDN"
recipient_sector = "CVL"
place = "Jayapura"
province = ["Papua", "ID-JK"]
min_dead = 1
keywords = ["Tewas"]
to = ["stdout", "out/alerts.jsonl", "http://127.0.0.1:9/hook"]
""",
    )
    [rule] = read_rules(path)
    assert rule.type == {"ASSAULT", "FIGHT"} and rule.country == {"IDN"}
    assert rule.place == {"jayapura"} and rule.province == {"ID-PA", "ID-JK"}
    assert rule.keywords == ("tewas",) and rule.min_dead == 1
    assert rule.to == ("stdout", str(tmp_path / "out" / "alerts.jsonl"), "http://127.0.0.1:9/hook")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[rule]]\nname = "a"\ncolour = "red"\n', "(rule 1): unknown key(s) colour"),
        ("[[rule]]\ntype = 'ASSAULT'\n", "(rule 1): name is missing"),
        ('[[rule]]\nname = "a"\nmin_dead = "two"\n', "min_dead must be a whole number"),
        ('[[rule]]\nname = "a"\ntype = [1]\n', "type must be a string or a list of strings"),
        ('[[rule]]\nname = "a"\n[[rule]]\nname = "a"\n', "rule names must be unique"),
        ("name = 'a'\n", "unknown setting(s) name"),
        ("[[rule\n", "not valid TOML"),
    ],
)
def test_bad_rule_files_name_the_problem(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=None) as caught:
        read_rules(_rules(tmp_path, body))
    assert str(caught.value).startswith(str(tmp_path / "rules.toml"))
    assert message in str(caught.value)


def _event(**kw: object) -> EventFacts:
    event = {"type": "ASSAULT", "actor_country": "IDN", "actor_sector": "COP",
             "recipient_country": "IDN", "recipient_sector": "CVL", "location_name": "Jayapura",
             "dead": 2, "negated": 0} | kw  # fmt: skip
    return EventFacts(
        event=event,
        places=frozenset({"jayapura"}),
        provinces=frozenset({"ID-PA"}),
        texts=("Polisi menembak dua orang.",),
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (Rule(name="r"), True),
        (Rule(name="r", type=frozenset({"PROTEST"})), False),
        (Rule(name="r", sector=frozenset({"CVL"})), True),
        (Rule(name="r", actor_sector=frozenset({"CVL"})), False),
        (Rule(name="r", place=frozenset({"jayapura"})), True),
        (Rule(name="r", province=frozenset({"ID-JK"})), False),
        (Rule(name="r", min_dead=3), False),
        (Rule(name="r", keywords=("menembak",)), True),
        (Rule(name="r", keywords=("tembak",)), False),  # whole words only
    ],
)
def test_matching(rule: Rule, expected: bool) -> None:
    assert matches(rule, _event()) is expected


def test_negated_events_never_fire() -> None:
    assert not matches(Rule(name="r"), _event(negated=1))


def test_hypothetical_events_never_fire() -> None:
    assert not matches(Rule(name="r"), _event(hypothetical=1))
    assert matches(Rule(name="r"), _event(hypothetical=0))


def test_watch_fires_once_per_new_fused_event(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = REPORT.format(outlet="WARTA SATU", extra="Aparat menyatakan situasi terkendali.")
    copy = REPORT.format(outlet="WARTA DUA", extra="Aparat menyatakan situasi sudah terkendali.")
    site.static("/a", article_html(first, title="Dua tewas di Jayapura"))
    site.static("/b", article_html(copy, title="Dua pengunjuk rasa tewas"))
    polls = {"n": 0}
    from tests.watch.conftest import rss

    def feed(_h: object) -> tuple[int, dict[str, str], bytes]:
        polls["n"] += 1
        items = [("/a", "Dua tewas")] + ([("/b", "Dua tewas")] if polls["n"] > 1 else [])
        return 200, {"Content-Type": "application/rss+xml"}, rss(site.base, items).encode()

    site.routes["/feed.xml"] = feed
    site.routes["/hook"] = lambda _h: (200, {}, b"")
    site.routes["/hook"] = fail_then(site, "/hook", failures=1)
    rules = _rules(
        tmp_path,
        f"""
[[rule]]
name = "deadly in Papua"
type = "ASSAULT"
province = "Papua"
min_dead = 1
keywords = ["menembak"]
to = ["stdout", "alerts.jsonl", "{site.base}/hook"]

[[rule]]
name = "massacre"
min_dead = 100
to = ["stdout"]
""",
    )
    db = tmp_path / "a.db"
    code = main(["watch", f"{site.base}/feed.xml", "--db", str(db), "--alerts", str(rules),
                 "--cycles", "2", "--interval", "0.2", "--host-delay", "0"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    cycles = [x for x in err.splitlines() if x.startswith("warta watch: cycle")]
    assert "new 1" in cycles[0] and "alerts 1" in cycles[0], err
    assert "new 1" in cycles[1] and "alerts 0" in cycles[1], err  # the copy joins the event
    assert "alert 1 to" in err and "HTTP 500" in err and "will retry" in err
    printed = [json.loads(x) for x in out.splitlines()]
    assert [a["rule"] for a in printed] == ["deadly in Papua"]
    alert = printed[0]
    assert alert["event"]["type"] == "ASSAULT" and alert["event"]["dead"] == 2
    assert alert["provinces"] == ["ID-PA"] and alert["places"] == ["jayapura"]
    assert alert["articles"][0]["url"] == f"{site.base}/a"
    written = (tmp_path / "alerts.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x) for x in written] == printed
    assert [p for _path, p in site.posts] == printed  # delivered on the retry, once
    with Store(db, readonly=True) as store:
        [(num_articles,)] = store.db.execute(
            "SELECT num_articles FROM story_events WHERE type = 'ASSAULT'"
        ).fetchall()
        pending = store.db.execute("SELECT pending FROM watch_alerts").fetchall()
    assert num_articles == 2
    assert [p[0] for p in pending] == ["[]"]


def test_an_article_stored_before_a_kill_is_still_checked(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warta.watch.alerts import Alerts

    text = REPORT.format(outlet="WARTA SATU", extra="Aparat menyatakan situasi terkendali.")
    site.static("/a", article_html(text, title="Dua tewas di Jayapura"))
    site.feed("/feed.xml", [("/a", "Dua tewas")])
    rules = _rules(
        tmp_path,
        '[[rule]]\nname = "deadly"\ntype = "ASSAULT"\nmin_dead = 1\nto = ["alerts.jsonl"]\n',
    )
    args = ["watch", f"{site.base}/feed.xml", "--db", str(tmp_path / "k.db"),
            "--alerts", str(rules), "--once", "--host-delay", "0", "-q"]  # fmt: skip

    def killed(self: Alerts, db: object, *, article_ids: list[str]) -> int:
        raise KeyboardInterrupt  # the process dies after storing, before the alert check

    monkeypatch.setattr(Alerts, "check", killed)
    assert main(args) == 130
    assert not (tmp_path / "alerts.jsonl").exists()
    monkeypatch.undo()
    assert main(args) == 0  # the stored article is not fetched again, but is checked
    assert main(args) == 0
    fired = (tmp_path / "alerts.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x)["rule"] for x in fired] == ["deadly"]
    assert len(site.hits("/a")) == 1 and len(site.hits("/feed.xml")) == 3
