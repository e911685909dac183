from __future__ import annotations

import pickle

import pytest

from warta import pipeline as pipeline_module
from warta.errors import ConfigError, EncodingError, InputError
from warta.ingest import RawDocument
from warta.pipeline import STAGES, Pipeline, PipelineConfig, available_stages


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
    pipe = Pipeline(config=PipelineConfig(stages=("events", "nlp", "times")))
    assert pipe.stage_names == ["nlp", "times", "events"]
    doc = RawDocument(source="t", kind="text", sha256="0" * 64, text="Rapat kabinet digelar.")
    article = pipe.process(doc)
    assert calls == ["nlp", "times", "events"]
    assert article.state == {}  # working state never leaves the pipeline


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
