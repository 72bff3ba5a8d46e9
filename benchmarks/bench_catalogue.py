"""The catalogue, its search and proposal autosave at provincial size, as ratios to a plain Wagtail page.

Run from the repository root (it starts and stops its own PostgreSQL and gunicorn on 127.0.0.1)::

    .venv/bin/python benchmarks/bench_catalogue.py          # 20,000 innovations, 5 minutes of autosave
    .venv/bin/python benchmarks/bench_catalogue.py --smoke  # a few hundred, a few seconds: CI's check

Steps, in one run:

1. a PostgreSQL cluster in a temporary folder (``--postgres-url`` uses a running server instead, in a new
   database), migrated, seeded with ``seed_catalogue`` (``--innovations``);
2. gunicorn with 2 sync workers and no debug, serving the example site;
3. for each page (the plain content page, the catalogue unfiltered, filtered, deep, searched): a warm-up, then
   ``--seconds`` of requests from ``--concurrency`` clients; requests per second, median and p95 latency;
   the SQL queries of one request and its median server time, measured in this process;
4. 50 entrants autosaving every 2-5 seconds for ``--autosave-seconds`` (``autosave_load``), then the audit.

It prints a Markdown table (also written to ``--out``) with each page's ratio to the plain page, and exits
with 1 when a request failed, the autosave audit found a problem, or (not in ``--smoke``) a target is missed:
catalogue pages at least 0.5x the plain page, searches at least 0.2x, autosave p95 under 200 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import servers  # noqa: E402
import setup_django  # noqa: E402

PLAIN = "plain"
CATALOGUE_TARGET = 0.5
SEARCH_TARGET = 0.2


@dataclass
class Scenario:
    name: str
    path: str
    kind: str  # "plain", "catalogue" or "search"
    #: Paths requested in turn instead of ``path`` alone, so that caches do not answer every request.
    rotation: list[str] = field(default_factory=list)
    #: A notice on the page (a typo corrected) is expected; elsewhere it means an ignored parameter.
    notice: bool = False
    requests: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    queries: int = 0
    server_ms: float = 0.0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, percent: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))] * 1000


def scenarios(innovations: int) -> list[Scenario]:
    # Three quarters of the way through the pages of 24.
    deep = max(2, innovations // 24 * 3 // 4)
    return [
        Scenario("plain Wagtail page", "/tentang/", PLAIN),
        Scenario("catalogue", "/katalog/", "catalogue"),
        Scenario("catalogue, filtered", "/katalog/?theme=kesehatan&award_level=lokal", "catalogue"),
        Scenario("catalogue, two filters of a kind", "/katalog/?year=2019&year=2020&digital=1", "catalogue"),
        Scenario("catalogue, deep page", f"/katalog/?page={deep}", "catalogue"),
        Scenario("search: one word", "/katalog/?q=kesehatan", "search"),
        Scenario("search: two words", "/katalog/?q=antrean+puskesmas", "search"),
        Scenario("search: a typo", "/katalog/?q=kesehtan", "search", notice=True),
        Scenario("search with a filter", "/katalog/?q=sampah&theme=lingkungan-hidup", "search"),
        Scenario(
            "catalogue, a new filter combination each request",
            FILTER_ROTATION[0],
            "catalogue",
            rotation=FILTER_ROTATION,
        ),
        Scenario("search, a new word each request", WORD_ROTATION[0], "search", rotation=WORD_ROTATION),
    ]


THEMES = [
    "penanggulangan-kemiskinan",
    "pendidikan",
    "kesehatan",
    "lingkungan-hidup",
    "tata-kelola-pemerintahan",
]
#: 300 filter combinations (year x theme x digital x stage), none repeated within a run of a few minutes.
FILTER_ROTATION = [
    f"/katalog/?year={year}&theme={theme}&digital={digital}&stage={stage}"
    for year in range(2012, 2027)
    for theme in THEMES
    for digital in (0, 1)
    for stage in ("penerapan", "uji_coba")
][:300]
#: Words of the seeded catalogue, common and rare, searched one after another.
WORD_ROTATION = [
    f"/katalog/?q={word}"
    for word in (
        "kesehatan pelayanan sampah antrean sekolah posyandu pajak perizinan desa balita ibu lansia "
        "aplikasi daring keluhan bank retribusi kependudukan akta puskesmas rujukan gizi stunting "
        "beasiswa perpustakaan pangan pasar petani nelayan banjir air bersih sanitasi transportasi "
        "parkir pengaduan layanan terpadu informasi warga kelurahan kecamatan"
    ).split()
]


def hammer(base_url: str, scenario: Scenario, seconds: float, concurrency: int, warmup: float) -> None:
    """Request the scenario's page from ``concurrency`` threads for ``seconds`` (after ``warmup``)."""
    urls = [base_url + path for path in scenario.rotation or [scenario.path]]
    turn = itertools.count()
    lock = threading.Lock()
    start = time.monotonic()
    measure_from = start + warmup
    stop_at = measure_from + seconds

    def worker():
        while True:
            began = time.monotonic()
            if began >= stop_at:
                return
            url = urls[next(turn) % len(urls)]
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                ok = False
            ended = time.monotonic()
            if began >= measure_from and ended <= stop_at:
                with lock:
                    scenario.requests += 1
                    scenario.errors += not ok
                    scenario.latencies.append(ended - began)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    scenario.seconds = seconds


