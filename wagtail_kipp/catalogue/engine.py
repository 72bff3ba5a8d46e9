"""
The catalogue in a search engine: OpenSearch, or Elasticsearch through the same code.

When Wagtail's search backend is an OpenSearch or Elasticsearch backend of modelsearch, the catalogue keeps
one document per live innovation in an index of its own (``<INDEX_PREFIX>kipp_catalogue``, behind an alias so
that a rebuild swaps it atomically), with the texts analysed per language and one keyword field per facet. A
catalogue request is then one engine query: the search and the catalogue's scope as the query, the selected
filters as a ``post_filter``, and per facet a ``terms`` aggregation under every *other* selected filter
(disjunctive faceting, as ``facets.compute_facets`` counts in the database), with a page of keys in order.

The query is built with the client library's own DSL (``Search``, ``Q``, ``A``), reached through ``Dsl`` so
that opensearch-py's ``opensearchpy.helpers`` and the Elasticsearch client's ``elasticsearch.dsl`` drive the
same code; ``search_request`` is pure and its body can be checked without a node.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet

from ..conf import settings as kipp_settings
from .facets import FacetSpec, _as_value
from .search_index import document_for, innovation_models

logger = logging.getLogger(__name__)

INDEX_NAME = "kipp_catalogue"
#: Text fields of a document and their weight in the search (as title A, keywords B, summary C in PostgreSQL).
TEXT_FIELDS = {"title": 4.0, "keywords": 2.0, "summary": 1.5, "body": 1.0}
#: Innovations per bulk request when (re)indexing.
BATCH = 500
#: Facet options counted per facet; more than any catalogue has organisations.
MAX_OPTIONS = 10000
#: ``index.max_result_window``: the deepest result a page may reach (50,000 innovations, pages of 24).
MAX_RESULT_WINDOW = 200000

#: The catalogue's sort orders (``listing.SORTS``) in engine terms; ``pk`` breaks ties as in the database.
SORTS = {
    ("-started_on", "-pk"): [{"started_on": {"order": "desc", "missing": "_last"}}, {"pk": "desc"}],
    ("title", "pk"): [{"title_sort": "asc"}, {"pk": "asc"}],
    ("-award_count", "-started_on", "-pk"): [
        {"award_count": "desc"},
        {"started_on": {"order": "desc", "missing": "_last"}},
        {"pk": "desc"},
    ],
}
RELEVANCE_SORT = ["_score", {"pk": "asc"}]


# -- the DSL of the client in use -------------------------------------------------------------------------


@dataclass(frozen=True)
class Dsl:
    """``Search``, ``Q`` and ``A`` of one client library: ``opensearch`` or ``elasticsearch``."""

    flavour: str
    Search: Any
    Q: Any
    A: Any

    @classmethod
    def of(cls, flavour: str) -> Dsl:
        if flavour == "opensearch":
            from opensearchpy.helpers.aggs import A
            from opensearchpy.helpers.query import Q
            from opensearchpy.helpers.search import Search
        elif flavour == "elasticsearch":
            from elasticsearch.dsl import A, Q, Search
        else:
            raise ValueError(f"Unknown search engine flavour {flavour!r}: 'opensearch' or 'elasticsearch'.")
        return cls(flavour, Search, Q, A)


def flavour_of(backend) -> str | None:
    """``opensearch`` or ``elasticsearch`` for a modelsearch engine backend; None for database backends."""
    module = type(backend).__module__
    for flavour in ("opensearch", "elasticsearch"):
        if f".{flavour}" in module and hasattr(backend, "es"):
            return flavour
    return None


# -- the index --------------------------------------------------------------------------------------------


def analyzers() -> dict[str, str]:
    """Analyzer name per content language (``WAGTAIL_KIPP_SEARCH_ENGINE_ANALYZERS``)."""
    return {code.lower(): name for code, name in kipp_settings.SEARCH_ENGINE_ANALYZERS.items()}


def languages() -> list[str]:
    """The content languages whose texts get fields of their own (the site's languages)."""
    codes = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]
    return sorted({code.split("-")[0].lower() for code in codes})


def field_language(language_code: str) -> str:
    """The language suffix of a page's text fields: its language if the index has fields for it."""
    code = (language_code or "").split("-")[0].lower()
    return code if code in languages() else "other"


