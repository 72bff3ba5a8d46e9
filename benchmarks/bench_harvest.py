"""Harvesting a provincial-size portal: 20,000 innovations through the open data API into a fresh catalogue.

Run from the repository root::

    .venv/bin/python benchmarks/bench_harvest.py                 # 20,000 records, SQLite in a new file
    .venv/bin/python benchmarks/bench_harvest.py --smoke         # 300 records: a check that the harness works
    .venv/bin/python benchmarks/bench_harvest.py --postgres      # a throw-away PostgreSQL cluster
    .venv/bin/python benchmarks/bench_harvest.py --database-url postgres://…/kipp_bench  # an existing one

Steps, in one run:

1. a source portal in a separate process on 127.0.0.1 (``tests.harvest_server.FakePortal``, a real HTTP
   server): ``--innovations`` records in the API's exact format, paged and filtered by ``updated_since`` as
   the API does, with the demo's Indonesian text (4 to 6 sections, results, awards, themes, goals), spread
   over 35 regencies' departments, each its own organisation;
2. a new database (SQLite by default), migrated, with a home page and an empty catalogue;
3. the first harvest (``harvest_source``, as ``kipp_harvest`` runs it): time, records per second, SQL queries
   per record, and the harvesting process's peak resident memory; then the background jobs it queued
   (Wagtail's reference index), timed apart, as a worker would run them;
4. a check: every record is a live page with one revision, in the catalogue's search;
5. an incremental run after 1% of the records changed at the source, and one after nothing changed.

Prints a Markdown table (also written to ``--out``) and exits with 1 when a check fails or (not with
``--smoke``) the first harvest of 20,000 takes more than 10 minutes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import setup_django  # noqa: E402

TARGET_SECONDS_PER_20000 = 600
REGIONS = 35


# The source portal (its own process) --------------------------------------------------------------------


def api_records(count: int, base_url: str) -> list[dict]:
    """``count`` records in the API's format, from the demo's innovations; each region its departments."""
    import datetime
    import random
    import uuid

    from seed_catalogue import REGIONS as PLACES

    from demo import data
    from demo.generate import build_innovations
    from tests.harvest_server import API_PATH

    specs = build_innovations()
    themes = data.THEMES_BY_SLUG
    rng = random.Random(2026)
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    records = []
    for number in range(count):
        spec = specs[number % len(specs)]
        region_index = (number // len(specs)) % REGIONS
        kind, place = PLACES[region_index % len(PLACES)]
        copy = number // (len(specs) * REGIONS)
        title = f"{spec.title.id} ({kind} {place})" + (f" {copy + 1}" if copy else "")
        slug = f"{spec.slug}-{kind}-{place}-{number}".lower()
        record_id = str(uuid.UUID(int=number + 1))
        url = f"{base_url}/katalog/{slug}/"
        api_url = f"{base_url}{API_PATH}innovations/{record_id}?locale=id"
        published = (start + datetime.timedelta(seconds=number * 60 + rng.randint(0, 59))).isoformat()
        body = []
        for block in spec.body:
            value = block["value"]
            if block["type"] == "section":
                body.append({"type": "section", "heading": value["heading"], "html": value["text"]})
            elif block["type"] == "result":
                body.append(
                    {"type": "result", **{key: value.get(key, "") for key in ("label", "before", "after")}}
                )
            elif block["type"] == "quote":
                body.append({"type": "quote", "text": value})
        records.append(
            {
                "id": record_id,
                "locale": "id",
                "title": title,
                "slug": slug,
                "url": url,
                "api_url": api_url,
                "summary": spec.summary.id,
                "body": body,
                "organisation": {
                    "slug": f"{spec.org.slug}-{kind}-{place}".lower(),
                    "name": f"{spec.org.name} {kind} {place}",
                    "acronym": spec.org.acronym[:40],
                    "kind": spec.org.kind,
                    "parent": None,
                    "website": "",
                    "region": "Pemerintah Provinsi Jawa Tengah",
                },
                "themes": [
                    {"slug": slug, "name": themes[slug].name, "name_en": themes[slug].name_en}
                    for slug in spec.themes
                ],
                "sdgs": [{"number": goal, "name": f"SDG {goal}", "name_en": ""} for goal in spec.sdgs],
                "stage": spec.stage,
                "innovation_form": spec.innovation_form,
                "initiator": spec.initiator,
                "is_digital": spec.is_digital,
                "still_running": spec.still_running,
                "started_on": spec.started_on.isoformat(),
                "year_started": spec.started_on.year,
                "image": None,
                "video_url": spec.video_url,
                "gallery": [],
                "documents": [],
                "awards": [
                    {
                        "year": award.year,
                        "competition": award.competition.id,
                        "level": award.level,
                        "tier": award.tier,
                        "note": award.note.id,
                    }
                    for award in spec.awards
                ],
                "replicates": [],
                "replicated_elsewhere": [line for line in spec.replicated_elsewhere.id.splitlines() if line],
                "translations": [{"locale": "id", "url": url, "api_url": api_url}],
                "first_published_at": published,
                "last_published_at": published,
            }
        )
    return records


def serve(count: int, port_queue) -> None:
    """The source portal's process: builds the records, serves them, and changes some on request."""
    import bisect
    import datetime
    import threading

    from tests.harvest_server import FakePortal

    class BenchPortal(FakePortal):
        """The records kept sorted, ``updated_since`` found by bisection; ``/_bench/change`` edits some."""

        def reorder(self):
            self.records.sort(key=lambda record: record["last_published_at"])
            self.times = [
                datetime.datetime.fromisoformat(record["last_published_at"]) for record in self.records
            ]

        def answer(self, path, query):
            if path == "/_bench/change":
                every = int(query["every"][0])
                now = datetime.datetime.now(datetime.UTC)
                with self.lock:
                    for position, record in enumerate(self.records[::every]):
                        record["title"] += " (diperbarui)"
                        record["last_published_at"] = (
                            now + datetime.timedelta(microseconds=position)
                        ).isoformat()
                    self.reorder()
                return 200, {"Content-Type": "application/json"}, b"{}"
            return super().answer(path, query)

        def listing(self, query):
            limit = int(query.get("limit", ["20"])[0])
            offset = int(query.get("offset", ["0"])[0])
            since = query.get("updated_since", [None])[0]
            with self.lock:
                first = 0
                if since:
                    moment = datetime.datetime.fromisoformat(since.replace(" ", "+"))
                    first = bisect.bisect_right(self.times, moment)
                records = self.records[first:]
                window = records[offset : offset + limit]
            params = {key: values[0] for key, values in query.items()}
            has_next = offset + limit < len(records)
            next_link = None
            if has_next:
                from urllib.parse import urlencode

                next_link = f"{self.api_url}innovations?{urlencode({**params, 'offset': offset + limit})}"
            return {
                "count": len(records),
                "limit": limit,
                "offset": offset,
                "next": next_link,
                "results": window,
            }

    portal = BenchPortal()
    portal.records = api_records(count, portal.base_url)
    portal.reorder()
    with portal:
        port_queue.put(portal.server.server_address[1])
        threading.Event().wait()