def in_process(scenario: Scenario, runs: int = 5) -> None:
    """SQL queries of one request and the median server time, through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(scenario.path)  # warm caches, as the served pages are
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get(scenario.path)
            times.append(time.perf_counter() - began)
        if response.status_code != 200:
            scenario.errors += 1
        elif scenario.kind != PLAIN and (b'class="kipp-notice"' in response.content) != scenario.notice:
            print(f"  {scenario.name}: unexpected notice (or none) on {scenario.path}", flush=True)
            scenario.errors += 1
    scenario.queries = len(queries)
    scenario.server_ms = statistics.median(times) * 1000


def table(rows: list[Scenario], plain_rate: float) -> str:
    lines = [
        "| Page | req/s | ratio | median ms | p95 ms | queries | server ms (in-process) | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = row.rate / plain_rate if plain_rate else 0.0
        lines.append(
            f"| {row.name} (`{row.path}`) | {row.rate:.1f} | {ratio:.2f}x | {row.percentile(50):.0f} | "
            f"{row.percentile(95):.0f} | {row.queries} | {row.server_ms:.1f} | {row.errors} |"
        )
    return "\n".join(lines)


def run(args, database_url: str) -> int:
    setup_django.configure(database_url)
    import autosave_load
    import seed_catalogue
    from django.core.management import call_command
    from django.db import connection

    began = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    report = seed_catalogue.seed(args.innovations, progress=lambda line: None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {report['innovations']} innovations in {report['seconds']} s", flush=True)
    accounts = autosave_load.seed_entrants(args.autosave_entries) if args.autosave_seconds else []

    problems: list[str] = []
    rows = scenarios(report["innovations"])
    with servers.gunicorn(database_url, port=args.port) as base_url:
        for row in rows:
            hammer(base_url, row, args.seconds, args.concurrency, args.warmup)
            in_process(row)
            print(f"  {row.name}: {row.rate:.1f} req/s, {row.queries} queries", flush=True)
        autosave = None
        if accounts:
            result = autosave_load.run_load(
                base_url,
                accounts,
                clients=args.autosave_clients,
                duration=args.autosave_seconds,
                shared=min(5, args.autosave_clients // 2),
            )
            problems += autosave_load.audit(result["records"])
            autosave = result["summary"]

    plain_rate = rows[0].rate
    lines = [
        f"{report['innovations']} innovations on PostgreSQL, gunicorn with 2 sync workers, "
        f"{args.concurrency} clients, {args.seconds:.0f} s per page after {args.warmup:.0f} s of warm-up.",
        "",
        table(rows, plain_rate),
    ]
    if autosave:
        lines += [
            "",
            f"Autosave: {args.autosave_clients} entrants for {args.autosave_seconds:.0f} s: "
            f"{autosave['requests']} saves ({autosave['acknowledged']} acknowledged, {autosave['conflicts']} "
            f"conflicts between two tabs), {autosave['errors']} errors, median "
            f"{autosave['latency_ms']['median']:.0f} ms, p95 {autosave['latency_ms']['p95']:.0f} ms; audit: "
            + ("no problem" if not problems else f"{len(problems)} problems"),
        ]
    lines.append(f"\nTotal run time {time.monotonic() - began:.0f} s.")
    output = "\n".join(lines)
    print(output)
    if args.out:
        Path(args.out).write_text(output + "\n")

    failures = [f"{row.name}: {row.errors} failed requests" for row in rows if row.errors]
    failures += problems
    if autosave and autosave["errors"]:
        failures.append(f"autosave: {autosave['errors']} errors")
    if not args.smoke and plain_rate:
        for row in rows:
            target = {"catalogue": CATALOGUE_TARGET, "search": SEARCH_TARGET}.get(row.kind)
            if target and row.rate / plain_rate < target:
                failures.append(f"{row.name}: {row.rate / plain_rate:.2f}x, target {target}x")
        if autosave and autosave["latency_ms"]["p95"] >= 200:
            failures.append(f"autosave p95 {autosave['latency_ms']['p95']:.0f} ms, target under 200 ms")
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


def add_run_arguments(parser: argparse.ArgumentParser, innovations: int, seconds: float) -> None:
    """The options every catalogue benchmark has: size, duration, clients, servers, output."""
    parser.add_argument("--smoke", action="store_true", help="a few hundred innovations, a few seconds each")
    parser.add_argument("--innovations", type=int, default=innovations)
    parser.add_argument("--seconds", type=float, default=seconds)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--postgres-url", help="a running server, e.g. postgres://postgres@127.0.0.1:5432/")
    parser.add_argument(
        "--database-url",
        help="an existing database, seeded up to --innovations (a second run skips the seeding)",
    )
    parser.add_argument("--out", help="also write the table to this file")


def prepare(args) -> None:
    """Stop cleanly on SIGTERM, give pictures a temporary folder, and shrink a ``--smoke`` run."""
    # Stopped from outside (``timeout``, Ctrl-C): leave through the ``finally`` blocks that stop the servers.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    # Pictures of the seeded innovations go to a temporary folder, for this process and for gunicorn.
    os.environ.setdefault("DJANGO_MEDIA_ROOT", tempfile.mkdtemp(prefix="kipp-bench-media-"))
    if args.smoke:
        args.innovations, args.seconds, args.warmup = 300, 2.0, 1.0


def with_database(args, run) -> int:
    """``run(database_url)`` on a new database of ``--postgres-url``, or of a throw-away cluster."""
    if args.database_url:
        return run(args.database_url)
    if args.postgres_url:
        database = f"kipp_bench_{int(time.time())}"
        import psycopg

        with psycopg.connect(args.postgres_url.rstrip("/") + "/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{database}"')
        return run(args.postgres_url.rstrip("/") + "/" + database)
    with servers.postgres(port=args.pg_port) as database_url:
        return run(database_url)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_run_arguments(parser, innovations=20000, seconds=20.0)
    parser.add_argument("--autosave-clients", type=int, default=50)
    parser.add_argument("--autosave-entries", type=int, default=45)
    parser.add_argument("--autosave-seconds", type=float, default=300.0)
    parser.add_argument("--port", type=int, default=8040)
    parser.add_argument("--pg-port", type=int, default=55440)
    args = parser.parse_args(argv)
    prepare(args)
    if args.smoke:
        args.autosave_clients, args.autosave_entries, args.autosave_seconds = 6, 5, 6.0
    return with_database(args, lambda database_url: run(args, database_url))


if __name__ == "__main__":
    sys.exit(main())
