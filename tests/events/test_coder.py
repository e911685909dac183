"""The coder on small documents written for these tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from warta.record import Event

Code = Callable[..., list[Event]]


def _one(events: list[Event], etype: str) -> Event:
    found = [e for e in events if e.type == etype]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_active_arrest_by_police(code: Code) -> None:
    ev = _one(code("Polisi menangkap dua pengedar narkoba di Bandung, Jawa Barat."), "COERCE")
    assert ev.mode == "arrest"
    assert ev.actor is not None and (ev.actor.country, ev.actor.sector) == ("IDN", "COP")
    assert ev.trigger.text == "menangkap"
    assert ev.cameo == "17"


def test_passive_voice_swaps_roles(code: Code) -> None:
    ev = _one(code("Seorang mahasiswa ditangkap polisi di Surabaya pada Senin malam."), "COERCE")
    assert ev.recipient is not None and ev.recipient.text == "Seorang mahasiswa"
    assert ev.recipient.sector == "EDU"
    assert ev.actor is not None and ev.actor.sector == "COP"


def test_accidents_and_disasters_are_not_events(code: Code) -> None:
    text = (
        "Tiga orang tewas dalam kecelakaan bus di Cianjur. Banjir merendam ratusan rumah di "
        "Bekasi. Gempa menggoyang Kota Bogor."
    )
    assert code(text) == []


def test_requested_action_is_coded_as_the_request_only(code: Code) -> None:
    events = code(
        "Presiden Prancis Emmanuel Macron meminta Presiden Rusia Vladimir Putin menghentikan "
        "serangan terhadap warga sipil."
    )
    assert [e.type for e in events] == ["REQUEST"]
    ev = events[0]
    assert ev.actor is not None and (ev.actor.country, ev.actor.sector) == ("FRA", "GOV")
    assert ev.recipient is not None and (ev.recipient.country, ev.recipient.sector) == (
        "RUS",
        "GOV",
    )


def test_metonymy_names_governments(code: Code) -> None:
    ev = _one(code("Kremlin mengecam Washington atas sanksi baru itu."), "ACCUSE")
    assert ev.actor is not None and (ev.actor.country, ev.actor.sector) == ("RUS", "GOV")
    assert ev.recipient is not None and (ev.recipient.country, ev.recipient.sector) == (
        "USA",
        "GOV",
    )


def test_negation_and_future_flags(code: Code) -> None:
    neg = _one(code("Menteri itu tidak bertemu dengan Presiden Joko Widodo."), "CONSULT")
    assert neg.negated
    fut = _one(code("TNI akan mengerahkan pasukan ke perbatasan pekan depan."), "MOBILIZE")
    assert fut.future and not fut.negated


def test_hopes_are_not_coded(code: Code) -> None:
    assert code("Warga berharap pelaku segera ditangkap polisi.") == []


def test_repeated_mentions_merge_into_one_event(code: Code) -> None:
    text = (
        "Polisi menangkap seorang pria di Medan, Sabtu (4/5/2024). "
        "Penangkapan itu dilakukan setelah warga melapor. "
        "Pria itu ditangkap di rumahnya."
    )
    events = code(text)
    arrests = [e for e in events if e.type == "COERCE"]
    assert len(arrests) == 1
    assert len(arrests[0].mentions) == 3
    assert arrests[0].date == "2024-05-04" and arrests[0].date_source == "text"


def test_casualties_in_an_attack(code: Code) -> None:
    ev = _one(
        code("Sedikitnya 5 warga sipil tewas dan 12 lainnya luka-luka dalam serangan udara Rusia."),
        "ASSAULT",
    )
    assert ev.dead == 5 and ev.injured == 12
    assert ev.mode == "aerial"
    assert ev.actor is not None and (ev.actor.country, ev.actor.sector) == ("RUS", "MIL")
    assert ev.recipient is not None and ev.recipient.sector == "CVL"


def test_protest_without_named_actor_is_coded_as_civilians(code: Code) -> None:
    ev = _one(code("Unjuk rasa menolak kenaikan harga BBM digelar di depan DPRD."), "PROTEST")
    assert ev.actor is not None and ev.actor.sector == "CVL"


def test_date_relative_to_publication(code: Code) -> None:
    ev = _one(
        code("Polisi kemarin menggerebek gudang di Tangerang.", published=dt.date(2024, 5, 15)),
        "COERCE",
    )
    assert ev.date == "2024-05-14"


def test_non_indonesian_article_is_left_alone() -> None:
    from warta.events.component import make_stage
    from warta.pipeline import PipelineConfig
    from warta.record import Article

    article = Article(id="en", text="Police arrested two men in London.", lang="en")
    make_stage(PipelineConfig())(article)
    assert article.events == []


def test_odd_texts_do_not_break_the_stage(code: Code) -> None:
    for text in ("...", "123", "Polisi", "“”", "Menangkap.", "di di di ke ke", "A. B. C."):
        for ev in code(text):
            assert ev.type and ev.evidence.end <= len(text)


def test_pronoun_takes_the_person_before(code: Code) -> None:
    text = "Presiden Prancis Emmanuel Macron tiba di Berlin. Ia mengecam serangan itu."
    ev = _one(code(text), "ACCUSE")
    assert ev.actor is not None and ev.actor.text == "Ia"
    assert (ev.actor.country, ev.actor.sector) == ("FRA", "GOV")
