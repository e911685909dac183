"""Worker processes that may die: the ``--jobs`` executor.

``multiprocessing.Pool`` waits forever for a task whose worker was killed (the
out-of-memory killer on a big archive), so warta runs its own workers: each has
its own task queue and result pipe, and the parent watches every worker's
process sentinel. A worker that dies costs only the document it was
processing, reported as failed with the reason; the documents queued behind it
go to its replacement, and the run goes on in input order.

A worker takes the documents waiting in its queue as one batch (at most
``warta.run.local.BATCH``; the nlp stage makes their Docs together). When a worker dies
inside a batch, which document killed it is unknown: none is blamed and all are sent again
to go *alone*, one at a time, so the one that kills its worker again is the one reported.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from warta.errors import ConfigError, InputError, WartaError, WorkerDiedError
from warta.ingest.document import RawDocument
from warta.pipeline import Pipeline, PipelineConfig
from warta.record import Article
from warta.run.local import BATCH, process_batch, process_one

Item = RawDocument | InputError
Result = Article | InputError

# documents queued per worker: a batch in work and the next one waiting, so a worker never
# idles on IPC
WINDOW = 2 * BATCH
_INIT_FAILED = -1


def _serve(config: PipelineConfig, tasks: Any, results: Connection) -> None:
    """A worker's life: build the pipeline once, then process tasks until told to stop:
    a task sent ``alone`` by itself, the others in batches of what is waiting."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        pipeline = Pipeline(config=config)
    except Exception as exc:
        results.send((_INIT_FAILED, f"{exc}"))
        return
    later: list[Any] = []  # a task taken while filling a batch that must not join it
    while (task := later.pop() if later else tasks.get()) is not None:
        number, item, alone = task
        if alone:
            results.send((number, process_one(pipeline, item)))
            continue
        batch = [(number, item)]
        while len(batch) < BATCH:
            try:
                more = tasks.get_nowait()
            except queue.Empty:
                break
            if more is None or more[2]:
                later.append(more)
                break
            batch.append((more[0], more[1]))
        done = process_batch(pipeline, [i for _, i in batch])
        for (n, _), result in zip(batch, done, strict=True):
            results.send((n, result))


@dataclass(slots=True, eq=False)
class _Worker:
    process: Any
    tasks: Any
    results: Connection
    # sent, no result yet: the document and whether it was sent to go alone
    held: dict[int, tuple[RawDocument, bool]] = field(default_factory=dict)

    def send(self, number: int, item: RawDocument, alone: bool = False) -> None:
        self.held[number] = (item, alone)
        self.tasks.put((number, item, alone))

    def stop(self, *, timeout: float = 5.0) -> None:
        if self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.tasks.put(None)
            self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout)
        self.tasks.cancel_join_thread()  # never wait on a pipe a dead worker will not drain
        self.tasks.close()
        self.results.close()


def _start(context: Any, config: PipelineConfig) -> _Worker:
    tasks = context.Queue()
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_serve, args=(config, tasks, writer), daemon=True)
    process.start()
    writer.close()  # the parent keeps no write end, so a dead worker's pipe reads as EOF
    return _Worker(process=process, tasks=tasks, results=reader)


def death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (as the out-of-memory killer does)" if name == "SIGKILL" else ""
        return f"worker process died while processing it: killed by {name}{hint}"
    return f"worker process died while processing it (exit status {exitcode})"


def run_workers(items: Iterable[Item], *, config: PipelineConfig, jobs: int) -> Iterator[Result]:
    """Results in input order from ``jobs`` worker processes that are replaced if they die."""
    context = mp.get_context()
    workers = [_start(context, config) for _ in range(jobs)]
    done: dict[int, Result] = {}
    backlog: list[tuple[int, RawDocument, bool]] = []  # re-sent (alone) after a worker died
    source = iter(items)
    exhausted = False
    issued = emitted = 0
    deaths_in_a_row = 0
    try:
        while True:
            for index, worker in enumerate(workers):
                if not worker.held and not worker.process.is_alive():  # died idle: replace
                    _collect(worker, done)
                    worker.stop()
                    worker = workers[index] = _start(context, config)
                while len(worker.held) < WINDOW and (backlog or not exhausted):
                    if backlog:
                        worker.send(*backlog.pop(0))
                        continue
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                        break
                    if isinstance(item, InputError):
                        done[issued] = item  # nothing to process: straight to the output
                    else:
                        worker.send(issued, item)
                    issued += 1
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            busy = [w for w in workers if w.held]
            if not busy:
                if exhausted and not backlog:
                    return
                continue
            ready = wait([w.results for w in busy] + [w.process.sentinel for w in busy])
            for index, worker in enumerate(workers):
                if worker.results in ready or worker.process.sentinel in ready:
                    if _collect(worker, done):
                        deaths_in_a_row = 0
                    if not worker.process.is_alive() and worker.held:
                        deaths_in_a_row += 1
                        if deaths_in_a_row > 3 * jobs:
                            raise WartaError("worker processes keep dying; see the messages above")
                        backlog = _fail_oldest(worker, done) + backlog
                        worker.stop()
                        workers[index] = _start(context, config)
    finally:
        for worker in workers:
            worker.stop()


def _collect(worker: _Worker, done: dict[int, Result]) -> bool:
    """Move the worker's finished results into ``done``; True if there were any."""
    got = False
    try:
        while worker.results.poll():
            number, result = worker.results.recv()
            if number == _INIT_FAILED:
                raise ConfigError(str(result))
            worker.held.pop(number, None)
            done[number] = result
            got = True
    except (EOFError, OSError):
        worker.process.join(5.0)  # the pipe closed: the worker is gone or going
    return got


def _fail_oldest(worker: _Worker, done: dict[int, Result]) -> list[tuple[int, RawDocument, bool]]:
    """The dead worker's document in work fails and the ones queued behind it are returned,
    to go alone; when it died in a batch, no document is known to be the one, and all are."""
    worker.process.join(5.0)
    numbers = sorted(worker.held)
    first, alone = worker.held[numbers[0]]
    if alone or len(numbers) == 1:
        done[numbers[0]] = WorkerDiedError(
            death_reason(worker.process.exitcode), source=first.source, locator=first.locator
        )
        numbers = numbers[1:]
    rest = [(n, worker.held[n][0], True) for n in numbers]
    worker.held.clear()
    return rest
