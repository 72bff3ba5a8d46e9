"""
Full-text search for the catalogue: the package's PostgreSQL documents, or the configured Wagtail backend.

Both give the same interface to ``Catalogue``: ``filter(queryset)`` narrows innovations to the matches and
``rank(queryset)`` orders them by relevance (a queryset, or a list of keys for engines that rank outside the
database). ``get_search(queryset, query)`` chooses one by the ``CATALOGUE_SEARCH`` setting.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, F, Field, FloatField, Func, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.translation import get_language
from wagtail.search.backends import get_search_backend

from ..conf import settings as kipp_settings
from ..models.search import RegConfigField

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")
#: Query words that get a typo correction at most, and the trigram similarity a correction needs.
MAX_CORRECTED_WORDS = 6
MIN_SIMILARITY = 0.4


def clean_query(raw: str | None) -> str:
    """Drop control characters, collapse white space, cut overlong queries; '' means no search."""
    printable = "".join(" " if unicodedata.category(char).startswith("C") else char for char in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def query_words(query: str) -> list[str]:
    # Search words only: punctuation such as quotes or colons is query syntax to some engines
    # (SQLite FTS5 fails on it), and carries no meaning in a catalogue search.
    return WORD.findall(query)


class BackendSearch:
    """Search through the Wagtail search backend named by ``SEARCH_BACKEND`` (database or search engine)."""

    corrected_query = ""

    def __init__(self, queryset: QuerySet, query: str):
        self.base_queryset = queryset
        self.query = query

    @cached_property
    def keys(self) -> list[int]:
        """Primary keys of the matching innovations, most relevant first."""
        terms = " ".join(query_words(self.query))
        if not terms:
            return []
        backend = get_search_backend(kipp_settings.SEARCH_BACKEND)
        results = backend.search(terms, self.base_queryset, order_by_relevance=True)
        get_queryset = getattr(results, "get_queryset", None)
        if get_queryset is not None:
            # Database backends: fetch only the keys, in relevance order.
            return list(get_queryset().values_list("pk", flat=True))
        return [obj.pk for obj in results]

    def filter(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(pk__in=self.keys)

    def rank(self, queryset: QuerySet) -> list[int]:
        position = {pk: index for index, pk in enumerate(self.keys)}
        return sorted(queryset.values_list("pk", flat=True), key=position.__getitem__)


class _WebSearchQuery(Func):
    """``websearch_to_tsquery(config, text)``: never a syntax error, whatever the visitor typed."""

    function = "websearch_to_tsquery"
    output_field = Field()

    def __init__(self, config: str, text: str):
        super().__init__(Cast(Value(config), output_field=RegConfigField()), Value(text))


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


VECTOR = "kipp_search_document__vector"
RANK_VECTOR = "kipp_search_document__rank_vector"


class PostgresSearch:
    """
    Search the package's stored, GIN-indexed ``tsvector`` documents (``models.SearchDocument``).

    Matching uses the GIN index; only the matches are ranked, by ``ts_rank`` of title, keywords and summary
    (half the cost of ``ts_rank_cd``, which computes covers, and about as good for short fields).
    When nothing matches, words unknown to the catalogue's lexicon are replaced by their closest known word
    by trigram similarity, and ``corrected_query`` says what was searched instead.
    """

    def __init__(self, queryset: QuerySet, query: str, scope=None):
        self.base_queryset = queryset
        self.query = query
        self.scope = scope
        self.config = self.get_config()
        self.corrected_query = ""
        self.text = " ".join(query_words(query))
        self._ranked: list[int] | None = None
        if self.text and self.scope is not None:
            # A caller that scopes keys itself reads every ranked key: read them now, correcting typos.
            self._ranked = self._rank_documents(self.text)
        elif self.text and not self._in_scope(self._documents(self.text)).exists():
            self._ranked = []
        if self._ranked == []:
            corrected = self.correct(self.text)
            if corrected and corrected != self.text:
                ranked = self._rank_documents(corrected)
                if ranked:
                    self.text = self.corrected_query = corrected
                    self._ranked = ranked

    def get_config(self) -> str:
        from .search_index import search_config

        return search_config(get_language() or "")

    def _tsquery(self, text: str) -> _WebSearchQuery:
        return _WebSearchQuery(self.config, text)

    def _documents(self, text: str) -> QuerySet:
        """Search documents of this language matching ``text`` (one table, its GIN index)."""
        from ..models import SearchDocument

        return SearchDocument.objects.filter(config=self.config).filter(
            _Matches(F("vector"), self._tsquery(text))
        )

    @cached_property
    def keys(self) -> list[int]:
        """
        Every matching page's key, most relevant first, from the documents table alone (one query).

        The catalogue intersects them with its innovations (``facet_index``), so no page table is joined here.
        """
        if not self.text:
            return []
        if self._ranked is None:
            self._ranked = self._rank_documents(self.text)
        return self._ranked

    def _rank_documents(self, text: str) -> list[int]:
        rank = Func(F("rank_vector"), self._tsquery(text), function="ts_rank", output_field=FloatField())
        documents = self._documents(text).annotate(kipp_rank=rank).order_by("-kipp_rank", "-page_id")
        if self.scope is not None:
            return self.scope(list(documents.values_list("page_id", flat=True)))
        return list(self._in_scope(documents).values_list("page_id", flat=True))

    def _in_scope(self, documents: QuerySet) -> QuerySet:
        return documents.filter(page_id__in=self.base_queryset.order_by().values("pk"))

    def filter(self, queryset: QuerySet) -> QuerySet:
        if not self.text:
            return queryset.none()
        return queryset.filter(_Matches(F(VECTOR), self._tsquery(self.text)))

    def rank(self, queryset: QuerySet) -> QuerySet:
        rank = Func(F(RANK_VECTOR), self._tsquery(self.text), function="ts_rank", output_field=FloatField())
        return queryset.annotate(kipp_rank=rank).order_by("-kipp_rank", "-pk")

    def correct(self, text: str) -> str:
        """``text`` with each word the lexicon does not know replaced by the most similar word it knows."""
        from ..models import SearchWord
        from .search_index import plain_words

        words = plain_words(text)[:MAX_CORRECTED_WORDS]
        known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
        table = SearchWord._meta.db_table
        sql = (
            f"SELECT word FROM {table} WHERE word %% %s AND similarity(word, %s) >= %s "  # noqa: S608 (model's table)
            "ORDER BY similarity(word, %s) DESC, word LIMIT 1"
        )
        corrected = []
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for word in words:
                    if word not in known and word.isalpha():
                        cursor.execute(sql, [word, word, MIN_SIMILARITY, word])
                        row = cursor.fetchone()
                        word = row[0] if row else word
                    corrected.append(word)
        except DatabaseError:  # pg_trgm missing: no typo tolerance, never an error page
            return ""
        return " ".join(corrected)


def postgres_search_available() -> bool:
    """Whether the catalogue may use ``PostgresSearch`` with the current settings and database."""
    mode = kipp_settings.CATALOGUE_SEARCH
    if mode not in ("auto", "postgres") or connection.vendor != "postgresql":
        return False
    if mode == "postgres":
        return True
    backend = get_search_backend(kipp_settings.SEARCH_BACKEND)
    return type(backend).__module__.startswith(
        ("wagtail.search.backends.database", "modelsearch.backends.database")
    )


def get_search(queryset: QuerySet, query: str, scope=None):
    """
    The search of ``query`` within ``queryset`` that the settings and database call for.

    ``scope(keys)`` keeps the keys of ``queryset`` among others, when the caller can do it cheaply (and will
    read the ranked ``keys``); without it, the search narrows and ranks querysets in the database.
    """
    if postgres_search_available():
        return PostgresSearch(queryset, query, scope=scope)
    return BackendSearch(queryset, query)