def index_body(facet_names: Iterable[str]) -> dict:
    """Settings and mappings of the catalogue index."""
    analysis = language_analysis()
    properties: dict[str, Any] = {
        "pk": {"type": "long"},
        "parent": {"type": "long"},
        "path": {"type": "keyword"},
        "locale": {"type": "keyword"},
        "public": {"type": "boolean"},
        "started_on": {"type": "date"},
        "title_sort": {"type": "keyword"},
        "award_count": {"type": "integer"},
        "last_published_at": {"type": "date"},
    }
    for language in [*languages(), "other"]:
        for name in TEXT_FIELDS:
            properties[f"{name}_{language}"] = {"type": "text", "analyzer": f"kipp_{language}"}
    for name in facet_names:
        properties[facet_field(name)] = {"type": "keyword"}
    return {
        "settings": {
            "index": {
                "number_of_shards": kipp_settings.SEARCH_ENGINE_SHARDS,
                "number_of_replicas": kipp_settings.SEARCH_ENGINE_REPLICAS,
                "max_result_window": MAX_RESULT_WINDOW,
            },
            "analysis": analysis,
        },
        "mappings": {"dynamic": "strict", "properties": properties},
    }


def language_analysis() -> dict:
    """
    One analyzer per content language: the standard tokenizer, lower case, accents folded (``é`` finds ``e``),
    then the language's stop words and stemmer where the engine has them (Indonesian and English do).
    """
    from ..search_settings import language_analyzer

    analyzer, filters = {}, {}
    named = analyzers()
    for language in [*languages(), "other"]:
        name = f"kipp_{language}"
        analyzer[name], more = language_analyzer(name, named.get(language) if language != "other" else None)
        filters.update(more)
    return {"analyzer": analyzer, "filter": filters}


def facet_field(name: str) -> str:
    return f"facet_{name}"


# -- documents --------------------------------------------------------------------------------------------


def facet_values(queryset: QuerySet, specs: Mapping[str, FacetSpec]) -> dict[int, dict[str, list[str]]]:
    """Each innovation's values of every facet (as the facet index reads them), in one query per facet."""
    values: dict[int, dict[str, list[str]]] = {}
    for name, spec in specs.items():
        rows = (
            queryset.order_by()
            .filter(**{f"{spec.value_field}__isnull": False})
            .values_list("pk", spec.value_field)
            .distinct()
        )
        for pk, raw in rows:
            values.setdefault(pk, {}).setdefault(name, []).append(_as_value(raw))
    return values


def parent_keys(pages: list) -> dict[int, int]:
    """The parent page's key of each of ``pages``, in one query (their tree paths name their parents)."""
    from wagtail.models import Page

    steplen = Page.steplen
    wanted = {page.path[:-steplen] for page in pages if page.depth > 1}
    found = dict(Page.objects.filter(path__in=wanted).values_list("path", "pk"))
    parents = {}
    for page in pages:
        if page.depth > 1:
            parents[page.pk] = found.get(page.path[:-steplen])
    return parents


def private_page_paths() -> list[str]:
    """Tree paths of pages with a view restriction: their innovations (and descendants') are not public."""
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def document(
    page, parent: int | None, facets: Mapping[str, list[str]], award_count: int, private_paths: Iterable[str]
) -> dict:
    """The engine document of one live innovation page (under the page ``parent``)."""
    text = document_for(page)
    language = field_language(page.locale.language_code)
    body = {
        "pk": page.pk,
        "parent": parent,
        "path": page.path,
        "locale": page.locale.language_code,
        "public": not any(page.path.startswith(path) for path in private_paths),
        "started_on": page.started_on.isoformat() if page.started_on else None,
        "title_sort": page.title,
        "award_count": award_count,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }
    for name in TEXT_FIELDS:
        body[f"{name}_{language}"] = getattr(text, name)
    for name, found in facets.items():
        body[facet_field(name)] = sorted(found)
    return body


# -- searching --------------------------------------------------------------------------------------------


@dataclass
class EngineResult:
    """One catalogue query's answer: the total, the page of keys and every facet's counts."""

    total: int
    keys: list[int]
    start: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    took_ms: float = 0.0


def search_request(
    dsl: Dsl,
    index: str,
    scope: Mapping[str, Any],
    query: str,
    language: str,
    selected: Mapping[str, list[str]],
    facet_names: Iterable[str],
    ordering: tuple[str, ...] | None,
    start: int,
    size: int,
):
    """
    The ``Search`` of one catalogue request (pure: nothing is sent).

    ``scope`` narrows to the catalogue's innovations (``parent``, ``public``: term filters); ``selected`` are
    the valid filter values by facet (values of one facet are alternatives, facets are all required);
    ``ordering`` is one of ``SORTS`` or None for relevance.
    """
    Q, A = dsl.Q, dsl.A
    search = dsl.Search(index=index)
    scope_filters = [Q("term", **{name: value}) for name, value in sorted(scope.items())]
    must = []
    if query:
        suffix = field_language(language)
        must.append(
            Q(
                "multi_match",
                query=query,
                type="cross_fields",
                operator="and",
                fields=[f"{name}_{suffix}^{boost:g}" for name, boost in TEXT_FIELDS.items()],
            )
        )
    search = search.query(Q("bool", filter=scope_filters, must=must))
    chosen = {name: sorted(values) for name, values in selected.items() if values}
    filters = {name: Q("terms", **{facet_field(name): values}) for name, values in sorted(chosen.items())}
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for name in facet_names:
        others = [clause for other, clause in filters.items() if other != name]
        terms = A("terms", field=facet_field(name), size=MAX_OPTIONS)
        search.aggs.bucket(name, "filter", Q("bool", filter=others)).bucket("values", terms)
    search = search.sort(*(RELEVANCE_SORT if ordering is None else SORTS[tuple(ordering)]))
    search = search.extra(track_total_hits=True, from_=start, size=size)
    return search.source(False)


