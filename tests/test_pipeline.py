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
