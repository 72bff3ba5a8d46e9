"""
The open data API fuzzed by schemathesis against its own OpenAPI document: no server error, and every answer
(status, content type, headers, body) as the document says. In-process through WSGI, on the test database.
"""

from __future__ import annotations

import datetime
import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.judged import publish, publish_final

SCHEMA_PATH = "/api/kipp/v1/openapi.json"


@pytest.fixture
def open_data(judged, make_innovation, make_theme, make_organisation):
    """A catalogue and a round with published results: answers with content to check, not only empty lists."""
    theme = make_theme("Kesehatan", "Health", slug="kesehatan")
    organisation = make_organisation("Puskesmas Utara", kind="puskesmas", slug="pkm-utara")
    for number in range(3):
        page = make_innovation(
            f"Inovasi Uji {number}",
            organisation=organisation,
            themes=[theme],
            sdgs=[3],
            started_on=datetime.date(2021, 1, 1),
            body=[{"type": "section", "value": {"heading": "Cara kerja", "text": "<p>Teks.</p>"}}],
            awards=[{"year": 2024, "competition": "KIPP Kota", "level": "lokal", "tier": "juara_1"}],
        )
        page.save_revision().publish()
    publish(judged)
    publish_final(judged)


@pytest.fixture
def api_schema(open_data):
    # Requests run in this thread on the test's connection: keep Django from closing it between them, as its
    # test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(SCHEMA_PATH, WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


#: Parameters whose valid values depend on the site's data (organisations, themes), or on another parameter
#: (``order=relevance`` needs ``q``): a schema-valid value may be a documented 400 naming one of them.
DATA_DEPENDENT = {"organisation", "theme", "order"}


def rejected_only_for_data(ctx, response, case):
    """Instead of schemathesis's positive-data check: a 400 to schema-valid input names a data-dependent
    parameter, and only such parameters."""
    if response.status_code == 400:
        named = {error["parameter"] for error in json.loads(response.content)["errors"]}
        assert named and named <= DATA_DEPENDENT, f"schema-valid input rejected for {named}"


def fuzz(strategy, examples: int, positive: bool = True) -> None:
    """Check ``examples`` cases drawn from ``strategy`` (the checks of ``call_and_validate``)."""

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def check(case):
        if positive:
            case.call_and_validate(
                excluded_checks=[positive_data_acceptance], additional_checks=[rejected_only_for_data]
            )
        else:
            case.call_and_validate()

    check()


def operations(api_schema) -> dict:
    return {
        operation.label: operation
        for operation in (result.ok() for result in api_schema.get_all_operations())
    }


# Schemathesis's own pytest integration (``schema.parametrize``) does not run on pytest 9.2: it sets
# ``Function._nodeid``. Its strategies are driven here with Hypothesis directly, one operation at a time.


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_to_its_schema(api_schema, mode):
    found = operations(api_schema)
    assert len(found) == 7, sorted(found)
    for label, operation in found.items():
        if mode == GenerationMode.NEGATIVE and label == "GET /api/kipp/v1/":
            continue  # no parameters: no invalid request to make
        fuzz(operation.as_strategy(mode), examples=30, positive=mode == GenerationMode.POSITIVE)


@pytest.mark.django_db
def test_the_detail_answers_keep_to_the_schema_for_real_ids(api_schema, judged):
    from wagtail_kipp.models import InnovationPage

    found = operations(api_schema)
    innovation = InnovationPage.objects.live().first()
    targets = {
        "GET /api/kipp/v1/innovations/{id}": innovation.translation_key,
        "GET /api/kipp/v1/rounds/{id}": judged.page.translation_key,
        "GET /api/kipp/v1/rounds/{id}/results": judged.page.translation_key,
    }
    for label, key in targets.items():
        fuzz(found[label].as_strategy(path_parameters={"id": str(key)}), examples=10)
