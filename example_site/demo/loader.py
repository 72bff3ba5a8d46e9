"""Write the demo content to the database: idempotent, so a second run changes nothing and is quick.

Every object is looked up by a stable key (slug, username, image title) and only written when it is
missing or differs from what the generator produces. English pages are made with wagtail-localize from
the Indonesian ones, using the English text generated alongside the Indonesian.
"""

from __future__ import annotations

import html
import json
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationContext,
)

from home.models import ContentPage, HomePage
from wagtail_kipp.models import (
    Award,
    InnovationDocument,
    InnovationGalleryImage,
    InnovationIndexPage,
    InnovationPage,
    KippSettings,
    NewsIndexPage,
    Organisation,
    SustainableDevelopmentGoal,
    Theme,
)

from . import data, news
from .generate import InnovationSpec, build_innovations, select
from .localize import get_or_create_source
from .media import render_image, render_pdf
from .rounds import load_rounds
from .text import T

COLLECTION_NAME = "Demo"
WELCOME_TITLE = "Welcome to your new Wagtail site!"
BATCH = 20
BLOCK_NAMESPACE = uuid.UUID("0b1dd5ad-7c3e-4d77-9a7e-5ad1e2b3c026")

ADMIN = ("admin", "kipp-admin-2026", "admin@sukamaju.example")
EDITOR = ("editor", "kipp-editor-2026", "editor@sukamaju.example")


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    translated: int = 0
    images: int = 0
    documents: int = 0
    timings: list[tuple[str, float]] = field(default_factory=list)