# The harvest ---------------------------------------------------------------------------------------------


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured_run(source, **options) -> dict:
    from django.db import connection

    from wagtail_kipp.exchange.harvest import harvest_source

    counter = QueryCounter()
    began = time.perf_counter()
    with connection.execute_wrapper(counter):
        report = harvest_source(source, **options)
    seconds = time.perf_counter() - began
    records = max(1, report.fetched)
    return {
        "report": report,
        "seconds": seconds,
        "rate": report.fetched / seconds if seconds else 0.0,
        "queries": counter.count,
        "per_record": counter.count / records,
        "memory": peak_memory_mb(),
    }


def run_queued_jobs() -> tuple[int, float]:
    """The background jobs the harvest queued (the dummy backend kept them), run now as a worker would."""
    from django_tasks import default_task_backend

    began = time.perf_counter()
    results = list(default_task_backend.results)
    default_task_backend.clear()
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    return len(results), time.perf_counter() - began


def run(args, database_url: str | None) -> int:
    setup_django.configure(database_url)
    import seed_catalogue
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from wagtail_kipp.exchange.harvest_client import setting

    vendor = connection.vendor
    port_queue = multiprocessing.get_context("fork").Queue()
    server = multiprocessing.get_context("fork").Process(target=serve, args=(args.innovations, port_queue))
    server.start()
    problems: list[str] = []
    try:
        began = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        _home, catalogue, _plain = seed_catalogue.site_pages()
        port = port_queue.get(timeout=300)
        api_url = f"http://127.0.0.1:{port}/api/kipp/v1/"
        print(f"migrated {vendor} in {time.monotonic() - began:.0f} s; source at {api_url}", flush=True)

        from wagtail_kipp.models import HarvestSource, InnovationPage, SearchDocument

        source = HarvestSource.objects.create(name="Jawa Tengah", api_url=api_url, catalogue=catalogue)
        memory_before = peak_memory_mb()
        tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        with override_settings(TASKS=tasks):
            first = measured_run(source)
            jobs, job_seconds = run_queued_jobs()
            print(f"  first run: {first['report'].summary} in {first['seconds']:.1f} s", flush=True)
            if first["report"].status != "ok":
                problems.append(f"first run: {first['report'].status} {first['report'].error}")

            live = InnovationPage.objects.live().count()
            revisions = InnovationPage.objects.filter(live_revision__isnull=False).count()
            documents = SearchDocument.objects.count()
            if not live == revisions == documents == args.innovations:
                problems.append(
                    f"{live} live pages, {revisions} with revisions, {documents} search documents"
                )
            found = catalogue_search_count(catalogue)
            if not found:
                problems.append("the catalogue's search finds none of the harvested innovations")

            import urllib.request

            every = 100
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_bench/change?every={every}", timeout=30).read()
            source.refresh_from_db()
            changed = measured_run(source)
            run_queued_jobs()
            expected = len(range(0, args.innovations, every))
            if changed["report"].updated != expected:
                problems.append(f"incremental run updated {changed['report'].updated}, expected {expected}")
            print(f"  1% changed: {changed['report'].summary} in {changed['seconds']:.1f} s", flush=True)
            source.refresh_from_db()
            again = measured_run(source)
            print(f"  nothing changed: {again['report'].summary} in {again['seconds']:.1f} s", flush=True)
    finally:
        server.terminate()
        server.join(timeout=30)

    database = "PostgreSQL" if vendor == "postgresql" else "SQLite"
    rows = [("first run (all records new)", first), ("1% changed", changed), ("nothing changed", again)]
    lines = [
        f"{args.innovations} innovations harvested from a local portal (127.0.0.1, pages of "
        f"{setting('HARVEST_PAGE_SIZE')}) into {database}; Wagtail search backend "
        f"`{settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}`.",
        "",
        "| Run | fetched | created | updated | unchanged | seconds | records/s | queries | queries/record |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in rows:
        report = row["report"]
        lines.append(
            f"| {name} | {report.fetched} | {report.created} | {report.updated} | {report.unchanged} | "
            f"{row['seconds']:.1f} | {row['rate']:.0f} | {row['queries']} | {row['per_record']:.2f} |"
        )
    lines += [
        "",
        f"Background jobs queued by the first run ({jobs}: Wagtail's reference index of the new pages, the "
        "Wagtail search index the catalogue does not search through, the new organisations' index), run "
        f"afterwards as a worker would: {job_seconds:.1f} s.",
        f"Peak resident memory of the harvesting process: {first['memory']:.0f} MB "
        f"({first['memory'] - memory_before:+.0f} MB during the first run).",
        f"Checks: {live} live pages with a published revision, {documents} catalogue search documents, "
        f"the catalogue's search shows {found} on its first page for one of their words.",
    ]
    output = "\n".join(lines)
    print(output)
    if args.out:
        Path(args.out).write_text(output + "\n")
    if not args.smoke and first["seconds"] > TARGET_SECONDS_PER_20000 * args.innovations / 20000:
        problems.append(f"first run {first['seconds']:.0f} s, target {TARGET_SECONDS_PER_20000} s per 20,000")
    for problem in problems:
        print("FAILED:", problem)
    return 1 if problems else 0


def catalogue_search_count(catalogue) -> int:
    """How many innovations the first page of the catalogue's own search shows for a word of the demo."""
    from django.test import Client
    from django.utils import translation

    with translation.override("en"):  # the site's middleware activates its language for the request
        response = Client().get(catalogue.url, {"q": "dokumen"}, HTTP_HOST="localhost")
    if response.status_code != 200:
        return 0
    return response.content.decode().count('<li class="kipp-card">')


def english_run(args, database_url: str | None) -> int:
    """``run`` with the reports' words in English, whatever the site's language."""
    from django.utils import translation

    setup_django.configure(database_url)
    with translation.override("en"):
        return run(args, database_url)


def main(argv=None) -> int:
    import bench_catalogue

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    bench_catalogue.add_run_arguments(parser, innovations=20000, seconds=0.0)
    parser.add_argument(
        "--postgres", action="store_true", help="a throw-away PostgreSQL cluster (servers.py)"
    )
    parser.add_argument("--pg-port", type=int, default=55441)
    args = parser.parse_args(argv)
    bench_catalogue.prepare(args)
    os.environ.setdefault("DJANGO_DEBUG", "0")
    if args.postgres or args.postgres_url:
        return bench_catalogue.with_database(args, lambda database_url: english_run(args, database_url))
    return english_run(args, args.database_url)


if __name__ == "__main__":
    sys.exit(main())
