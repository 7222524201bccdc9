"""Ingest on a Dask cluster beside a local ingest: articles per second, the cluster's overhead, and 1,000,000 articles estimated.

usage: python benchmarks/ingest_cluster.py CORPUS [--copies N] [--runs R] [--machines 1,2,4,8,16] [--cores 2,8,32]
CORPUS is a folder of seed-format articles, or one holding articles/ (../shared/corpus/dev). Its articles are written
N times over (each copy a new article), then ingested into fresh scratch projects locally (spaCy on two processes), with
`--cluster local:1` and with `local:2`, R times each (the fastest counts); all must write the same bytes. Rates leave out starting
the cluster and loading the model (printed apart), as the local rate leaves out loading the model in this process.
"""

from __future__ import annotations

import argparse
import pickle
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import generator.ingest  # noqa: E402
from distributed import Client  # noqa: E402
from generator import cluster as on_dask  # noqa: E402
from generator.article import read_article  # noqa: E402
from generator.config import Config  # noqa: E402
from generator.extract import base_registry, extract_each  # noqa: E402
from generator.extract.entities import analyse, analysed, parse_lead, pipeline  # noqa: E402
from generator.extract.places import gazetteer  # noqa: E402
from generator.ingest import ingest  # noqa: E402
from generator.opening import opening  # noqa: E402
from ingest_speed import copies  # noqa: E402