def split_request(body: Mapping) -> tuple[dict, dict]:
    """
    ``body`` as two searches sent together (``msearch``): the page of hits without aggregations, and the
    aggregations without hits (``size`` 0), which the engine's shard request cache keeps until the index
    changes, so repeated counts cost nothing there. Together they cost a fraction of the one search.
    """
    hits = {key: value for key, value in body.items() if key != "aggs"}
    counts = {key: body[key] for key in ("query", "aggs") if key in body}
    counts.update(size=0, track_total_hits=False)
    return hits, counts


def read_response(response: Mapping, start: int, facet_names: Iterable[str]) -> EngineResult:
    """The ``EngineResult`` of a raw search response (a dict)."""
    hits = response["hits"]
    total = hits["total"]["value"] if isinstance(hits["total"], Mapping) else hits["total"]
    counts = {}
    aggregations = response.get("aggregations", {})
    for name in facet_names:
        buckets = aggregations.get(name, {}).get("values", {}).get("buckets", [])
        counts[name] = {str(bucket["key"]): bucket["doc_count"] for bucket in buckets if bucket["doc_count"]}
    return EngineResult(
        total=total,
        keys=[int(hit["_id"]) for hit in hits["hits"]],
        start=start,
        counts=counts,
        took_ms=response.get("took", 0),
    )


# -- the engine -------------------------------------------------------------------------------------------


