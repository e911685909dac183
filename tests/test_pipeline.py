from __future__ import annotations

import pickle
import re

import pytest

from warta import pipeline as pipeline_module
from warta.errors import ConfigError, EncodingError, InputError
from warta.ingest import RawDocument
from warta.pipeline import (
    FIELDS,
    STAGES,
    Pipeline,
    PipelineConfig,
    StageSpec,
    available_stages,
    load_stage,
    provider,
    resolve_stages,
)


def test_unknown_stage_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline(config=PipelineConfig(stages=("nosuch",)))


def test_available_stages_follow_the_declared_order() -> None:
    names = available_stages()
    assert names == [n for n in STAGES if n in names]


def test_stages_run_in_declared_order(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def factory(name: str):  # type: ignore[no-untyped-def]
        return lambda config: lambda article: calls.append(name)

    monkeypatch.setattr(
        pipeline_module,
        "load_stage",
        lambda name, config: factory(name)(config),
    )
    pipe = Pipeline(config=PipelineConfig(stages=("places", "times", "nlp")))
    assert pipe.stage_names == ["nlp", "times", "places"]
    doc = RawDocument(source="t", kind="text", sha256="0" * 64, text="Rapat kabinet digelar.")
    article = pipe.process(doc)
    assert calls == ["nlp", "times", "places"]
    assert article.state == {}  # working state never leaves the pipeline
    assert list(article.timings) == ["nlp", "times", "places"]  # measured by the pipeline
    assert all(seconds >= 0 for seconds in article.timings.values())
    assert "timings" not in article.to_dict()


def test_every_requirement_is_assigned_by_an_earlier_stage() -> None:
    order = list(STAGES)
    for name, spec in STAGES.items():
        assert spec.name == name and set(spec.requires) | set(spec.assigns) <= FIELDS
        for field in spec.requires:
            assert order.index(provider(field)) < order.index(name), (name, field)
    assigned = [f for spec in STAGES.values() for f in spec.assigns]
    assert len(assigned) == len(set(assigned))  # one stage computes each fact


@pytest.mark.parametrize(
    ("wanted", "runs"),
    [
        (("events",), ["nlp", "times", "quotes", "places", "events"]),
        (("places",), ["nlp", "places"]),
        (("quotes", "times"), ["nlp", "times", "quotes"]),
        (("times",), ["times"]),
        ((), []),
    ],
)
def test_a_stage_brings_what_it_requires(wanted: tuple[str, ...], runs: list[str]) -> None:
    assert resolve_stages(wanted) == runs


def test_a_contract_that_cannot_hold_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    early = StageSpec(name="nlp", factory="x:y", requires=("places",), assigns=("doc",))
    monkeypatch.setitem(STAGES, "nlp", early)
    with pytest.raises(ConfigError, match="stage nlp requires places, assigned by the later"):
        resolve_stages(["nlp"])


def test_events_alone_codes_what_the_full_pipeline_codes() -> None:
    """`--stages events` once gave COERCE with no date and no place: it ran without the
    stages it reads. Now it brings them, and the record is the full pipeline's."""
    text = "Polisi menangkap dua orang terduga pengedar narkoba di Kota Bogor dua hari lalu."
    doc = RawDocument(
        source="t", kind="jsonl", sha256="0" * 64, text=text, id="b", published="2024-05-15"
    )
    alone = Pipeline(config=PipelineConfig(stages=("events",))).process(doc)
    full = Pipeline().process(doc)
    assert alone.to_dict() == full.to_dict()
    (event,) = [e for e in alone.events if e.type == "COERCE"]
    assert event.date == "2024-05-13" and event.location is not None
    assert event.location.name == "Bogor"


def test_each_stage_fills_only_what_it_assigns() -> None:
    text = (
        "JAKARTA – Presiden Joko Widodo mengatakan, “Kami menolak serangan itu,” di Jakarta, "
        "Senin (4/3/2024). Polisi menangkap dua orang di Bogor."
    )
    doc = RawDocument(source="t", kind="text", sha256="0" * 64, text=text)
    from warta.clean import build_article

    article = build_article(doc)
    for name, spec in STAGES.items():
        before = article.to_dict()
        had_doc = "doc" in article.state
        load_stage(name, PipelineConfig())(article)
        after = article.to_dict()
        changed = {k for k in after if after[k] != before[k]}
        assert changed <= set(spec.assigns), (name, changed)
        assert ("doc" in article.state) == (had_doc or "doc" in spec.assigns), name


def test_input_errors_pickle_with_their_fields() -> None:
    error = EncodingError("invalid UTF-8 at byte 3", source="a.txt", locator="line 2", raw="x")
    back = pickle.loads(pickle.dumps(error))
    assert isinstance(back, EncodingError) and isinstance(back, InputError)
    assert (back.source, back.locator, back.raw, str(back)) == (
        "a.txt",
        "line 2",
        "x",
        "a.txt (line 2): invalid UTF-8 at byte 3",
    )


def _shared_objects(stage: object) -> list[object]:
    """The objects a stage function closes over (coders, matchers), and their attributes."""
    found: list[object] = []
    for cell in getattr(stage, "__closure__", None) or ():
        value = cell.cell_contents
        if hasattr(value, "__dict__") and not isinstance(value, type):
            found.append(value)
            found += [v for v in vars(value).values() if hasattr(v, "__dict__")]
    return found


def _attributes(obj: object) -> dict[str, int]:
    return {name: id(value) for name, value in vars(obj).items()}


def test_stages_keep_no_per_article_state_on_shared_objects() -> None:
    """A stage object is shared by every article of a process and by `warta serve`'s threads:
    processing an article must not set or replace anything on it (EventCoder once kept the
    article's home country there, and another thread's article read it)."""
    pipe = Pipeline()
    shared = [obj for _, stage in pipe._stages for obj in _shared_objects(stage)]
    assert any(type(obj).__name__ == "EventCoder" for obj in shared)
    texts = [
        "Unjuk rasa menolak perang digelar di Moskow, Rusia, Senin. Aparat membubarkan aksi itu.",
        "Demonstrasi berlangsung di Manila, Filipina. Sebanyak tiga orang tewas.",
    ]
    pipe.process(RawDocument(source="t", kind="text", sha256="0" * 64, text=texts[0]))
    before = [_attributes(obj) for obj in shared]
    pipe.process(RawDocument(source="t", kind="text", sha256="0" * 64, text=texts[1]))
    assert [_attributes(obj) for obj in shared] == before


def test_the_record_says_which_stages_ran_and_why_not(monkeypatch: pytest.MonkeyPatch) -> None:
    def factory(name: str):  # type: ignore[no-untyped-def]
        def stage(article):  # type: ignore[no-untyped-def]
            if name == "times" and article.lang != "id":
                article.skip("times", f"Indonesian only (lang {article.lang})")

        return stage

    monkeypatch.setattr(pipeline_module, "load_stage", lambda name, config: factory(name))
    pipe = Pipeline(config=PipelineConfig(stages=("nlp", "times")))
    text = "The ministry said on Monday that fuel prices would rise."
    doc = RawDocument(source="t", kind="text", sha256="0" * 64, text=text)
    article = pipe.process(doc)
    assert article.lang == "en"
    assert article.stages == {
        "nlp": "ran",
        "times": "skipped: Indonesian only (lang en)",
        "quotes": "skipped: not requested",
        "places": "skipped: not requested",
        "events": "skipped: not requested",
    }
    record = article.to_dict()
    assert record["stages"] == article.stages
    assert type(article).from_dict(record).stages == article.stages


def test_stages_none_says_so() -> None:
    doc = RawDocument(source="t", kind="text", sha256="0" * 64, text="Rapat kabinet digelar.")
    article = Pipeline(config=PipelineConfig(stages=())).process(doc)
    assert set(article.stages) == set(STAGES)
    assert all(v.startswith("skipped: not ") for v in article.stages.values())


def test_the_doc_is_read_through_one_accessor() -> None:
    """Stages get the spaCy Doc from warta.nlp.doc_for only (once four variants, each with
    its own test that the Doc was the article's, and ImportError fallbacks)."""
    from pathlib import Path

    src = Path(__file__).parents[1] / "src" / "warta"
    reads = re.compile(r"""state(?:\.get\(|\[)["']doc["']""")
    readers = sorted(
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if reads.search(p.read_text("utf-8")) and p.parent.name != "nlp"
    )
    assert readers == []
    fallbacks = sorted(
        str(p.relative_to(src))
        for p in src.glob("*/component.py")
        if "except ImportError" in p.read_text("utf-8")
    )
    assert fallbacks == []