MILLION = 1_000_000
LINK = 125e6  # bytes a second: a 1 Gb/s network, the client's side of it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--runs", type=int, default=2, help="runs of each kind; the fastest counts")
    parser.add_argument("--machines", default="1,2,4,8,16")
    parser.add_argument("--cores", default="2,8,32")
    parser.add_argument("--model", default=Config(root=REPO).spacy_model)
    args = parser.parse_args()
    source = args.corpus / "articles" if (args.corpus / "articles").is_dir() else args.corpus
    started = time.perf_counter()
    pipeline(args.model)
    parse_lead("The model is loaded.", args.model)
    gazetteer()
    base_registry()
    print(f"this process: model, gazetteer and base registry loaded in {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory(prefix="timeline-cluster-") as scratch:
        folder = Path(scratch) / "articles"
        folder.mkdir()
        count = copies(source, args.copies, folder)
        print(f"corpus: {count} articles ({args.copies} copies of {source})")
        runs: dict[str, tuple[float, dict[str, bytes]]] = {}
        used = cpu()
        runs["local"] = best(lambda run: Config(root=Path(scratch) / f"local-{run}", spacy_model=args.model), folder, args.runs)
        local_rate, local_cpu = count / runs["local"][0], (cpu() - used) / args.runs / count
        print(f"local (spaCy on 2 processes): {runs['local'][0]:.2f} s, {local_rate:.1f} articles/s; "
              f"CPU {local_cpu * 1000:.1f} ms an article (this process and its children)")
        per_core = 0.0
        for workers in (1, 2):
            start = time.perf_counter()
            cluster = on_dask.start_local(workers)
            client = Client(cluster, set_as_default=False)
            client.register_plugin(on_dask.ModelPlugin(args.model, quiet=True))  # as ingest does: then its own is a no-op
            ready = time.perf_counter() - start
            before, used, used_there = client.run(on_dask.work_done), cpu(), sum(client.run(cpu).values())
            name = f"local:{workers}"
            runs[name] = best(lambda run: Config(root=Path(scratch) / f"cluster-{workers}-{run}", spacy_model=args.model,
                                                 cluster=cluster.scheduler_address), folder, args.runs)
            after = client.run(on_dask.work_done)
            spent = (cpu() - used + sum(client.run(cpu).values()) - used_there) / args.runs / count
            seconds = runs[name][0]
            computing = sum(after[w]["seconds"] - before[w]["seconds"] for w in after)
            done = sum(after[w]["articles"] - before[w]["articles"] for w in after)
            loads = ", ".join(f"{after[w]['loaded']:.2f}" for w in sorted(after))
            print(f"{name}: {seconds:.2f} s, {count / seconds:.1f} articles/s ({count / seconds / local_rate:.0%} of local); "
                  f"cluster up in {ready:.2f} s, model loaded per worker in {loads} s; "
                  f"{done / computing:.1f} articles per worker-second in spaCy; CPU {spent * 1000:.1f} ms an article (client, its children "
                  f"and the workers: {(spent - local_cpu) * 1000:+.1f} ms against local)")
            if workers == 1:
                per_core = done / computing
                trip, cost, size = overhead(client, source, args.model)
                start_up = ready
            client.close()
            cluster.close()
        client_rate = count / timed_client(Config(root=Path(scratch) / "client", spacy_model=args.model), folder, args.model)
        identical = runs["local"][1] == runs["local:1"][1] == runs["local:2"][1]
        print(f"identical entries and registry in all three runs: {'yes' if identical else 'NO'} ({len(runs['local'][1])} files)")
        batch = on_dask.BATCH_SIZE
        print(f"overhead (scheduling, transfer): {trip * 1000:.1f} ms a batch of {batch} there and back alone (texts there, parses back: "
              f"{size / 1024:.1f} KB an article), {cost * 1000:.1f} ms a batch in a stream of them: {cost / batch * 1000:.2f} ms an article")
        print(f"the client alone (reading, resolution, writing; extraction replayed free): {client_rate:.1f} articles/s")
        estimate(per_core, client_rate, cost / batch, size, start_up, [int(m) for m in args.machines.split(",")], [int(c) for c in args.cores.split(",")])


def best(config: Callable[[int], Config], folder: Path, runs: int) -> tuple[float, dict[str, bytes]]:
    """The fastest of `runs` ingests into fresh projects, and what they wrote (the same each time)."""
    results = [timed(config(run), folder) for run in range(runs)]
    assert all(written == results[0][1] for _, written in results), "two runs of the same kind wrote different files"
    return min(seconds for seconds, _ in results), results[0][1]


def timed(config: Config, folder: Path) -> tuple[float, dict[str, bytes]]:
    """Seconds to ingest `folder` into the fresh project `config.root`, and every file it wrote under content/."""
    config.root.mkdir(parents=True)
    started = time.perf_counter()
    report = ingest(config, [folder], say=lambda line: None)
    seconds = time.perf_counter() - started
    assert report.failed == [], report.failed
    return seconds, {p.relative_to(config.root).as_posix(): p.read_bytes() for p in sorted(config.content.rglob("*")) if p.is_file()}


def overhead(client: Client, source: Path, model: str) -> tuple[float, float, int]:
    """Seconds for one batch's round trip through the scheduler with no work at the worker, alone and with 20 in flight
    (what each costs when batches follow each other, as in ingest), and the bytes an article moves."""
    articles = [read_article(path) for path in islice(sorted(source.glob("*.txt")), on_dask.BATCH_SIZE)]
    batch = [(a.text, opening(a.paragraphs).lead) for a in articles]
    payload = (batch, analysed(model, batch))
    size = len(pickle.dumps(payload)) // len(batch)
    trips = []
    for _ in range(20):
        started = time.perf_counter()
        client.submit(_echo, payload, pure=False).result()
        trips.append(time.perf_counter() - started)
    started = time.perf_counter()
    client.gather([client.submit(_echo, payload, pure=False) for _ in range(20)])
    return sorted(trips)[len(trips) // 2], (time.perf_counter() - started) / 20, size


def cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    mine, theirs = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + theirs.ru_utime + theirs.ru_stime


def _echo(payload: object) -> object:
    return payload


def timed_client(config: Config, folder: Path, model: str) -> float:
    """Seconds the client's own part takes: ingest with spaCy's findings replayed from a first run (the ceiling on any cluster)."""
    recorded: list[object] = []

    def recording(items, model_, count):  # type: ignore[no-untyped-def]
        for analysis in analyse(items, model_, count):
            recorded.append(analysis)
            yield analysis

    def replayed(items, model_, count):  # type: ignore[no-untyped-def]
        for _, analysis in zip(items, recorded):
            yield analysis

    for analyser, where in ((recording, "first"), (replayed, "replay")):
        config_ = Config(root=config.root / where, spacy_model=model)
        with _extracting(analyser):
            seconds, _ = timed(config_, folder)
    return seconds


@contextmanager
def _extracting(analyser: object) -> Iterator[None]:
    """Ingest with `analyser` in place of spaCy's worker processes."""
    kept = generator.ingest._extraction

    @contextmanager
    def instead(config: Config) -> Iterator[object]:
        yield partial(extract_each, analyser=analyser)

    generator.ingest._extraction = instead  # type: ignore[assignment]
    try:
        yield
    finally:
        generator.ingest._extraction = kept


def estimate(per_core: float, client_rate: float, overhead: float, size: int, start_up: float, machines: list[int], cores: list[int]) -> None:
    """Hours for 1,000,000 articles on M machines of C cores each, from the rates measured here."""
    print(f"\n1,000,000 articles on M worker machines of C cores (hours; the limit in brackets: cores, client, network):")
    print("| M \\ C | " + " | ".join(f"{c} cores" for c in cores) + " |")
    print("|---|" + "---|" * len(cores))
    client_cap = 1 / (1 / client_rate + overhead)
    network_cap = LINK / size
    for m in machines:
        cells = []
        for c in cores:
            rates = {"cores": m * c * per_core, "client": client_cap, "network": network_cap}
            limit = min(rates, key=rates.get)  # type: ignore[arg-type]
            cells.append(f"{(MILLION / rates[limit] + start_up) / 3600:.1f} ({limit})")
        print(f"| {m} | " + " | ".join(cells) + " |")
    print(f"\nassumes: each worker core does {per_core:.1f} articles/s as a local:1 worker did here (one process a core, "
          f"`--nthreads 1`; cores like this machine's, spaCy scaling linearly over them); the client, on a machine of its own, does "
          f"{client_rate:.1f} articles/s of reading, resolution and writing, less {overhead * 1000:.2f} ms an article of "
          f"scheduling and transfer (as measured on one machine's loopback), so at most {client_cap:.1f} articles/s whatever "
          f"the cluster; {size / 1024:.1f} KB an article over a 1 Gb/s link ({network_cap:.0f} articles/s); "
          f"plus {start_up:.0f} s to start and load the model, once.")


if __name__ == "__main__":
    main()