class CatalogueEngine:
    """The catalogue index on one engine: its client, DSL and index name."""

    def __init__(self, client, flavour: str, prefix: str = ""):
        self.client = client
        self.dsl = Dsl.of(flavour)
        self.alias = f"{prefix}{INDEX_NAME}"

    @property
    def facet_names(self) -> list[str]:
        from .facets import FACETS

        return list(FACETS)

    # searching

    def search(self, scope, query, language, selected, ordering, start, size) -> EngineResult:
        request = search_request(
            self.dsl, self.alias, scope, query, language, selected, self.facet_names, ordering, start, size
        )
        hits, counts = split_request(request.to_dict())
        answers = _as_dict(
            self.client.msearch(
                body=[{"index": self.alias}, hits, {"index": self.alias, "request_cache": True}, counts]
            )
        )["responses"]
        for answer in answers:
            if "error" in answer:
                raise RuntimeError(f"The search engine refused the catalogue query: {answer['error']}")
        return read_response(
            {**answers[0], "aggregations": answers[1].get("aggregations", {})}, start, self.facet_names
        )

    # indexing

    def exists(self) -> bool:
        return bool(self.client.indices.exists(index=self.alias))

    def create_index(self, name: str) -> None:
        self.client.indices.create(index=name, body=index_body(self.facet_names))

    def ensure_index(self) -> None:
        """Create the index (behind its alias) when there is none yet."""
        if not self.exists():
            name = f"{self.alias}_{time.time_ns()}"
            self.create_index(name)
            self.client.indices.put_alias(index=name, name=self.alias)

    def documents(self, pages: list) -> list[dict]:
        """Engine documents of ``pages`` (innovation pages; live ones only)."""
        from .facets import FACETS

        pages = [page for page in pages if page.live]
        if not pages:
            return []
        model = type(pages[0])
        queryset = model._default_manager.filter(pk__in=[page.pk for page in pages])
        values = facet_values(queryset, FACETS)
        awards = dict(queryset.annotate(n=Count("awards", distinct=True)).values_list("pk", "n"))
        private = private_page_paths()
        parents = parent_keys(pages)
        return [
            document(page, parents.get(page.pk), values.get(page.pk, {}), awards.get(page.pk, 0), private)
            for page in pages
        ]

    def index_pages(self, pages: list, index: str | None = None, refresh: bool | str = False) -> int:
        """Write the documents of ``pages``; returns how many."""
        from .search_index import _prefetch

        written = 0
        target = index or self.alias
        if index is None:
            self.ensure_index()
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            _prefetch(batch)
            operations = []
            for body in self.documents(batch):
                operations.append({"index": {"_index": target, "_id": str(body["pk"])}})
                operations.append(body)
            if operations:
                _check_bulk(self.client.bulk(body=operations, refresh=refresh))
                written += len(operations) // 2
        return written

    def delete_pages(self, page_ids: Iterable[int], refresh: bool | str = False) -> None:
        if not self.exists():
            return
        operations = [{"delete": {"_index": self.alias, "_id": str(pk)}} for pk in page_ids]
        if operations:
            self.client.bulk(body=operations, refresh=refresh)

    def sync_pages(self, page_ids: Iterable[int], refresh: bool | str = False) -> None:
        """Index the live ones of ``page_ids``, remove the others (unpublished, deleted, not innovations)."""
        ids = set(page_ids)
        live = []
        for model in innovation_models():
            live.extend(model._default_manager.live().filter(pk__in=ids))
        self.index_pages(live, refresh=refresh)
        gone = ids - {page.pk for page in live}
        if gone:
            self.delete_pages(gone, refresh=refresh)

    def rebuild(self, progress=None) -> int:
        """A new index with every live innovation, then the alias moved to it and the old index deleted."""
        name = f"{self.alias}_{time.time_ns()}"
        self.create_index(name)
        written = 0
        for model in innovation_models():
            pks = list(model._default_manager.live().order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), BATCH):
                pages = list(model._default_manager.filter(pk__in=pks[start : start + BATCH]).order_by("pk"))
                written += self.index_pages(pages, index=name)
                if progress:
                    progress(written)
        self.client.indices.refresh(index=name)
        old = self._aliased_indices()
        if self.client.indices.exists(index=self.alias) and not old:
            self.client.indices.delete(index=self.alias)  # a plain index in the alias's place
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        for index in old:
            self.client.indices.delete(index=index)
        return written

    def refresh(self) -> None:
        if self.exists():
            self.client.indices.refresh(index=self.alias)

    def delete_index(self) -> None:
        """Remove the catalogue index and its alias (tests; uninstalling)."""
        for index in self._aliased_indices():
            self.client.indices.delete(index=index)
        if self.client.indices.exists(index=self.alias):
            self.client.indices.delete(index=self.alias)

    def _aliased_indices(self) -> list[str]:
        if not self.client.indices.exists_alias(name=self.alias):
            return []
        return list(_as_dict(self.client.indices.get_alias(name=self.alias)))


def _as_dict(response) -> dict:
    # opensearch-py answers dicts; the Elasticsearch client an ObjectApiResponse with ``.body``.
    return getattr(response, "body", response)


def _check_bulk(response) -> None:
    response = _as_dict(response)
    if response.get("errors"):
        failed = [item for item in response["items"] if next(iter(item.values())).get("error")]
        raise RuntimeError(f"The search engine refused {len(failed)} document(s): {failed[:3]}")


# -- the configured engine --------------------------------------------------------------------------------


_engines: dict[tuple, CatalogueEngine | None] = {}


def get_engine() -> CatalogueEngine | None:
    """
    The catalogue engine, or None when the catalogue counts and searches in the database.

    With ``WAGTAIL_KIPP_CATALOGUE_SEARCH`` ``"auto"`` or ``"engine"``, and ``WAGTAIL_KIPP_SEARCH_BACKEND`` an
    OpenSearch or Elasticsearch backend of modelsearch: that backend's client (hosts, credentials, timeouts)
    and ``INDEX_PREFIX``. Kept per process (one client and its connection pool), until settings change.
    """
    mode = kipp_settings.CATALOGUE_SEARCH
    if mode not in ("auto", "engine"):
        return None
    key = (mode, kipp_settings.SEARCH_BACKEND, repr(getattr(settings, "WAGTAILSEARCH_BACKENDS", None)))
    if key not in _engines:
        _engines[key] = _make_engine(mode)
    return _engines[key]


def _make_engine(mode: str) -> CatalogueEngine | None:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend(kipp_settings.SEARCH_BACKEND)
    flavour = flavour_of(backend)
    if flavour is None:
        if mode == "engine":
            logger.warning(
                "WAGTAIL_KIPP_CATALOGUE_SEARCH is 'engine' but search backend %r is not OpenSearch or "
                "Elasticsearch; the catalogue counts in the database.",
                kipp_settings.SEARCH_BACKEND,
            )
        return None
    return CatalogueEngine(backend.es, flavour, prefix=getattr(backend, "index_prefix", ""))


def forget_engines(**kwargs) -> None:
    """Drop the engines kept per process (connected to ``setting_changed``)."""
    _engines.clear()
