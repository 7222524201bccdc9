"""Ingest on a Dask cluster: the same entries and registry as a local run, a killed worker redone, another version refused."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import CancelledError
from contextlib import contextmanager
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

import generator  # noqa: E402
from generator import cluster as on_dask  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.errors import TimelineError  # noqa: E402
from generator.ingest import Stopped, ingest  # noqa: E402
from tests.conftest import REPO, SEED  # noqa: E402

STORIES = [
    " date 2024-03-01 Iranian and American delegations met in Geneva on Friday for talks on the nuclear deal, the United Nations said.",
    " date 2024-03-02 Protesters gathered in Beirut as Lebanon's parliament met to elect a president. Nabih Berri chaired the session.",
    " date 2024-03-03 Houthi forces fired a missile at Marib, Yemen, on Sunday; the Saudi-led coalition said it was intercepted.",
    " date 2024-03-04 Turkish troops shelled villages near Afrin in northern Syria, the Syrian Observatory for Human Rights reported.",
    " date 2024-03-05 Israeli police arrested two men in Jerusalem after clashes near the Old City, a spokesman for the police said.",
    " date 2024-03-06 The Central Bank of Iran raised its main rate in Tehran as the rial fell against the dollar.",
]


def seeds(folder: Path) -> Path:
    """Sixteen articles: six short stories and ten copies of the seed, each a new article ('This is copy K.')."""
    folder.mkdir(parents=True)
    for number, story in enumerate(STORIES):
        (folder / f"story-{number}.txt").write_text(story, encoding="utf-8")
    text = SEED.read_text(encoding="utf-8").split(" ", 3)
    for number in range(10):
        (folder / f"seed-{number}.txt").write_text(f" date {text[2]} {text[3].rstrip()}\n\nThis is copy {number}.\n", encoding="utf-8")
    return folder


def project(root: Path, cluster: str = ""):
    seeds(root / "seeds")
    return load_config(root, cluster=cluster or None)


def written(root: Path) -> dict[str, bytes]:
    """Every file ingest wrote under content/ (entries, registry, log), by path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What a local ingest of the articles writes."""
    root = tmp_path_factory.mktemp("local")
    report = ingest(project(root), say=lambda line: None)
    assert len(report.ingested) == 16 and report.failed == []
    return written(root)


@pytest.fixture(scope="module")
def dask_cluster():
    """A LocalCluster of two worker processes, and a client of it for the tests' own checks."""
    cluster = on_dask.start_local(2)
    client = distributed.Client(cluster, set_as_default=False)
    yield cluster, client
    client.close()
    cluster.close()


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(on_dask, "BATCH_SIZE", 2)  # sixteen articles make eight tasks


def test_a_cluster_ingest_writes_what_a_local_one_does_byte_for_byte(tmp_path, local, dask_cluster):
    cluster, _ = dask_cluster
    report = ingest(project(tmp_path, cluster.scheduler_address), say=lambda line: None)
    assert len(report.ingested) == 16 and report.failed == []
    assert written(tmp_path) == local


class KillOnce(distributed.WorkerPlugin):
    """Ends its worker's process as the worker finishes its first batch of ingest, before the result leaves: once, over
    all workers (the marker file says it happened)."""

    name = "kill-once"

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish == "memory" and str(key).startswith("timeline-analyse") and not os.path.exists(self.marker):
            Path(self.marker).touch()
            os._exit(1)


def test_a_worker_killed_mid_run_has_its_batch_done_again_and_nothing_is_lost_or_doubled(tmp_path, local, dask_cluster):
    cluster, client = dask_cluster
    before = set(client.run(os.getpid).values())
    marker = tmp_path / "killed"
    client.register_plugin(KillOnce(str(marker)))
    try:
        report = ingest(project(tmp_path / "project", cluster.scheduler_address), say=lambda line: None)
    finally:
        client.unregister_worker_plugin(KillOnce.name)
    assert marker.exists()
    client.wait_for_workers(2, timeout=30)  # the nanny started the killed worker again
    assert len(before - set(client.run(os.getpid).values())) == 1
    assert len(report.ingested) == 16 and report.failed == []
    assert written(tmp_path / "project") == local


def pretend_version(version: str) -> str:
    """Run on a worker: it claims another timeline version; the one it had is returned."""
    had, generator.__version__ = generator.__version__, version
    return had


