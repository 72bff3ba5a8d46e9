"""Writing the catalogue's search documents: the weighted text of each live innovation, and the lexicon.

``index_pages`` is called when an innovation is published, ``unindex_pages`` when it is unpublished, and
``kipp_index_catalogue`` rebuilds everything. A few queries per batch of pages, whatever the batch size.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Func, Value
from django.db.models.functions import Cast
from django.utils.html import strip_tags

from ..conf import settings as kipp_settings
from ..models import InnovationPageMixin, SearchDocument, SearchWord
from ..models.search import RegConfigField, TsVectorField

BATCH = 500
#: Words shorter than this are not added to the lexicon (they make poor typo corrections).
MIN_WORD_LENGTH = 4
MAX_WORD_LENGTH = 64
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def plain_words(text: str) -> list[str]:
    """Lower-case, accent-free words of ``text``, as the lexicon stores them."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return WORD.findall(folded)


def stream_text(value) -> str:
    """The visible text of a StreamField's raw data: every string in it, without HTML tags."""
    parts: list[str] = []

    def walk(node):
        if isinstance(node, str):
            parts.append(strip_tags(node))
        elif isinstance(node, dict):
            for key, item in node.items():
                if key not in ("type", "id"):
                    walk(item)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)

    raw = getattr(value, "raw_data", value)
    walk(list(raw) if raw is not None else [])
    return " ".join(part for part in parts if part.strip())


def search_config(language_code: str) -> str:
    """The PostgreSQL text search configuration for a page's language (``POSTGRES_SEARCH_CONFIGS``)."""
    configs = kipp_settings.POSTGRES_SEARCH_CONFIGS
    language = (language_code or "").split("-")[0].lower()
    return configs.get(language) or configs.get("", "simple")


def document_for(page) -> SearchDocument:
    """The search document of one innovation page (organisation and themes should be prefetched)."""
    organisation = page.organisation
    themes = list(page.themes.all())
    keywords = [
        organisation.name,
        organisation.acronym,
        page.innovator_name,
        *(theme.name for theme in themes),
        *(theme.name_en for theme in themes),
    ]
    return SearchDocument(
        page_id=page.pk,
        config=search_config(page.locale.language_code),
        title=page.title,
        keywords=" ".join(word for word in keywords if word),
        summary=page.summary,
        body=stream_text(page.body),
    )


def index_pages(pages: Iterable, prefetch: bool = True) -> int:
    """
    (Re)write the search documents of ``pages`` (innovation pages, live ones only); returns how many.

    ``prefetch=False`` reads each page's organisation and themes from the instance as it is (a page being
    saved holds themes that are not in the database yet).
    """
    written = 0
    pages = [page for page in pages if isinstance(page, InnovationPageMixin)]
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        if prefetch:
            _prefetch(batch)
        documents = [document_for(page) for page in batch if page.live]
        with transaction.atomic():
            SearchDocument.objects.filter(page_id__in=[page.pk for page in batch]).delete()
            for document in documents:
                set_vectors(document)
            SearchDocument.objects.bulk_create(documents)
            add_words(documents)
        written += len(documents)
    return written


def unindex_pages(page_ids: Iterable[int]) -> None:
    """Remove the search documents of these pages (their words stay in the lexicon)."""
    SearchDocument.objects.filter(page_id__in=list(page_ids)).delete()


def _prefetch(pages: list) -> None:
    from django.db.models import prefetch_related_objects

    by_model: dict[type, list] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for group in by_model.values():
        prefetch_related_objects(group, "organisation", "themes", "locale")


class _Concat(Func):
    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = TsVectorField()


def _to_tsvector(config: str, text: str, weight: str = "") -> Func:
    config_value = Cast(Value(config), output_field=RegConfigField())
    vector = Func(config_value, Value(text), function="to_tsvector", output_field=TsVectorField())
    return (
        Func(vector, Value(weight), function="setweight", output_field=TsVectorField()) if weight else vector
    )


def set_vectors(document: SearchDocument) -> None:
    """
    On PostgreSQL, give the document its vectors as SQL expressions, computed by the insert itself (an update
    afterwards would leave a dead row version per document).
    """
    if connection.vendor != "postgresql":
        return
    config = document.config
    document.rank_vector = _Concat(
        _to_tsvector(config, document.title, "A"),
        _to_tsvector(config, document.keywords, "B"),
        _to_tsvector(config, document.summary, "C"),
    )
    text = " ".join(
        part for part in (document.title, document.keywords, document.summary, document.body) if part
    )
    document.vector = Func(_to_tsvector(config, text), function="strip", output_field=TsVectorField())


def add_words(documents: list[SearchDocument]) -> None:
    """Add the words of the documents' titles, keywords and summaries to the lexicon."""
    words = set()
    for document in documents:
        for text in (document.title, document.keywords, document.summary):
            words.update(
                word for word in plain_words(text) if MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH
            )
    if words:
        SearchWord.objects.bulk_create(
            [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=BATCH
        )


def innovation_models() -> list[type]:
    """Every concrete page model that is an innovation record."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, InnovationPageMixin) and not model._meta.abstract and not model._meta.proxy
    ]


def rebuild(progress=None) -> int:
    """Rewrite every live innovation's document and drop the documents of pages no longer live."""
    total = 0
    live_ids = set()
    for model in innovation_models():
        queryset = model.objects.live().order_by("pk")
        last = 0
        while True:
            batch = list(queryset.filter(pk__gt=last)[:BATCH])
            if not batch:
                break
            total += index_pages(batch)
            live_ids.update(page.pk for page in batch)
            last = batch[-1].pk
            if progress:
                progress(total)
    stale = set(SearchDocument.objects.values_list("page_id", flat=True)) - live_ids
    unindex_pages(stale)
    return total
