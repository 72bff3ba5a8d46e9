"""
Search engine settings for Indonesian (and other) text, importable from a Django settings file.

``opensearch_backend(url)`` is a ``WAGTAILSEARCH_BACKENDS`` entry for modelsearch's OpenSearch backend whose
indexes analyse text as Indonesian by default: lower case, accents folded, Indonesian stop words and stemmer
(``pelayanan`` finds ``layanan``). The catalogue's own engine index uses ``language_analyzer`` per language.
"""

from __future__ import annotations

from typing import Any


def language_analyzer(name: str, language: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """
    An analyzer called ``name`` for ``language`` (an OpenSearch/Elasticsearch language such as
    ``"indonesian"`` or ``"english"``; None: only folding), and the token filters it needs.
    """
    steps = ["lowercase", "asciifolding"]
    filters: dict[str, Any] = {}
    if language:
        filters[f"{name}_stop"] = {"type": "stop", "stopwords": f"_{language}_"}
        filters[f"{name}_stemmer"] = {"type": "stemmer", "language": language}
        steps += [f"{name}_stop", f"{name}_stemmer"]
    return {"type": "custom", "tokenizer": "standard", "filter": steps}, filters


def index_settings(language: str | None = "indonesian") -> dict[str, Any]:
    """``INDEX_SETTINGS`` of a modelsearch engine backend: ``language`` as every index's default analyzer."""
    analyzer, filters = language_analyzer("kipp_default", language)
    return {"settings": {"analysis": {"analyzer": {"default": analyzer}, "filter": filters}}}


def opensearch_backend(
    url: str,
    index_prefix: str = "kipp_",
    language: str | None = "indonesian",
    major_version: int = 2,
    **params: Any,
) -> dict[str, Any]:
    """
    A ``WAGTAILSEARCH_BACKENDS`` entry for OpenSearch ``major_version`` (2 or 3) at ``url``, e.g.
    ``{"default": opensearch_backend("https://search.example:9200", index_prefix="jateng_")}``.
    """
    return {
        "BACKEND": f"modelsearch.backends.opensearch{major_version}",
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 10,
        "INDEX_SETTINGS": index_settings(language),
        **params,
    }