def test_a_worker_running_another_version_is_refused_with_both_versions_named(tmp_path, dask_cluster):
    cluster, client = dask_cluster
    [worker, *_] = sorted(client.nthreads())
    client.run(pretend_version, "0.1.9", workers=[worker])
    try:
        with pytest.raises(TimelineError) as refused:
            ingest(project(tmp_path, cluster.scheduler_address), say=lambda line: None)
    finally:
        client.run(pretend_version, generator.__version__, workers=[worker])
    message = str(refused.value)
    assert f"cluster worker {worker} runs timeline 0.1.9," in message
    assert f"this client runs timeline {generator.__version__}," in message and "refused" in message
    assert not list((tmp_path / "content").rglob("*.md"))


def test_a_worker_that_joins_with_another_version_is_refused_at_its_first_batch(dask_cluster):
    _, client = dask_cluster
    model = load_config(REPO).spacy_model
    theirs = on_dask.versions(model)
    future = client.submit(on_dask.analysed_on_worker, model, [("Talks opened in Geneva.", "")], theirs.replace("timeline ", "timeline 9"))
    with pytest.raises(TimelineError, match=r"runs timeline .* but this client runs timeline 9"):
        future.result()


class _Future:
    """A future that computes its task when asked, or fails as told."""

    def __init__(self, task, args, error: BaseException | None) -> None:
        self.task, self.args, self.error = task, args, error

    def result(self):
        if self.error is not None:
            raise self.error
        return self.task(*self.args)

    def cancel(self) -> None:
        pass


class _Client:
    """A cluster of one worker that is this process; the tasks `fail(number, batch)` names raise its error instead."""

    def __init__(self, fail) -> None:
        self.fail, self.submitted = fail, 0

    def nthreads(self) -> dict[str, int]:
        return {"tcp://127.0.0.1:1": 1}

    def submit(self, task, *args, key: str, pure: bool) -> _Future:
        self.submitted += 1
        return _Future(task, args, self.fail(self.submitted, args[1]))


def on(client: _Client, monkeypatch: pytest.MonkeyPatch) -> None:
    @contextmanager
    def connected(address: str, model: str):
        yield on_dask.OnCluster(client, address)  # type: ignore[arg-type]

    monkeypatch.setattr(on_dask, "on_cluster", connected)


def test_a_lost_scheduler_stops_the_run_saving_what_finished_and_the_next_run_resumes(tmp_path, local, monkeypatch):
    lost = CancelledError("timeline-analyse-1 cancelled for reason: scheduler-connection-lost.")
    on(_Client(lambda number, batch: lost if number > 3 else None), monkeypatch)
    said: list[str] = []
    with pytest.raises(Stopped, match=r"^ingest: lost the Dask scheduler at tcp://gone:8786 \(.*scheduler-connection-lost.*\); what finished is saved"):
        ingest(project(tmp_path, "tcp://gone:8786"), say=said.append)
    assert said == ["ingest: stopped after 6 of 16 articles, which are saved; run the same command again to do the other 10"]
    report = ingest(load_config(tmp_path), say=lambda line: None)
    assert (len(report.unchanged), len(report.ingested)) == (6, 10)
    assert written(tmp_path) == local


def test_a_batch_that_fails_is_done_again_one_article_at_a_time(tmp_path, local, monkeypatch):
    client = _Client(lambda number, batch: RuntimeError("worker fell over") if number == 2 else None)
    on(client, monkeypatch)
    report = ingest(project(tmp_path, "tcp://flaky:8786"), say=lambda line: None)
    assert len(report.ingested) == 16 and client.submitted == 8 + 2
    assert written(tmp_path) == local


def test_without_a_cluster_dask_is_not_imported():
    code = ("import sys, generator.cli, generator.ingest; from generator.cli import parser; parser().parse_args(['ingest']); "
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"


def test_a_cluster_without_distributed_installed_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "generator.cluster")
    with pytest.raises(TimelineError, match=r"pip install 'timeline\[cluster\]'"):
        ingest(project(tmp_path, "local:2"), say=lambda line: None)
    assert not list((tmp_path / "content").rglob("*.md"))


def test_timeline_toml_names_the_cluster_and_the_flag_wins(tmp_path):
    (tmp_path / "timeline.toml").write_text('cluster = "local:2"\n', encoding="utf-8")
    assert load_config(tmp_path).cluster == "local:2"
    assert load_config(tmp_path, cluster="tcp://scheduler.example:8786").cluster == "tcp://scheduler.example:8786"
    assert load_config(tmp_path, cluster=None).cluster == "local:2"  # no --cluster given
