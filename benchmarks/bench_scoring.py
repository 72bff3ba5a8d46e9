"""Benchmark of the pure scoring functions on a national-size stage: 5,000 entries x 5 jurors x 6 criteria.

Run from the repository root (no Django settings needed)::

    .venv/bin/python benchmarks/bench_scoring.py

Prints the median of 5 runs of each step and the total of the medians; the target is a total under 2 s.
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wagtail_kipp.judging.assignment import EntryNeeds, JurorFacts, plan_assignments  # noqa: E402
from wagtail_kipp.judging.scoring import (  # noqa: E402
    CriterionSpec,
    EntryFacts,
    Quotas,
    ReviewInput,
    StageOptions,
    aggregate,
    agreement_report,
    rank,
    shortlist,
)

SEED = 2026
ENTRIES = 5_000
JURORS_PER_ENTRY = 5
JUROR_POOL = 50
RUNS = 5
TARGET_SECONDS = 2.0

CRITERIA = [
    CriterionSpec("kebaruan", 3, 1, 10),
    CriterionSpec("efektivitas", 3, 1, 10),
    CriterionSpec("dampak", 2, 0, 100),
    CriterionSpec("keberlanjutan", 1, 0, 100),
    CriterionSpec("replikasi", 1, 1, 10),
    CriterionSpec("dokumen_lengkap", 0.5, 0, 1),  # a checklist item
]
GROUPS = ["kementerian", "provinsi", "kabupaten", "kota", "bumn_bumd"]


def build_stage(rnd: random.Random):
    """Reviews of every entry by 5 of 50 jurors (with their own leniency), plus the facts quotas need."""
    leniency = {juror: rnd.gauss(0, 1) for juror in range(JUROR_POOL)}
    reviews = []
    for entry in range(ENTRIES):
        quality = rnd.random()
        for juror in rnd.sample(range(JUROR_POOL), JURORS_PER_ENTRY):
            values = {}
            for criterion in CRITERIA:
                span = criterion.scale_max - criterion.scale_min
                if span == 1:
                    values[criterion.key] = 1 if rnd.random() < 0.9 else 0
                    continue
                level = quality + 0.1 * leniency[juror] + rnd.gauss(0, 0.15)
                value = criterion.scale_min + span * min(1.0, max(0.0, level))
                values[criterion.key] = round(value) if span <= 10 else round(value, 1)
            roll = rnd.random()
            reviews.append(ReviewInput(juror, entry, values, submitted=roll >= 0.01, conflicted=roll >= 0.99))
    facts = {
        entry: EntryFacts(
            group=rnd.choice(GROUPS), organisation=rnd.randrange(600), organisation_kind=rnd.choice("ABC")
        )
        for entry in range(ENTRIES)
    }
    return reviews, facts


def median_time(function, *args, **kwargs):
    """The median wall time of ``RUNS`` calls, and the last result."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    reviews, facts = build_stage(random.Random(SEED))
    print(
        f"{ENTRIES:,} entries x {JURORS_PER_ENTRY} jurors (pool of {JUROR_POOL}) x {len(CRITERIA)} criteria "
        f"= {len(reviews):,} reviews; median of {RUNS} runs"
    )
    steps = {}
    steps["aggregate: mean"], _ = median_time(aggregate, reviews, CRITERIA, StageOptions())
    steps["aggregate: trimmed mean"], _ = median_time(
        aggregate, reviews, CRITERIA, StageOptions(aggregation="trimmed_mean", trim_from=5)
    )
    steps["aggregate: z-score + mean"], _ = median_time(
        aggregate, reviews, CRITERIA, StageOptions(normalise=True)
    )
    steps["aggregate: z-score + trimmed mean"], results = median_time(
        aggregate, reviews, CRITERIA, StageOptions(normalise=True, aggregation="trimmed_mean", min_reviews=3)
    )
    scores = {entry: result.score for entry, result in results.items()}
    tie_breakers = {
        entry: [(key, result.criterion_means[key]) for key in ("kebaruan", "dampak")]
        for entry, result in results.items()
        if result.criterion_means
    }
    steps["rank (with tie-breakers)"], ranking = median_time(rank, scores, tie_breakers)
    quotas = Quotas(
        top_n=99, per_group={"kementerian": 30, "bumn_bumd": 15}, max_per_organisation=3, passing_score=50
    )
    steps["shortlist (top 99 with quotas)"], selection = median_time(shortlist, ranking, facts, quotas)
    steps["agreement report"], report = median_time(agreement_report, results)

    width = max(len(name) for name in steps)
    for name, seconds in steps.items():
        print(f"  {name:<{width}}  {seconds * 1000:8.1f} ms")
    total = sum(steps.values())
    print(f"  {'total':<{width}}  {total * 1000:8.1f} ms  (target < {TARGET_SECONDS:.0f} s)")
    ranked = sum(1 for line in ranking if line.rank is not None)
    print(
        f"  ranked {ranked:,}, shortlisted {len(selection.selected)}, flagged {len(report.flagged):,}, "
        f"jurors {len(report.jurors)}"
    )

    # Not part of the scoring total: planning the same stage's jury from scratch.
    conflicts = [(review.juror, review.entry) for review in reviews if review.conflicted]
    seconds, plan = median_time(
        plan_assignments,
        [EntryNeeds(entry) for entry in range(ENTRIES)],
        [JurorFacts(juror) for juror in range(JUROR_POOL)],
        JURORS_PER_ENTRY,
        conflicts,
    )
    print(f"  {'plan_assignments (separate)':<{width}}  {seconds * 1000:8.1f} ms  ({len(plan.add):,} pairs)")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
