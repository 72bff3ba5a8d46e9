"""One catalogue request: validated filters, search, sort, facets and the page of results."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from ..conf import settings as kipp_settings
from . import cache, cards, facet_index
from .engine import SORTS as ENGINE_SORTS
from .engine import get_engine
from .facets import FACETS, Facet, build_facet, compute_facets, facet_rows, make_option
from .filters import InnovationFilterSet, checks_each_filter_alone, invalid_filters
from .search import clean_query, get_search

logger = logging.getLogger(__name__)
#: Facet label rows of the engine's counts, per catalogue version (see ``Catalogue.engine_facet_rows``).
_facet_rows: dict[tuple, dict] = {}
_rows_lock = threading.Lock()


SORTS = {
    "newest": (_("newest"), ("-started_on", "-pk")),
    "name": (_("name"), ("title", "pk")),
    "awards": (_("most awarded"), ("-award_count", "-started_on", "-pk")),
}
RELEVANCE = "relevance"


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value_label: str
    remove_url: str


class Catalogue:
    """
    The state of one catalogue request, built from its query string.

    Invalid filter values, sorts and page numbers are dropped with a notice instead of failing.
    Subclass and override the ``get_*`` methods to change the filters, sorts or page size.
    """

    filterset_class = InnovationFilterSet
    facet_specs = FACETS

    def __init__(self, request: HttpRequest, queryset: QuerySet, engine_scope: dict | None = None):
        self.request = request
        self.base_queryset = queryset
        #: The same innovations as ``queryset`` in the search engine's catalogue index, as term filters
        #: (``{"parent": catalogue.pk, "public": True}``); None keeps counting and searching in the database.
        self.engine_scope = engine_scope
        #: Whether the engine failed during this request (the database answers instead).
        self.engine_failed = False
        self.notices: list[str] = []
        self.query = clean_query(request.GET.get("q"))
        self.data = self.get_valid_filter_data(request.GET)

    # -- extension points ---------------------------------------------------------------------------

    def get_filterset_class(self):
        """The FilterSet class; may be overridden."""
        return self.filterset_class

    def get_sorts(self) -> dict:
        """Sort keys offered to visitors, as ``{key: (label, ordering)}``; may be overridden."""
        return SORTS

    def get_default_sort(self) -> str:
        """The sort used when the visitor chose none and there is no search; may be overridden."""
        return next(iter(self.get_sorts()))

    def get_page_size(self) -> int:
        """Innovations per page: the ``per_page`` parameter within limits, or the setting."""
        raw = self.request.GET.get("per_page")
        if raw:
            try:
                size = int(raw)
            except ValueError:
                size = 0
            if 1 <= size <= kipp_settings.CATALOGUE_MAX_PAGE_SIZE:
                return size
            self.notices.append(_("The number of results per page was not valid and was reset."))
        return kipp_settings.CATALOGUE_PAGE_SIZE

    def get_results_queryset(self, queryset: QuerySet) -> QuerySet:
        """Related data needed to render result cards, fetched in a constant number of queries."""
        # The image joined to the innovation and its card rendition prefetched: one query fewer than
        # prefetching the images with their renditions.
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=kipp_settings.CARD_RENDITION)
        )
        return queryset.select_related("organisation", "image").prefetch_related(
            Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
            "awards",
        )

    # -- filters ------------------------------------------------------------------------------------

    def get_valid_filter_data(self, params: QueryDict) -> QueryDict:
        """Keep the filter values the FilterSet accepts; note the rest as ignored."""
        names = list(self.get_filterset_class().base_filters)
        data = QueryDict(mutable=True)
        for name in names:
            values = [value for value in params.getlist(name) if value.strip()]
            if values:
                data.setlist(name, values)
        if not data:
            return data
        filterset_class = self.get_filterset_class()
        if checks_each_filter_alone(filterset_class):
            # Each filter's values checked once per catalogue version: no FilterSet built per request.
            invalid = invalid_filters(filterset_class, data, self.catalogue_version)
            labels = {name: filterset_class.base_filters[name].field.label for name in invalid}
        else:
            filterset = filterset_class(data, queryset=self.base_queryset)
            form = filterset.form
            if form.is_valid():
                # Reused by ``filterset`` so the values (and their database lookups) are validated once.
                self._validated_filterset = filterset
            labels = {name: form.fields[name].label for name in form.errors if name in data}
        for name, label in labels.items():
            self.notices.append(
                _("The filter “%(filter)s” had a value that does not exist and was ignored.")
                % {"filter": label}
            )
            data.pop(name)
        return data

    @cached_property
    def filterset(self):
        """The FilterSet bound to the valid filter values, over the searched innovations."""
        filterset = getattr(self, "_validated_filterset", None)
        if filterset is None:
            filterset = self.get_filterset_class()(self.data, queryset=self.searched_queryset)
            filterset.form.is_valid()
        else:
            filterset.queryset = self.searched_queryset
        return filterset

    # -- search and sort ----------------------------------------------------------------------------

    @cached_property
    def search(self):
        """The search of the visitor's query (``search.get_search``), or None when there is no query."""
        if not self.query or self.engine_result is not None:
            return None
        if self.engine_failed:
            # The search backend is that engine too: list the catalogue without the search rather than fail.
            self.notices.append(_("The search is unavailable at the moment; all innovations are listed."))
            return None
        scope = self._in_catalogue if self.facet_index is not None else None
        search = get_search(self.base_queryset, self.query, scope=scope)
        if search.corrected_query:
            self.notices.append(
                _("Nothing matched “%(query)s”; showing results for “%(corrected)s”.")
                % {"query": self.query, "corrected": search.corrected_query}
            )
        return search

    def _in_catalogue(self, keys: list[int]) -> list[int]:
        """``keys`` of this catalogue's innovations only (the documents of other catalogues match too)."""
        return [pk for pk in keys if pk in self.facet_index.position]

    @cached_property
    def searched_queryset(self) -> QuerySet:
        if self.search is None:
            return self.base_queryset
        return self.search.filter(self.base_queryset)

    @cached_property
    def sort(self) -> str:
        raw = self.request.GET.get("sort", "")
        if raw == RELEVANCE and self.query:
            return RELEVANCE
        if raw in self.get_sorts():
            return raw
        if raw:
            self.notices.append(_("The sort order was not recognised; the default order is used."))
        return RELEVANCE if self.query else self.get_default_sort()

    @property
    def sort_options(self) -> list[tuple[str, str]]:
        options = [(key, label) for key, (label, _ordering) in self.get_sorts().items()]
        if self.query:
            options.insert(0, (RELEVANCE, _("relevance")))
        return options

    @cached_property
    def filtered_queryset(self) -> QuerySet:
        return self.filterset.qs

    # -- results ------------------------------------------------------------------------------------

    @cached_property
    def page(self) -> PaginatorPage:
        result = self.engine_result
        if result is not None:
            return self._paginate(_EngineKeys(self, result), count=result.total)
        index = self.facet_index
        # Relevance without a search: the search was unavailable (a notice says so).
        relevance = self.sort == RELEVANCE and self.search is not None
        sort = self.get_default_sort() if self.sort == RELEVANCE and not relevance else self.sort
        if index is not None:
            if relevance:
                order = [index.position[pk] for pk in self.search.keys if pk in index.position]
            else:
                order = index.order(self.get_sorts()[sort][1])
            keys = _IndexedPage(self, index, self.result_mask, order)
            return self._paginate(keys, count=len(keys))
        queryset = self.filtered_queryset
        if relevance:
            ranked = self.search.rank(queryset)
            if isinstance(ranked, QuerySet):
                return self._paginate(self.get_results_queryset(ranked))
            page = self._paginate(ranked)
            objects = {
                obj.pk: obj
                for obj in self.get_results_queryset(
                    self.base_queryset.model._default_manager.filter(pk__in=list(page.object_list))
                )
            }
            page.object_list = [objects[pk] for pk in page.object_list if pk in objects]
            return page
        ordering = self.get_sorts()[sort][1]
        if sort == "awards":
            queryset = queryset.annotate(award_count=Count("awards", distinct=True))
        return self._paginate(self.get_results_queryset(queryset.order_by(*ordering)))

    def result_keys(self, start: int, stop: int) -> list[int]:
        """
        Keys of the results ``start`` to ``stop`` in the catalogue's order, whoever answered (the search
        engine, the facet index or the database); for downloads of every result, a window at a time.
        """
        window = self.page.paginator.object_list[start:stop]
        if isinstance(window, _PageObjects):
            return list(window.keys)
        if isinstance(window, QuerySet):
            return list(window.values_list("pk", flat=True))
        return list(window)

    def _paginate(self, object_list, count: int | None = None) -> PaginatorPage:
        paginator = Paginator(object_list, self.page_size)
        if count is None:
            # The total of a filter state is cached with the facet counts (it is one COUNT over many rows).
            count = self.cached(
                "count", lambda: len(object_list) if isinstance(object_list, list) else object_list.count()
            )
        paginator.count = count
        return paginator.get_page(self._page_number(paginator))

    # -- the search engine --------------------------------------------------------------------------

    @cached_property
    def engine(self):
        """The catalogue's ``engine.CatalogueEngine`` when one is configured and usable here, else None."""
        if self.engine_scope is None or not self.uses_facet_index(setting=False):
            return None
        engine = get_engine()
        if engine is None or not set(self.facet_specs) <= set(engine.facet_names):
            return None  # a facet the engine's documents do not carry: the database counts it
        return engine

    @cached_property
    def engine_result(self):
        """
        This request's ``engine.EngineResult`` (its page of keys, total and counts), cached with the counts;
        None without an engine, or when the engine fails (logged; the database answers instead).
        """
        if self.engine is None:
            return None
        if self.sort != RELEVANCE and tuple(self.get_sorts()[self.sort][1]) not in ENGINE_SORTS:
            return None  # a site's own sort order: the database knows it
        size = self.page_size
        number = self._requested_page_number()

        def compute():
            result = self.engine_search((number - 1) * size, size)
            if result.total and result.start >= result.total:  # past the end: the last page
                result = self.engine_search((max(1, -(-result.total // size)) - 1) * size, size)
            return result

        try:
            return self.cached(f"engine:{number}:{self.sort}:{size}", compute)
        except Exception:
            logger.exception("The catalogue's search engine failed; counting in the database instead.")
            self.engine_failed = True
            return None

    def engine_search(self, start: int, size: int):
        """The engine's answer for this request's search, filters and sort, from ``start``, ``size`` keys."""
        ordering = None if self.sort == RELEVANCE else tuple(self.get_sorts()[self.sort][1])
        selected = {name: self.data.getlist(name) for name in self.data}
        language = get_language()
        return self.engine.search(self.engine_scope, self.query, language, selected, ordering, start, size)

    @cached_property
    def engine_facet_rows(self) -> dict:
        """
        The label data of every facet value (``facets.facet_rows``), kept per process and catalogue version
        like the facet index: a few small queries once per version, whatever the cache setting.
        """
        key = (self.catalogue_version, self.base_queryset.model._meta.label, tuple(self.facet_specs))
        with _rows_lock:
            rows = _facet_rows.get(key)
        if rows is None:
            rows = facet_rows(self.base_queryset, self.facet_specs)
            with _rows_lock:
                _facet_rows[key] = rows
                while len(_facet_rows) > 8:
                    _facet_rows.pop(next(iter(_facet_rows)))
        return rows

    # -- the facet index ----------------------------------------------------------------------------

    def uses_facet_index(self, setting: bool = True) -> bool:
        """
        Whether counts and pages may come from the in-memory ``facet_index`` (or the engine): every filter is
        a known facet (and, with ``setting``, ``CATALOGUE_FACET_INDEX`` is on).
        """
        names = set(self.get_filterset_class().base_filters)
        return (kipp_settings.CATALOGUE_FACET_INDEX or not setting) and names <= set(self.facet_specs)

    @cached_property
    def facet_index(self):
        """The catalogue's ``facet_index.FacetIndex`` at the current version, or None (database counts)."""
        if not self.uses_facet_index() or self.engine_result is not None:
            return None
        return facet_index.get_index(
            self.base_queryset, self.facet_specs, self.catalogue_version, sql=self._base_sql
        )

    @cached_property
    def search_mask(self) -> int:
        """The innovations matching the search (all of them without one), as a bitmap of the index."""
        index = self.facet_index
        if self.search is None:
            return index.all
        return index.mask_of_keys(self.search.keys)

    @cached_property
    def result_mask(self) -> int:
        """The innovations matching the search and every filter, as a bitmap of the index."""
        index = self.facet_index
        mask = self.search_mask
        for name, values in self.data.lists():
            mask &= index.filter_mask(name, values)
        return mask

    def cached(self, name: str, compute):
        """``compute()`` cached per catalogue, filter state, search and language (see ``catalogue.cache``)."""
        key = cache.make_key(self.catalogue_version, name, self._cache_scope)
        return cache.cached(key, compute)

    @cached_property
    def _cache_scope(self) -> tuple:
        # The innovations listed (their query: catalogue, locale, restrictions), the filters and the search.
        return (self._base_sql, sorted(self.data.lists()), self.query, get_language())

    @cached_property
    def _base_sql(self) -> str:
        # The keys' query names the same innovations as the whole one and compiles in a fraction of the time.
        return str(self.base_queryset.values("pk").query)

    @cached_property
    def catalogue_version(self) -> int:
        return self._versions[0]

    @cached_property
    def cards_version(self) -> int:
        """The version of the stored cards (``catalogue.cards``), read with the catalogue version."""
        return self._versions[1]

    @cached_property
    def _versions(self) -> tuple[int, int]:
        return cache.current_versions()

    @cached_property
    def page_size(self) -> int:
        return self.get_page_size()

    def _requested_page_number(self) -> int:
        """The page asked for, at least 1 (notices are left to ``_page_number``)."""
        try:
            return max(1, int(self.request.GET.get("page", "1")))
        except ValueError:
            return 1

    def _page_number(self, paginator: Paginator) -> int:
        raw = self.request.GET.get("page", "1")
        try:
            number = int(raw)
        except ValueError:
            self.notices.append(_("The page number was not valid; showing the first page."))
            return 1
        if number < 1:
            self.notices.append(_("That page does not exist; showing the first page."))
            return 1
        if number > paginator.num_pages:
            self.notices.append(_("That page does not exist; showing the last page."))
        return number

    @property
    def result_count(self) -> int:
        return self.page.paginator.count

    # -- facets and links ---------------------------------------------------------------------------

    facets_template = "wagtail_kipp/includes/catalogue_facets.html"
    card_template = "wagtail_kipp/includes/innovation_card.html"

    @property
    def facets_html(self) -> str:
        """The rendered filter panel (``facets_template``), cached with the facet counts."""
        return self.cached(
            f"facets_html:{self._view_key}",
            lambda: render_to_string(self.facets_template, {"catalogue": self}, request=self.request),
        )

    @cached_property
    def cards(self) -> list[str]:
        """
        The rendered cards of this page's innovations (``card_template``), in order.

        Cards are kept in the database per innovation, template, language and site, and used while their
        innovation is unchanged (``catalogue.cards``); missing or stale ones are rendered together and stored.
        """
        object_list = self.page.object_list
        if isinstance(object_list, _PageObjects) and not object_list.loaded:
            # Keys only: the innovations (with images, renditions and awards) are read for missing cards.
            return cards.cards_of(self, object_list.keys)
        if isinstance(object_list, QuerySet):
            return cards.cards_of(self, list(object_list.prefetch_related(None).values_list("pk", flat=True)))
        objects = {obj.pk: obj for obj in object_list}
        return cards.cards_of(self, list(objects), objects)

    @cached_property
    def expanded_facets(self) -> set[str]:
        """Long facets the visitor asked to see in full (``?more=organisation``)."""
        long_facets = {name for name, spec in self.facet_specs.items() if spec.shorten}
        return set(self.request.GET.getlist("more")) & long_facets

    @cached_property
    def facets(self) -> list[Facet]:
        """Every facet with its counts; long ones shortened unless expanded (cached as shown)."""
        return self.cached(f"facets:{self._view_key}", self._shown_facets)

    @property
    def _view_key(self) -> str:
        # What the links of the filter panel depend on besides the filters and the search.
        limit = kipp_settings.CATALOGUE_FACET_OPTIONS
        return f"{sorted(self.expanded_facets)}:{self.sort}:{self.page_size}:{limit}"

    def _shown_facets(self) -> list[Facet]:
        limit = kipp_settings.CATALOGUE_FACET_OPTIONS
        facets = []
        for facet in self.all_facets:
            if facet.name in self.expanded_facets:
                others = sorted(self.expanded_facets - {facet.name})
                facet = replace(facet, less_url=self.querystring(more=others))
            elif self.facet_specs[facet.name].shorten:
                facet = facet.shortened(limit)
                if facet.hidden_count:
                    facet.more_url = self.querystring(more=sorted(self.expanded_facets | {facet.name}))
            facets.append(facet)
        return facets

    @cached_property
    def all_facets(self) -> list[Facet]:
        filterset_class = self.get_filterset_class()
        labels = {name: f.label for name, f in filterset_class.base_filters.items()}
        if self.engine_result is not None:
            selected = {name: set(self.data.getlist(name)) for name in self.facet_specs}
            rows = self.engine_facet_rows
            facets = []
            for name, spec in self.facet_specs.items():
                counted = [
                    make_option(spec, value, rows[name][value], count, selected[name])
                    for value, count in self.engine_result.counts.get(name, {}).items()
                    if value in rows[name]
                ]
                facets.append(
                    build_facet(name, spec, counted, selected[name], str(labels[name]), self._label_for)
                )
            return facets
        if self.facet_index is not None:
            selected = {name: self.data.getlist(name) for name in self.data}
            return self.cached(
                "indexed_facets",
                lambda: self.facet_index.facets(selected, self.search_mask, labels, self._label_for),
            )
        return self.cached(
            "facets",
            lambda: compute_facets(
                self.filterset,
                self.searched_queryset,
                labels,
                specs=self.facet_specs,
                fallback_label=self._label_for,
            ),
        )

    def _label_for(self, name: str, value: str) -> str:
        field = self.filterset.form.fields[name]
        for choice_value, choice_label in field.choices:
            if str(getattr(choice_value, "value", choice_value)) == value:
                return str(choice_label)
        return value

    def querystring(self, **changes) -> str:
        """The current query string with ``changes`` applied; ``None`` removes a key. Resets the page."""
        params = self.data.copy()
        if self.query:
            params["q"] = self.query
        if self.sort not in (self.get_default_sort(), RELEVANCE):
            params["sort"] = self.sort
        if self.page_size != kipp_settings.CATALOGUE_PAGE_SIZE:
            params["per_page"] = str(self.page_size)
        if self.expanded_facets:
            params.setlist("more", sorted(self.expanded_facets))
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            elif isinstance(value, list):
                params.setlist(key, value)
            else:
                params[key] = value
        encoded = urlencode(sorted(params.lists()), doseq=True)
        return f"?{encoded}" if encoded else "?"

    @property
    def active_filters(self) -> list[ActiveFilter]:
        chips = []
        if self.query:
            chips.append(ActiveFilter(str(_("search")), self.query, self.querystring(q=None)))
        for facet in self.facets if self.data else ():
            values = self.data.getlist(facet.name)
            for option in facet.selected_options:
                remaining = [value for value in values if value != option.value]
                chips.append(
                    ActiveFilter(facet.label, option.label, self.querystring(**{facet.name: remaining}))
                )
        return chips

    @property
    def has_filters(self) -> bool:
        return bool(self.query or self.data)

    def page_url(self, number: int) -> str:
        params = QueryDict(self.querystring().lstrip("?"), mutable=True)
        if number > 1:
            params["page"] = str(number)
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else "?"

    @property
    def page_links(self) -> list[dict]:
        """Numbered page links around the current page, with gaps marked by ``None`` numbers."""
        page = self.page
        links = []
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
            if isinstance(number, int):
                links.append(
                    {
                        "number": number,
                        "url": self.page_url(number),
                        "current": number == page.number,
                    }
                )
            else:
                links.append({"number": None, "url": "", "current": False})
        return links

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else ""


class _IndexedPage:
    """The catalogue's results in one sort order, read from the facet index a page at a time."""

    def __init__(self, catalogue: Catalogue, index, mask: int, order: list[int]):
        self.catalogue, self.index, self.mask, self.order = catalogue, index, mask, order

    def __len__(self) -> int:
        return self.mask.bit_count()

    def __getitem__(self, window: slice) -> _PageObjects:
        keys = self.index.page_keys(self.mask, self.order, window.start or 0, window.stop or len(self))
        return _PageObjects(self.catalogue, keys)


class _EngineKeys:
    """The catalogue's results as the engine ordered them: the page it returned, read a page at a time."""

    def __init__(self, catalogue: Catalogue, result):
        self.catalogue, self.result = catalogue, result

    def __len__(self) -> int:
        return self.result.total

    def __getitem__(self, window: slice) -> _PageObjects:
        start = window.start or 0
        if start == self.result.start:
            return _PageObjects(self.catalogue, self.result.keys)
        # Another window than the one fetched (a caller paginating on its own): ask the engine for it.
        stop = window.stop if window.stop is not None else self.result.total
        return _PageObjects(self.catalogue, self.catalogue.engine_search(start, stop - start).keys)


class _PageObjects(Sequence):
    """One page of innovations by key, in order; read from the database (with card data) on first use."""

    def __init__(self, catalogue: Catalogue, keys: list[int]):
        self.catalogue, self.keys = catalogue, keys
        self._objects: list | None = None

    @property
    def loaded(self) -> bool:
        return self._objects is not None

    @property
    def objects(self) -> list:
        if self._objects is None:
            model = self.catalogue.base_queryset.model
            queryset = self.catalogue.get_results_queryset(model._default_manager.filter(pk__in=self.keys))
            found = {obj.pk: obj for obj in queryset}
            self._objects = [found[pk] for pk in self.keys if pk in found]
        return self._objects

    def __len__(self) -> int:
        return len(self.objects)

    def __getitem__(self, index):
        return self.objects[index]
