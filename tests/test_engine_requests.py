"""
The catalogue's engine queries, checked without a node: the request bodies that opensearch-py's DSL and the
Elasticsearch client's DSL build from the same code, the index settings, and reading a response.
"""

import pytest

from wagtail_kipp.catalogue.engine import (
    SORTS,
    Dsl,
    flavour_of,
    index_body,
    read_response,
    search_request,
)
from wagtail_kipp.search_settings import index_settings, opensearch_backend

FACETS = ["year", "theme", "digital"]


def body(flavour, **changes):
    arguments = {
        "scope": {"parent": 7, "public": True},
        "query": "",
        "language": "id",
        "selected": {},
        "facet_names": FACETS,
        "ordering": ("-started_on", "-pk"),
        "start": 0,
        "size": 24,
    }
    arguments.update(changes)
    return search_request(Dsl.of(flavour), "kipp_catalogue", **arguments).to_dict()


@pytest.mark.parametrize("flavour", ["opensearch", "elasticsearch"])
def test_facet_counts_leave_out_their_own_filter(flavour):
    request = body(flavour, selected={"year": ["2020", "2021"], "theme": ["kesehatan"]})
    assert request["query"] == {"bool": {"filter": [{"term": {"parent": 7}}, {"term": {"public": True}}]}}
    # The results: every selected facet (values of one facet are alternatives).
    assert request["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"facet_theme": ["kesehatan"]}},
                {"terms": {"facet_year": ["2020", "2021"]}},
            ]
        }
    }
    aggs = request["aggs"]
    assert aggs["year"]["filter"] == {"bool": {"filter": [{"terms": {"facet_theme": ["kesehatan"]}}]}}
    assert aggs["theme"]["filter"] == {"bool": {"filter": [{"terms": {"facet_year": ["2020", "2021"]}}]}}
    assert aggs["digital"]["filter"]["bool"]["filter"] == request["post_filter"]["bool"]["filter"]
    assert aggs["digital"]["aggs"]["values"]["terms"]["field"] == "facet_digital"
    assert request["sort"] == SORTS[("-started_on", "-pk")]
    assert (request["from"], request["size"], request["track_total_hits"]) == (0, 24, True)
    assert request["_source"] is False


def test_both_client_libraries_send_the_same_request():
    for changes in (
        {},
        {"query": "layanan kesehatan", "ordering": None},
        {"selected": {"digital": ["1"]}, "ordering": ("title", "pk"), "start": 48},
        {"ordering": ("-award_count", "-started_on", "-pk"), "language": "en"},
    ):
        assert body("opensearch", **changes) == body("elasticsearch", **changes)


def test_search_is_relevance_ordered_over_the_page_language_fields():
    request = body("opensearch", query="layanan", language="en", ordering=None)
    match = request["query"]["bool"]["must"][0]["multi_match"]
    assert match["query"] == "layanan" and match["operator"] == "and"
    assert match["fields"] == ["title_en^4", "keywords_en^2", "summary_en^1.5", "body_en^1"]
    assert request["sort"] == ["_score", {"pk": {"order": "asc"}}] or request["sort"] == [
        "_score",
        {"pk": "asc"},
    ]
    unknown = body("opensearch", query="x", language="fr", ordering=None)
    assert unknown["query"]["bool"]["must"][0]["multi_match"]["fields"][0] == "title_other^4"


def test_index_analyses_indonesian_and_english_and_folds_accents(settings):
    settings.WAGTAIL_KIPP_SEARCH_ENGINE_REPLICAS = 2
    index = index_body(FACETS)
    analysis = index["settings"]["analysis"]
    assert analysis["analyzer"]["kipp_id"]["filter"] == [
        "lowercase",
        "asciifolding",
        "kipp_id_stop",
        "kipp_id_stemmer",
    ]
    assert analysis["filter"]["kipp_id_stemmer"] == {"type": "stemmer", "language": "indonesian"}
    assert analysis["filter"]["kipp_id_stop"] == {"type": "stop", "stopwords": "_indonesian_"}
    assert analysis["filter"]["kipp_en_stemmer"]["language"] == "english"
    assert analysis["analyzer"]["kipp_other"]["filter"] == ["lowercase", "asciifolding"]
    properties = index["mappings"]["properties"]
    assert properties["title_id"] == {"type": "text", "analyzer": "kipp_id"}
    assert properties["facet_theme"] == {"type": "keyword"}
    assert index["settings"]["index"]["number_of_replicas"] == 2
    assert index["mappings"]["dynamic"] == "strict"


def test_wagtail_backend_settings_make_indonesian_the_default_analyzer():
    entry = opensearch_backend("http://127.0.0.1:9200", index_prefix="jateng_", major_version=3)
    assert entry["BACKEND"] == "modelsearch.backends.opensearch3"
    assert entry["INDEX_PREFIX"] == "jateng_"
    default = entry["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert default["filter"][-1] == "kipp_default_stemmer"
    assert index_settings(None)["settings"]["analysis"]["filter"] == {}


def test_a_response_becomes_keys_total_and_counts():
    response = {
        "took": 3,
        "hits": {"total": {"value": 57, "relation": "eq"}, "hits": [{"_id": "12"}, {"_id": "5"}]},
        "aggregations": {
            "year": {"doc_count": 57, "values": {"buckets": [{"key": "2020", "doc_count": 40}]}},
            "theme": {"doc_count": 0, "values": {"buckets": []}},
        },
    }
    result = read_response(response, 24, ["year", "theme", "digital"])
    assert (result.total, result.keys, result.start) == (57, [12, 5], 24)
    assert result.counts == {"year": {"2020": 40}, "theme": {}, "digital": {}}


def test_only_engine_backends_have_a_flavour():
    from wagtail.search.backends import get_search_backend

    assert flavour_of(get_search_backend("default")) is None


def test_an_unreachable_engine_leaves_the_catalogue_to_the_database(
    settings, client, catalogue, make_innovation, caplog
):
    make_innovation("SI-CANTIK")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": opensearch_backend("http://127.0.0.1:9", index_prefix="nowhere_", TIMEOUT=1)
    }
    settings.WAGTAIL_KIPP_CATALOGUE_CACHE = ""
    response = client.get("/katalog/?q=cantik&digital=1")
    assert response.status_code == 200
    assert "Pencarian sedang tidak tersedia" in response.content.decode()  # "The search is unavailable"
    response = client.get("/katalog/")
    assert response.status_code == 200 and "SI-CANTIK" in response.content.decode()
    assert "search engine failed" in caplog.text


def test_a_catalogue_listing_other_innovations_does_not_use_the_engine(catalogue, monkeypatch):
    from wagtail_kipp.models import InnovationIndexPage

    assert catalogue.get_engine_scope() == {"parent": catalogue.pk, "public": True}
    monkeypatch.setattr(
        InnovationIndexPage,
        "get_innovations",
        lambda self: super(InnovationIndexPage, self).get_innovations(),
    )
    assert catalogue.get_engine_scope() is None


def test_counts_and_hits_are_sent_as_two_searches():
    """The aggregations alone (size 0) are cacheable by the engine; the hits carry the filters and window."""
    from wagtail_kipp.catalogue.engine import split_request

    request = body("opensearch", selected={"year": ["2020"]}, start=48)
    hits, counts = split_request(request)
    assert "aggs" not in hits and hits["post_filter"] == request["post_filter"]
    assert (hits["from"], hits["size"], hits["track_total_hits"]) == (48, 24, True)
    assert counts == {
        "query": request["query"],
        "aggs": request["aggs"],
        "size": 0,
        "track_total_hits": False,
    }
