"""Faster creation of wagtail-localize translation sources for the demo's bulk load.

``TranslationSource.get_or_create_from_instance`` extracts a page's segments and then writes every string,
context and segment with its own ``get_or_create``: about ten queries per segment, which is most of the
demo's run time. ``create_source`` does the same for a page that has no source yet, with the same
functions extracting the segments but writing the rows in bulk. The result is what
``TranslationSource.refresh_segments()`` would store (``tests/test_demo.py`` checks that calling it
afterwards changes nothing). Pages that already have a source go through wagtail-localize as usual.
"""

from __future__ import annotations

import json
import uuid
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail_localize.models import (
    OverridableSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments


@cache
def schema_version(app_label: str) -> str:
    return get_schema_version(app_label)


def get_or_create_source(instance) -> TranslationSource:
    """The translation source of ``instance``: created in bulk when new, else refreshed the usual way."""
    instance = instance.specific
    translatable, _created = TranslatableObject.objects.get_or_create_from_instance(instance)
    if TranslationSource.objects.filter(object=translatable, locale_id=instance.locale_id).exists():
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        return source
    with transaction.atomic():
        return create_source(instance, translatable)


def create_source(instance, translatable: TranslatableObject) -> TranslationSource:
    source = TranslationSource.objects.create(
        object=translatable,
        specific_content_type=ContentType.objects.get_for_model(instance.__class__),
        locale_id=instance.locale_id,
        object_repr=str(instance)[:200],
        content_json=instance.to_json(),
        schema_version=schema_version(instance._meta.app_label),
        last_updated_at=timezone.now(),
    )
    frozen = source.as_instance()
    values = extract_segments(frozen)
    if any(isinstance(value, RelatedObjectSegmentValue) for value in values):
        source.refresh_segments()  # references to other translatable objects: not needed by the demo
        return source

    # Strings and templates are shared between sources: create the missing ones, then read back their keys.
    texts = {value.string.data for value in values if isinstance(value, StringSegmentValue)}
    hashes = {text: String._get_data_hash(text) for text in texts}
    String.objects.bulk_create(
        [String(locale_id=source.locale_id, data=text, data_hash=hashes[text]) for text in texts],
        ignore_conflicts=True,
    )
    string_ids = dict(
        String.objects.filter(locale_id=source.locale_id, data_hash__in=hashes.values()).values_list(
            "data_hash", "id"
        )
    )
    template_keys = {}
    for value in values:
        if isinstance(value, TemplateSegmentValue):
            namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format)
            template_keys[uuid.uuid5(namespace, value.template)] = value
    Template.objects.bulk_create(
        [
            Template(
                uuid=key,
                template=value.template,
                template_format=value.format,
                string_count=value.string_count,
            )
            for key, value in template_keys.items()
        ],
        ignore_conflicts=True,
    )
    template_ids = dict(Template.objects.filter(uuid__in=template_keys).values_list("uuid", "id"))

    paths = {value.path for value in values}
    TranslationContext.objects.bulk_create(
        [
            TranslationContext(object=translatable, path=path, path_id=TranslationContext._get_path_id(path))
            for path in paths
        ],
        ignore_conflicts=True,
    )
    contexts = {
        context.path: context
        for context in TranslationContext.objects.filter(object=translatable, path__in=paths)
    }
    for context in contexts.values():
        context.get_field_path(frozen)  # saves the field path when it is not known yet

    string_segments, template_segments, overridable_segments = [], [], []
    for value in values:
        common = {"source": source, "context": contexts[value.path], "order": value.order}
        if isinstance(value, StringSegmentValue):
            string_id = string_ids[hashes[value.string.data]]
            attrs = json.dumps(value.attrs, cls=DjangoJSONEncoder)
            string_segments.append(StringSegment(string_id=string_id, attrs=attrs, **common))
        elif isinstance(value, TemplateSegmentValue):
            namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format)
            template_id = template_ids[uuid.uuid5(namespace, value.template)]
            template_segments.append(TemplateSegment(template_id=template_id, **common))
        elif isinstance(value, OverridableSegmentValue):
            data_json = json.dumps(value.data, cls=DjangoJSONEncoder)
            overridable_segments.append(OverridableSegment(data_json=data_json, **common))
    StringSegment.objects.bulk_create(string_segments)
    TemplateSegment.objects.bulk_create(template_segments)
    OverridableSegment.objects.bulk_create(overridable_segments)
    return source
