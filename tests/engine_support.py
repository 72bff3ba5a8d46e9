"""
Fixtures for tests against a real search engine node (OpenSearch on 127.0.0.1:9200 by default).

Without a node the tests are skipped with the reason; ``KIPP_REQUIRE_OPENSEARCH=1`` (set by ``.ci/run``, which
starts a node with ``scripts/opensearch/start.sh``) makes a missing node a failure instead.
"""

from __future__ import annotations

import os
import uuid
from urllib.error import URLError
from urllib.request import urlopen

import pytest

from wagtail_kipp.search_settings import opensearch_backend

OPENSEARCH_URL = os.environ.get("KIPP_OPENSEARCH_URL", "http://127.0.0.1:9200")


def node_available() -> bool:
    try:
        with urlopen(OPENSEARCH_URL, timeout=2) as response:  # noqa: S310 (a loopback URL of the tests)
            return response.status == 200
    except (URLError, OSError, ValueError):
        return False


def require_node() -> None:
    if node_available():
        return
    reason = f"no OpenSearch node at {OPENSEARCH_URL} (bash scripts/opensearch/start.sh DIR starts one)"
    if os.environ.get("KIPP_REQUIRE_OPENSEARCH") == "1":
        pytest.fail(reason + "; KIPP_REQUIRE_OPENSEARCH=1 requires one")
    pytest.skip(reason)


@pytest.fixture
def search_engine(settings):
    """The catalogue engine on the test node, with indexes of its own (deleted afterwards)."""
    require_node()
    from wagtail_kipp.catalogue.engine import get_engine

    prefix = f"kipptest_{uuid.uuid4().hex[:10]}_"
    settings.WAGTAILSEARCH_BACKENDS = {"default": opensearch_backend(OPENSEARCH_URL, index_prefix=prefix)}
    settings.WAGTAIL_KIPP_SEARCH_ENGINE_REPLICAS = 0
    engine = get_engine()
    assert engine is not None
    engine.ensure_index()
    yield engine
    engine.client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)
