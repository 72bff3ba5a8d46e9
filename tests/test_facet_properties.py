"""Property test: every facet count equals a brute-force count over the same innovations in Python."""

import datetime
import random

import pytest
from django.http import QueryDict
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_kipp.catalogue.listing import Catalogue
from wagtail_kipp.models import AwardLevel, AwardTier, InnovationStage

THEMES = ["kesehatan", "pendidikan", "lingkungan"]
YEARS = [2018, 2020, 2023]
LEVELS = [AwardLevel.LOCAL, AwardLevel.PROVINCIAL, AwardLevel.NATIONAL]
TIERS = [AwardTier.WINNER_1, AwardTier.TOP_99, AwardTier.FINALIST]
STAGES = list(InnovationStage.values)


@pytest.fixture
def dataset(catalogue, make_innovation, make_organisation, make_theme):
    rng = random.Random(7)
    themes = {slug: make_theme(slug.title(), slug=slug) for slug in THEMES}
    organisations = [make_organisation(kind=kind) for kind in ("dinas", "dinas", "kecamatan", "puskesmas")]
    records = []
    for _ in range(30):
        chosen_themes = rng.sample(THEMES, rng.randint(0, 2))
        sdgs = rng.sample([1, 3, 4, 11], rng.randint(0, 2))
        awards = [
            {"year": 2024, "competition": "KIPP", "level": rng.choice(LEVELS), "tier": rng.choice(TIERS)}
            for _ in range(rng.randint(0, 2))
        ]
        organisation = rng.choice(organisations)
        fields = {
            "started_on": datetime.date(rng.choice(YEARS), 6, 1),
            "stage": rng.choice(STAGES),
            "is_digital": rng.random() < 0.5,
            "still_running": rng.random() < 0.7,
        }
        page = make_innovation(
            organisation=organisation,
            themes=[themes[slug] for slug in chosen_themes],
            sdgs=sdgs,
            awards=awards,
            **fields,
        )
        records.append(
            {
                "pk": page.pk,
                "year": {str(fields["started_on"].year)},
                "organisation": {organisation.slug},
                "kind": {organisation.kind},
                "theme": set(chosen_themes),
                "sdg": {str(number) for number in sdgs},
                "stage": {fields["stage"]},
                "digital": {"1" if fields["is_digital"] else "0"},
                "award_level": {award["level"] for award in awards},
                "award_tier": {award["tier"] for award in awards},
                "running": {"1" if fields["still_running"] else "0"},
            }
        )
    return records


filters = st.fixed_dictionaries(
    {},
    optional={
        "theme": st.lists(st.sampled_from(THEMES), min_size=1, max_size=2, unique=True),
        "year": st.lists(st.sampled_from([str(y) for y in YEARS]), min_size=1, max_size=2, unique=True),
        "digital": st.lists(st.sampled_from(["0", "1"]), min_size=1, max_size=2, unique=True),
        "award_level": st.lists(st.sampled_from(LEVELS), min_size=1, max_size=2, unique=True),
        "stage": st.lists(st.sampled_from(STAGES), min_size=1, max_size=1),
        "sdg": st.lists(st.sampled_from(["1", "3", "4", "11"]), min_size=1, max_size=2, unique=True),
    },
)


def matches(record, chosen, skip=None):
    return all(record[name] & set(values) for name, values in chosen.items() if name != skip)


@pytest.mark.parametrize("facet_index", [True, False], ids=["facet index", "database counts"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters)
def test_facet_counts_equal_brute_force(catalogue, dataset, chosen, facet_index):
    with override_settings(WAGTAIL_KIPP_CATALOGUE_FACET_INDEX=facet_index, WAGTAIL_KIPP_CATALOGUE_CACHE=""):
        check_counts(catalogue, dataset, chosen, facet_index)


def check_counts(catalogue, dataset, chosen, facet_index):
    query = QueryDict(mutable=True)
    for name, values in chosen.items():
        query.setlist(name, values)
    request = RequestFactory().get("/katalog/?" + query.urlencode())
    result = Catalogue(request, catalogue.get_innovations())

    assert (result.facet_index is not None) == facet_index
    assert result.result_count == sum(matches(record, chosen) for record in dataset)
    listed = {innovation.pk for innovation in result.page.object_list}
    assert listed <= {record["pk"] for record in dataset if matches(record, chosen)}
    for facet in result.facets:
        for option in facet.options:
            expected = sum(
                option.value in record[facet.name] and matches(record, chosen, skip=facet.name)
                for record in dataset
            )
            assert option.count == expected, (facet.name, option.value, chosen)
        offered = {option.value for option in facet.options}
        possible = {
            value
            for record in dataset
            if matches(record, chosen, skip=facet.name)
            for value in record[facet.name]
        }
        assert possible <= offered, (facet.name, possible - offered)
