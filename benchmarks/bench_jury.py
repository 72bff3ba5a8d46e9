"""Benchmark of a national-size desk evaluation in the database: 3,000 entries x 5 jurors x 5 criteria.

Run from the repository root (a fresh SQLite file by default; ``DATABASE_URL`` for PostgreSQL)::

    .venv/bin/python benchmarks/bench_jury.py [--entries 3000]

Seeds one round, then measures: computing the stage's results, first and again (``results.compute_stage``:
reading every review, aggregation, ranking, quotas and storing 3,000 results with their explanations), and the
secretariat's
ranking screen (server time and SQL queries) at 300 and at 3,000 entries, to show that the number of queries
does not grow with the entries. Prints a table; exits with 1 if the query count grows.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "example_site"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='kipp-bench-')}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from wagtail_kipp.judging import results  # noqa: E402
from wagtail_kipp.judging.criteria_presets import apply_preset  # noqa: E402
from wagtail_kipp.models import (  # noqa: E402
    Assignment,
    CompetitionPage,
    Entry,
    EntryGroup,
    EntryStatus,
    Organisation,
    PanelMember,
    ProposalTemplate,
    ReviewStatus,
    Score,
    Stage,
)

SEED = 2026
JURORS_PER_ENTRY = 5
JUROR_POOL = 40
SCREEN_RUNS = 5


def seed(entries: int, label: str) -> CompetitionPage:
    rng = random.Random(f"{SEED}-{label}")
    now = timezone.now()
    home = Page.objects.filter(depth=2).first()
    page = CompetitionPage(title=f"Benchmark {label}", slug=f"benchmark-{label}", year=2026)
    page.stages = [
        Stage(
            kind="entry",
            opens_at=now - datetime.timedelta(days=60),
            closes_at=now - datetime.timedelta(days=30),
        ),
        Stage(
            kind="desk_evaluation",
            opens_at=now - datetime.timedelta(days=20),
            closes_at=now + datetime.timedelta(days=5),
            advancing=99,
            reviewers_per_entry=JURORS_PER_ENTRY,
            aggregation="trimmed_mean",
            normalise=True,
            max_per_organisation=3,
        ),
    ]
    template = ProposalTemplate.objects.filter(preset="kipp2023_umum").first()
    page.entry_groups = [
        EntryGroup(name=name, slug=name.lower(), kind=name.lower(), template=template)
        for name in ("Umum", "Replikasi")
    ]
    home.add_child(instance=page)
    apply_preset(page, "desk_evaluation")
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Bench {label} OPD {n}", slug=f"bench-{label}-{n}", kind="dinas")
            for n in range(300)
        ]
    )
    groups = list(page.entry_groups.all())
    Entry.objects.bulk_create(
        [
            Entry(
                competition=page,
                organisation=organisations[n % len(organisations)],
                group=groups[n % 2],
                title=f"Inovasi {label} {n}",
                status=EntryStatus.ELIGIBLE,
                reference_number=n + 1,
                reference=f"KIPP-2026-{n + 1:04d}",
            )
            for n in range(entries)
        ],
        batch_size=1000,
    )
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(username=f"bench-{label}-juri-{n}", email=f"j{n}@{label}.example")
            for n in range(JUROR_POOL)
        ]
    )
    members = PanelMember.objects.bulk_create(
        [
            PanelMember(
                competition=page,
                user=user,
                name=user.username,
                email=user.email,
                stage_kinds=["desk_evaluation"],
                pledge_accepted_at=now,
            )
            for user in users
        ]
    )
    criteria = [c.key for c in page.criteria.all()]
    leniency = {member.pk: rng.uniform(-1, 1) for member in members}
    assignments = []
    for entry in Entry.objects.filter(competition=page).only("pk"):
        for member in rng.sample(members, JURORS_PER_ENTRY):
            assignments.append(
                Assignment(
                    panel_member=member,
                    entry=entry,
                    stage_kind="desk_evaluation",
                    status=ReviewStatus.SUBMITTED,
                )
            )
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    scores = []
    for assignment in Assignment.objects.filter(entry__competition=page).only("pk", "panel_member_id"):
        quality = rng.uniform(4, 9)
        for key in criteria:
            value = max(
                1, min(10, round(quality + leniency[assignment.panel_member_id] + rng.uniform(-1, 1)))
            )
            scores.append(Score(assignment=assignment, criterion_key=key, value=value))
    Score.objects.bulk_create(scores, batch_size=5000)
    return page


def measure_screen(client: Client, page: CompetitionPage) -> tuple[float, int]:
    url = reverse("kipp_results:ranking", args=[page.pk, "desk_evaluation"])
    timings, queries = [], 0
    for _run in range(SCREEN_RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries = len(captured.captured_queries)
    return statistics.median(timings), queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3000)
    args = parser.parse_args()
    settings.DEBUG = False
    print(f"database: {connection.vendor}; migrating...", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    admin = get_user_model().objects.filter(
        username="bench-admin"
    ).first() or get_user_model().objects.create_superuser("bench-admin", "bench@example.com", "pw")
    client = Client()
    client.force_login(admin)
    rows = []
    for size in (args.entries // 10, args.entries):
        started = time.perf_counter()
        page = seed(size, f"n{size}-{int(time.time())}")
        seeded = time.perf_counter() - started
        started = time.perf_counter()
        results.compute_stage(admin, page, "desk_evaluation")
        computed = time.perf_counter() - started
        started = time.perf_counter()
        results.compute_stage(admin, page, "desk_evaluation")  # again: every result is updated
        recomputed = time.perf_counter() - started
        screen, queries = measure_screen(client, page)
        rows.append((size, seeded, computed, recomputed, screen, queries))
    headings = ("entries", "reviews", "seed s", "compute s", "again s", "screen ms", "queries")
    print(" ".join(f"{heading:>10}" for heading in headings))
    for size, seeded, computed, recomputed, screen, queries in rows:
        reviews = size * JURORS_PER_ENTRY
        print(
            f"{size:>10} {reviews:>10} {seeded:>10.1f} {computed:>10.2f} {recomputed:>10.2f} "
            f"{screen * 1000:>10.0f} {queries:>10}"
        )
    constant = rows[0][-1] == rows[-1][-1]
    print("queries per ranking screen constant:", "yes" if constant else "NO")
    return 0 if constant else 1


if __name__ == "__main__":
    sys.exit(main())