class DemoLoader:
    def __init__(self, innovations: int | None = None, progress: Callable[[str], None] | None = None):
        self.limit = innovations
        self.progress = progress or (lambda message: None)
        self.report = Report()
        self.changed_pages: set[int] = set()
        #: Objects written in this run, indexed for search and references once at the end.
        self.touched: dict[type, set[int]] = defaultdict(set)

    # -- entry point ----------------------------------------------------------------------------------

    def run(self) -> Report:
        self.step("Locales, collection, themes and organisations", self.load_reference_data)
        specs = select(build_innovations(), self.limit)
        # Saving a page several times (create, revision, publish, translate) would update the search and
        # reference indexes each time; do it once per object at the end instead, even after an error, since
        # a second run skips what is already there.
        try:
            with deferred_indexing():
                self.step("Site pages and settings", self.load_site)
                self.step(f"{len(specs)} innovations (Indonesian)", lambda: self.load_innovations(specs))
                self.step("English translations", lambda: self.translate_all(specs))
        finally:
            self.step("Search and reference indexes", self.update_indexes)
        self.step("Demo accounts", self.load_users)
        self.step("Competition rounds and proposals", lambda: load_rounds(self))
        self.step("News and the home page's blocks", self.load_news)
        return self.report

    def step(self, label: str, function: Callable[[], None]) -> None:
        started = time.monotonic()
        self.progress(f"{label} ...")
        function()
        elapsed = time.monotonic() - started
        self.report.timings.append((label, elapsed))
        self.progress(f"{label}: done in {elapsed:.1f}s")

    # -- reference data ---------------------------------------------------------------------------------

    @transaction.atomic
    def load_reference_data(self) -> None:
        self.id_locale = Locale.objects.get_or_create(language_code="id")[0]
        self.en_locale = Locale.objects.get_or_create(language_code="en")[0]

        root_collection = Collection.get_first_root_node()
        collection = root_collection.get_children().filter(name=COLLECTION_NAME).first()
        self.collection = collection or root_collection.add_child(name=COLLECTION_NAME)

        self.themes = {}
        for order, theme in enumerate(data.THEMES, start=1):
            values = {
                "name": theme.name,
                "name_en": theme.name_en,
                "description": theme.description,
                "sort_order": order,
            }
            self.themes[theme.slug] = upsert(Theme, {"slug": theme.slug}, values)
        self.sdgs = {sdg.number: sdg for sdg in SustainableDevelopmentGoal.objects.all()}

        self.organisations = {}
        for org in data.ORGANISATIONS:
            values = {
                "name": org.name,
                "acronym": org.acronym,
                "kind": org.kind,
                "parent": self.organisations[org.parent] if org.parent else None,
                "website": f"https://{slugify(org.acronym)}.sukamaju.example"
                if org.kind in ("dinas", "badan")
                else "",
                "active": True,
            }
            self.organisations[org.slug] = upsert(Organisation, {"slug": org.slug}, values)

    # -- site -----------------------------------------------------------------------------------------

    @transaction.atomic
    def load_site(self) -> None:
        root = Page.get_first_root_node()
        home_text = data.HOME_PAGE
        self.home = self.upsert_page(
            root, HomePage, home_text.slug, {"title": home_text.title.id, "intro": rich_text(home_text.body)}
        )
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        if site.pk is None or site.root_page_id != self.home.pk or site.site_name != data.SITE_NAME:
            site.root_page = self.home
            site.site_name = data.SITE_NAME
            site.save()
        self.site = site
        for welcome in Page.objects.filter(depth=2, title=WELCOME_TITLE, content_type=base_page_type()):
            if not Site.objects.filter(root_page=welcome).exists() and not welcome.get_children().exists():
                welcome.delete()

        catalogue_text = data.CATALOGUE_PAGE
        self.catalogue = self.upsert_page(
            self.home,
            InnovationIndexPage,
            catalogue_text.slug,
            {
                "title": catalogue_text.title.id,
                "intro": rich_text(catalogue_text.body),
                "show_in_menus": True,
            },
        )
        # Earlier demos had a plain content page where the news area now is.
        for old_news in ContentPage.objects.child_of(self.home).filter(slug=data.NEWS_PAGE.slug):
            for translation in old_news.get_translations(inclusive=True):
                translation.delete()
        self.news_index = self.upsert_page(
            self.home,
            NewsIndexPage,
            data.NEWS_PAGE.slug,
            {
                "title": data.NEWS_PAGE.title.id,
                "intro": rich_text(data.NEWS_PAGE.body),
                "show_in_menus": True,
            },
        )
        self.content_pages = [
            self.upsert_page(
                self.home,
                ContentPage,
                text.slug,
                {"title": text.title.id, "body": stream_body(text.slug, text.body), "show_in_menus": True},
            )
            for text in (data.ABOUT_PAGE,)
        ]
        call_to_action = home_text.extra["call_to_action"].id
        self.home = self.upsert_page(
            root,
            HomePage,
            home_text.slug,
            {
                "title": home_text.title.id,
                "intro": rich_text(home_text.body),
                "call_to_action": call_to_action,
                "call_to_action_page": self.catalogue,
            },
        )

        settings = KippSettings.for_site(site)
        values = {
            "government_name": data.GOVERNMENT_NAME,
            "secretariat_name": data.SECRETARIAT_NAME,
            "secretariat_email": data.SECRETARIAT_EMAIL,
            "secretariat_phone": data.SECRETARIAT_PHONE,
            "reference_prefix": data.REFERENCE_PREFIX,
            "default_timezone": "Asia/Jakarta",
        }
        if any(getattr(settings, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(settings, name, value)
            settings.save()

    def load_news(self) -> None:
        """The news area's stories, the results stories the package drafted, and the home page's blocks."""
        news.load_news_area(self)
        news.publish_results_news(self)
        home_text = data.HOME_PAGE
        self.home = self.upsert_page(
            Page.get_first_root_node(),
            HomePage,
            home_text.slug,
            {
                "title": home_text.title.id,
                "intro": rich_text(home_text.body),
                "call_to_action": home_text.extra["call_to_action"].id,
                "call_to_action_page": self.catalogue,
                "body": news.home_blocks(self),
            },
        )
        self.translate(self.home, strings_for_page(home_text, with_cta=True))
        self.update_indexes()

    def upsert_page(
        self, parent, model, slug: str, values: dict, extra: Callable | None = None, published_at=None
    ):
        """Create or update the page ``slug`` below ``parent``; publish only when something changed."""
        page = model.objects.child_of(parent).filter(slug=slug, locale=self.id_locale).first()
        created = page is None
        if created:
            # Publishing keeps a first publication date that is already set.
            page = model(slug=slug, locale=self.id_locale, first_published_at=published_at)
        changed = assign(page, values)
        if extra is not None:
            changed = extra(page) or changed
        if created:
            parent.add_child(instance=page)  # validates the page (full_clean) as it saves it
            self.report.created += 1
        elif changed or not page.live or page.has_unpublished_changes:
            self.report.updated += 1
        else:
            self.report.unchanged += 1
            return page
        page.save_revision(clean=not created).publish()
        self.changed_pages.add(page.pk)
        self.touched[type(page)].add(page.pk)
        return page

    # -- innovations ----------------------------------------------------------------------------------

    def load_innovations(self, specs: list[InnovationSpec]) -> None:
        self.existing_images = {
            image.title: image for image in get_image_model().objects.filter(collection=self.collection)
        }
        self.existing_documents = {
            document.title: document
            for document in get_document_model().objects.filter(collection=self.collection)
        }
        self.pages: dict[str, InnovationPage] = {}
        # Draw the missing pictures and PDFs on another core while this one writes pages.
        with ThreadPoolExecutor(max_workers=2) as pool:
            self.rendered = {}
            for spec in specs:
                for image in [spec.image, *(image for image, _caption in spec.gallery)]:
                    if image.title not in self.existing_images:
                        self.rendered[image.key] = pool.submit(render_image, image)
                for document in spec.documents:
                    if document.title.id not in self.existing_documents:
                        self.rendered[document.key] = pool.submit(render_pdf, document)
            for start in range(0, len(specs), BATCH):
                with transaction.atomic():
                    for spec in specs[start : start + BATCH]:
                        self.pages[spec.slug] = self.load_innovation(spec)
                self.progress(f"  innovations {min(start + BATCH, len(specs))}/{len(specs)}")

    def load_innovation(self, spec: InnovationSpec) -> InnovationPage:
        values = {
            "title": spec.title.id,
            "organisation": self.organisations[spec.org.slug],
            "summary": spec.summary.id,
            "started_on": spec.started_on,
            "stage": spec.stage,
            "is_digital": spec.is_digital,
            "innovation_form": spec.innovation_form,
            "initiator": spec.initiator,
            "innovator_name": spec.innovator.id,
            "image": self.image(spec.image),
            "body": spec.body,
            "video_url": spec.video_url,
            "still_running": spec.still_running,
            "replicated_elsewhere": spec.replicated_elsewhere.id,
        }
        relations = {
            "themes": [self.themes[slug] for slug in spec.themes],
            "sdgs": [self.sdgs[number] for number in spec.sdgs],
            "replicates": [self.pages[spec.origin.slug]] if spec.origin else [],
        }
        children = {
            "awards": [
                Award(year=a.year, competition=a.competition.id, level=a.level, tier=a.tier, note=a.note.id)
                for a in spec.awards
            ],
            "gallery_images": [
                InnovationGalleryImage(image=self.image(image), caption=caption.id)
                for image, caption in spec.gallery
            ],
            "documents": [
                InnovationDocument(document=self.document(document), title=document.title.id)
                for document in spec.documents
            ],
        }

        def extra(page) -> bool:
            return assign_relations(page, relations, children)

        return self.upsert_page(self.catalogue, InnovationPage, spec.slug, values, extra, spec.published_at)

    def image(self, spec):
        image = self.existing_images.get(spec.title)
        if image is None:
            image = get_image_model()(
                title=spec.title,
                collection=self.collection,
                file=ContentFile(self.rendered_bytes(spec.key, render_image, spec), name=f"{spec.key}.jpg"),
            )
            if hasattr(image, "description"):
                image.description = f"{spec.heading}: {spec.subheading}"[:255]
            if hasattr(image, "_set_image_file_metadata"):
                image._set_image_file_metadata()
            image.save()
            self.touched[type(image)].add(image.pk)
            self.existing_images[spec.title] = image
            self.report.images += 1
        return image

    def rendered_bytes(self, key: str, render: Callable, spec) -> bytes:
        future = getattr(self, "rendered", {}).pop(key, None)
        return future.result() if future is not None else render(spec)

    def document(self, spec):
        document = self.existing_documents.get(spec.title.id)
        if document is None:
            document = get_document_model()(
                title=spec.title.id,
                collection=self.collection,
                file=ContentFile(self.rendered_bytes(spec.key, render_pdf, spec), name=f"{spec.key}.pdf"),
            )
            if hasattr(document, "_set_document_file_metadata"):
                document._set_document_file_metadata()
            document.save()
            self.touched[type(document)].add(document.pk)
            self.existing_documents[spec.title.id] = document
            self.report.documents += 1
        return document

    # -- translations ---------------------------------------------------------------------------------

    def translate_all(self, specs: list[InnovationSpec]) -> None:
        with transaction.atomic():
            self.translate(self.home, strings_for_page(data.HOME_PAGE, with_cta=True))
            self.translate(self.catalogue, strings_for_page(data.CATALOGUE_PAGE))
            self.translate(self.news_index, strings_for_page(data.NEWS_PAGE))
            for page, text in zip(self.content_pages, (data.ABOUT_PAGE,), strict=True):
                self.translate(page, strings_for_page(text))
        for start in range(0, len(specs), BATCH):
            with transaction.atomic():
                for spec in specs[start : start + BATCH]:
                    page = self.pages[spec.slug]
                    self.translate(
                        page, spec.strings, lambda target, spec=spec: self.localise_innovation(target, spec)
                    )
            self.progress(f"  translations {min(start + BATCH, len(specs))}/{len(specs)}")

    def translate(self, page, strings: dict[str, str], localise: Callable | None = None) -> None:
        """Create or refresh the English translation of ``page`` when it is missing or out of date."""
        target = page.get_translation_or_none(self.en_locale)
        expected_title = strings.get(page.title, page.title)
        if (
            target is not None
            and target.live
            and not target.has_unpublished_changes
            and target.title == expected_title
            and page.pk not in self.changed_pages
        ):
            return
        prefill_contexts(page)
        source = get_or_create_source(page)
        segments = list(StringSegment.objects.filter(source=source).select_related("string"))
        existing = {
            (translation.translation_of_id, translation.context_id): translation
            for translation in StringTranslation.objects.filter(
                locale=self.en_locale, translation_of__in=[s.string_id for s in segments]
            )
        }
        new, changed = [], []
        for segment in segments:
            english = lookup(strings, segment.string.data)
            if english is None:
                continue  # names and slugs stay as they are; wagtail-localize falls back to the source
            current = existing.get((segment.string_id, segment.context_id))
            if current is None:
                new.append(
                    StringTranslation(
                        translation_of_id=segment.string_id,
                        locale=self.en_locale,
                        context_id=segment.context_id,
                        data=english,
                        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    )
                )
            elif current.data != english:
                current.data = english
                changed.append(current)
        StringTranslation.objects.bulk_create(new)
        StringTranslation.objects.bulk_update(changed, ["data"])
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=self.en_locale)
        # Save a draft: with publish=True wagtail-localize would publish only after the transaction commits.
        translation.save_target(publish=False)
        target = page.get_translation(self.en_locale).specific
        revision = target.latest_revision
        if localise is not None:
            # Complete the draft wagtail-localize just saved (the latest revision), then publish it.
            localise(target)
            revision.content = target.serializable_data()
            revision.save(update_fields=["content"])
        revision.publish()
        self.touched[type(target)].add(target.pk)
        self.report.translated += 1

    def localise_innovation(self, target: InnovationPage, spec: InnovationSpec) -> None:
        """Parts wagtail-localize copies unchanged: point at English pages and use English child texts."""
        target.first_published_at = target.first_published_at or self.pages[spec.slug].first_published_at
        if spec.origin is not None:
            origin = self.pages[spec.origin.slug].get_translation_or_none(self.en_locale)
            target.replicates.set([origin or self.pages[spec.origin.slug]])
        target.awards = [
            Award(
                year=a.year,
                competition=a.competition.en,
                level=a.level,
                tier=a.tier,
                note=a.note.en,
                sort_order=i,
            )
            for i, a in enumerate(spec.awards)
        ]
        target.gallery_images = [
            InnovationGalleryImage(image=self.image(image), caption=caption.en, sort_order=i)
            for i, (image, caption) in enumerate(spec.gallery)
        ]
        target.documents = [
            InnovationDocument(document=self.document(document), title=document.title.en, sort_order=i)
            for i, document in enumerate(spec.documents)
        ]

    # -- indexes ----------------------------------------------------------------------------------------

    def update_indexes(self) -> None:
        backends = list(search_backends())
        for model, keys in self.touched.items():
            objects = list(model.objects.filter(pk__in=keys))
            for backend in backends:
                backend.add_bulk(model, objects)
            if issubclass(model, Page):
                with transaction.atomic():
                    for obj in objects:
                        ReferenceIndex.create_or_update_for_object(obj)

    # -- accounts -------------------------------------------------------------------------------------

    @transaction.atomic
    def load_users(self) -> None:
        user_model = get_user_model()
        username, password, email = ADMIN
        admin, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "email": email,
                "first_name": "Admin",
                "last_name": "Portal",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if created or not admin.is_superuser or not admin.check_password(password):
            admin.is_staff = admin.is_superuser = admin.is_active = True
            admin.set_password(password)
            admin.save()
        username, password, email = EDITOR
        editor, created = user_model.objects.get_or_create(
            username=username,
            defaults={"email": email, "first_name": "Editor", "last_name": "Bagian Organisasi"},
        )
        if created or not editor.check_password(password):
            editor.is_active = True
            editor.set_password(password)
            editor.save()
        editors, _created = Group.objects.get_or_create(name="Editors")
        editor.groups.add(editors)


# -- helpers ----------------------------------------------------------------------------------------------


def upsert(model, lookup: dict, values: dict):
    """Get-or-create ``model`` by ``lookup``; save only when a value differs."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    if assign(instance, values):
        instance.save()
    return instance


def assign(instance, values: dict) -> bool:
    """Set attributes; return whether any of them changed."""
    changed = False
    for name, value in values.items():
        if comparable(getattr(instance, name, None)) != comparable(value):
            setattr(instance, name, value)
            changed = True
    return changed


def comparable(value):
    if hasattr(value, "get_prep_value") and hasattr(value, "stream_block"):
        return json.loads(json.dumps(value.get_prep_value(), default=str))
    if isinstance(value, list):
        return json.loads(json.dumps(value, default=str))
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return ("object", value.pk)
    if hasattr(value, "source") and value.__class__.__name__ == "RichText":
        return value.source
    return value


def assign_relations(page, relations: dict[str, list], children: dict[str, list]) -> bool:
    changed = False
    for name, objects in relations.items():
        manager = getattr(page, name)
        current = sorted(obj.pk for obj in manager.all()) if page.pk else []
        if current != sorted(obj.pk for obj in objects):
            manager.set(objects)
            changed = True
    for name, objects in children.items():
        fields = (
            [
                field.attname
                for field in objects[0]._meta.concrete_fields
                # An award's entry is the round's link to it (see demo.jury), not catalogue data.
                if field.attname not in ("id", "page_id", "sort_order", "entry_id")
            ]
            if objects
            else []
        )
        current = [[getattr(obj, f) for f in fields] for obj in getattr(page, name).all()] if page.pk else []
        wanted = [[getattr(obj, f) for f in fields] for obj in objects]
        if sorted(map(repr, current)) != sorted(map(repr, wanted)) or (not objects and current):
            for order, obj in enumerate(objects):
                obj.sort_order = order
            setattr(page, name, objects)
            changed = True
    return changed


def rich_text(body) -> str:
    return "".join(
        f"<p>{html.escape(text.id, quote=False)}</p>" for kind, text in body if kind == "paragraph"
    )


def stream_body(slug: str, body) -> list[dict]:
    """Raw StreamField data with block ids derived from the slug, so that every run writes the same."""
    blocks = []
    for index, (kind, text) in enumerate(body):
        value = text.id if kind == "heading" else f"<p>{html.escape(text.id, quote=False)}</p>"
        blocks.append(
            {"type": kind, "value": value, "id": str(uuid.uuid5(BLOCK_NAMESPACE, f"{slug}/{index}"))}
        )
    return blocks


def strings_for_page(text: data.PageText, with_cta: bool = False) -> dict[str, str]:
    strings = {text.title.id: text.title.en}
    for kind, part in text.body:
        if kind == "heading":
            strings[part.id] = part.en
        else:
            strings[html.escape(part.id, quote=False)] = html.escape(part.en, quote=False)
    if with_cta:
        cta: T = text.extra["call_to_action"]
        strings[cta.id] = cta.en
    if "slug_en" in text.extra:
        strings[text.slug] = text.extra["slug_en"]
    return strings


def prefill_contexts(page) -> None:
    """
    Create the translation contexts of ``page`` with their field paths, which wagtail-localize would otherwise
    work out and save one by one. Only a speed-up: whatever is missing here, wagtail-localize creates.
    """
    # Context paths as wagtail-localize writes them, with their "field paths" (block types instead of ids).
    paths = {"title": "title", "slug": "slug"}
    for name in ("summary", "innovator_name", "replicated_elsewhere", "intro", "call_to_action"):
        if getattr(page, name, ""):
            paths[name] = name
    for name in ("organisation", "image", "call_to_action_page", "video_url"):
        if getattr(page, f"{name}_id", None) or (name == "video_url" and getattr(page, name, "")):
            paths[name] = name
    body = getattr(page, "body", None)
    for block in body.raw_data if body is not None else []:
        value = block["value"]
        if isinstance(value, dict):
            for name, child in value.items():
                if child:
                    paths[f"body.{block['id']}.{name}"] = f"body.{block['type']}.{name}"
        elif value:
            paths[f"body.{block['id']}"] = f"body.{block['type']}"
    translatable, _created = TranslatableObject.objects.get_or_create_from_instance(page)
    TranslationContext.objects.bulk_create(
        [
            TranslationContext(
                object=translatable,
                path=path,
                path_id=TranslationContext._get_path_id(path),
                field_path=field_path,
            )
            for path, field_path in paths.items()
        ],
        ignore_conflicts=True,
    )


def lookup(strings: dict[str, str], source: str) -> str | None:
    if source in strings:
        return strings[source]
    unescaped = html.unescape(source)
    if unescaped in strings:
        return html.escape(strings[unescaped], quote=False)
    return None


@contextmanager
def deferred_indexing():
    """Switch off per-save search indexing of pages and images, and reference indexing, for a bulk load."""
    try:
        from modelsearch.signal_handlers import post_save_signal_handler
    except ImportError:  # an older Wagtail: keep indexing on every save
        post_save_signal_handler = None
    models = [
        HomePage,
        ContentPage,
        InnovationIndexPage,
        InnovationPage,
        get_image_model(),
        get_document_model(),
    ]
    disconnected = []
    if post_save_signal_handler is not None:
        disconnected = [m for m in models if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def search_backends():
    try:
        from modelsearch.backends import get_search_backends
    except ImportError:
        from wagtail.search.backends import get_search_backends
    return get_search_backends(with_auto_update=True)


def base_page_type():
    return ContentType.objects.get_for_model(Page, for_concrete_model=False)
