"""The secretariat's entries: a read-only listing with filters and exports, the inspect view, and flags."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.coreutils import multigetattr
from wagtail.log_actions import registry as log_registry

from ..judging import eligibility
from ..judging.permissions import is_secretariat
from ..judging.rules import count_words
from ..models import (
    CompetitionPage,
    Entry,
    EntryGroup,
    EntryStatus,
    Organisation,
    Theme,
)
from ..templatetags.kipp_portal import round_datetime
from . import entry_actions, sinovik_views
from .open_entry import OpenEntryView

#: Prefix of the export columns that hold the word count of one section ("words:ringkasan").
WORDS_PREFIX = "words:"

#: Characters that make a spreadsheet program read a CSV cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Filters -----------------------------------------------------------------------------------------


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group):
        return f"{group.competition.title}: {group.name}"


class GroupFilter(django_filters.ModelChoiceFilter):
    field_class = GroupChoiceField


class EntryFilterSet(WagtailFilterSet):
    """Entries by round, status, group, organisation and theme."""

    competition = django_filters.ModelChoiceFilter(
        label=_("Round"), queryset=CompetitionPage.objects.order_by("-year", "title")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EntryStatus.choices)
    group = GroupFilter(
        label=_("Group"),
        queryset=EntryGroup.objects.select_related("competition").order_by(
            "-competition__year", "competition__title", "sort_order"
        ),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.all(), distinct=True
    )

    class Meta:
        model = Entry
        fields = ["competition", "status", "group", "organisation", "theme"]


def filter_entries(request, queryset):
    """``queryset`` narrowed by the listing's filters and search in ``request.GET`` (for bulk actions)."""
    filters = EntryFilterSet(data=request.GET, queryset=queryset, request=request)
    if filters.is_valid():
        queryset = filters.qs
    query = request.GET.get("q", "").strip()
    if query:
        queryset = queryset.filter(title__icontains=query) | queryset.filter(reference__icontains=query)
    return queryset


# Listing -----------------------------------------------------------------------------------------


def flag_count(entry: Entry) -> int:
    return len(getattr(entry, "eligibility_flags", ()))


def status_display(entry: Entry) -> str:
    return entry.get_status_display()


class EntryIndexView(generic.IndexView):
    """Entries of all rounds with their eligibility flags (computed for the page shown, in a few queries)."""

    any_permission_required = ["change"]
    export_headings = {
        "competition": _("Round"),
        "flag_count": _("Flags"),
        "flags": _("Eligibility flags"),
        "themes_display": _("Themes"),
        "sdgs_display": _("SDGs"),
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("competition", "organisation", "group")

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="entry"), *super().columns]

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Open a proposal"), url=reverse("kipp_entries:open"), icon_name="plus"),
        ]

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference links to the inspect view; a draft has none yet, so it shows "draft".
        return self._get_title_column_class(column_class)(
            field_name,
            label=capfirst(Entry._meta.get_field("reference").verbose_name),
            accessor=lambda entry: entry.reference or gettext("draft"),
            sort_key="reference",
            get_url=self.get_inspect_url,
            get_title_id=lambda entry: f"entry_{quote(entry.pk)}_title",
        )

    def get_table(self, object_list):
        entries = list(object_list)
        flags = eligibility.flags_for_entries(entries)
        for entry in entries:
            entry.eligibility_flags = flags[entry.pk]
        return super().get_table(entries)

    @cached_property
    def next_query(self) -> str:
        """``?next=`` back to this listing with its filters (not to the results fragment)."""
        params = self.request.GET.copy()
        params.pop("_w_filter_fragment", None)
        listing = self.index_url + (f"?{params.urlencode()}" if params else "")
        return "?" + urlencode({"next": listing})

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for position, (label, url, icon) in enumerate(entry_actions.action_links(instance)):
            buttons.append(MenuItem(label, url=url + self.next_query, icon_name=icon, priority=30 + position))
        return buttons

    # Export: fixed columns, then one word count per section of the entries' templates.

    def as_spreadsheet(self, queryset, spreadsheet_format):
        entries = list(
            queryset.select_related("competition", "organisation", "group").prefetch_related(
                "themes", "sdgs", "group__template__sections"
            )
        )
        flags = eligibility.flags_for_entries(entries)
        sections: dict[str, str] = {}
        for entry in entries:
            entry.eligibility_flags = flags[entry.pk]
            entry.themes_display = ", ".join(str(theme) for theme in entry.themes.all())
            entry.sdgs_display = ", ".join(str(goal.number) for goal in entry.sdgs.all())
            entry.section_keys = set()
            for section in self.get_spec_sections(entry):
                sections.setdefault(section["key"], section["heading"])
                entry.section_keys.add(section["key"])
        self.section_headings = sections
        self.list_export = [*self.list_export, *(WORDS_PREFIX + key for key in sections)]
        return super().as_spreadsheet(entries, spreadsheet_format)

    def write_csv_response(self, queryset):
        # Written at once, not streamed: a streamed body would be rendered after the admin's language
        # override ends, mixing the user's language with the site's.
        response = HttpResponse(b"".join(self.stream_csv(queryset)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def get_spec_sections(self, entry: Entry) -> list[dict]:
        """Sections of the template the entry was written against (snapshot, else its group's template)."""
        if entry.template_snapshot:
            return entry.template_snapshot.get("sections", [])
        return [section.as_dict() for section in entry.group.template.sections.all()]

    def get_heading(self, queryset, field):
        if field.startswith(WORDS_PREFIX):
            return gettext("Words: %(heading)s") % {
                "heading": self.section_headings[field[len(WORDS_PREFIX) :]]
            }
        if field in self.export_headings:
            return str(self.export_headings[field])
        return super().get_heading(Entry.objects.none(), field)

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            if field.startswith(WORDS_PREFIX):
                key = field[len(WORDS_PREFIX) :]
                row[field] = count_words(item.answer(key)) if key in item.section_keys else None
            elif field == "flag_count":
                row[field] = flag_count(item)
            elif field == "flags":
                row[field] = "\n".join(flag.message for flag in item.eligibility_flags)
            else:
                row[field] = self.get_export_value(item, field)
        return row

    def get_export_value(self, entry: Entry, field: str):
        """One cell of the export: choices by their label, times in the round's zone; may be overridden."""
        display = getattr(entry, f"get_{field}_display", None)
        if callable(display):
            return display()
        value = multigetattr(entry, field)
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, datetime.datetime):
            # Naive, in the round's zone: what the secretariat sees on screen, in both CSV and XLSX.
            return timezone.localtime(value, entry.competition.tzinfo).replace(tzinfo=None)
        return value

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value


# Inspect -----------------------------------------------------------------------------------------


class EntryInspectView(generic.InspectView):
    """Everything the secretariat checks: header fields, answers with word counts, files, flags, history."""

    any_permission_required = ["change"]
    template_name = "wagtail_kipp/admin/entry_inspect.html"

    def setup(self, request, *args, **kwargs):
        # Before the entry is looked up, so that nobody else can tell which entry numbers exist.
        if not is_secretariat(request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(
            Entry.objects.select_related(
                "competition",
                "organisation",
                "group__template",
                "innovation",
                "replicated_innovation",
                "submitted_by",
                "checked_by",
            ).prefetch_related("themes", "sdgs", "attachments"),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return str(self.object)

    @cached_property
    def header_buttons(self):
        return [
            *(
                HeaderButton(label, url=url, icon_name=icon)
                for label, url, icon in entry_actions.action_links(self.object)
            ),
            *sinovik_views.header_buttons(self.object),
        ]

    def get_fields_context(self):
        """The header fields of the proposal, dates in the round's zone; may be overridden."""
        entry = self.object
        competition = entry.competition

        def when(value):
            if not value:
                return ""
            return f"{round_datetime(value, competition)} {competition.timezone_label}".strip()

        def label(name):
            return capfirst(Entry._meta.get_field(name).verbose_name)

        def yes_no(value):
            if value is None:
                return ""
            return gettext("yes") if value else gettext("no")

        rows = [
            (label("reference"), entry.reference or gettext("not submitted yet")),
            (label("title"), entry.title),
            (label("competition"), competition.title),
            (label("group"), entry.group.name),
            (label("organisation"), entry.organisation.name),
            (label("status"), entry.get_status_display()),
            (label("submitted_at"), when(entry.submitted_at)),
            (label("submitted_by"), entry.submitted_by or ""),
            (label("started_on"), entry.started_on or ""),
            (label("innovation_stage"), entry.get_innovation_stage_display()),
            (label("is_digital"), yes_no(entry.is_digital)),
            (label("innovation"), entry.innovation or ""),
            (label("replicated_innovation"), entry.replicated_innovation or ""),
            (label("themes"), ", ".join(str(theme) for theme in entry.themes.all())),
            (label("sdgs"), ", ".join(str(goal) for goal in entry.sdgs.all())),
            (label("video_url"), entry.video_url),
            (label("innovator_name"), entry.innovator_name),
            (label("innovator_phone"), entry.innovator_phone),
            (label("innovator_email"), entry.innovator_email),
            (label("return_note"), entry.return_note),
            (label("late_until"), when(entry.late_until)),
            (label("checked_at"), when(entry.checked_at)),
            (label("checked_by"), entry.checked_by or ""),
            (label("check_reason"), entry.check_reason),
        ]
        return [{"label": name, "value": value, "component": None} for name, value in rows]

    def get_answers(self) -> tuple[list[dict], list[dict]]:
        """The template's sections with answer and word count, and answers to keys the template lacks."""
        entry = self.object
        spec = entry.get_template_spec()
        answers = entry.answers or {}
        sections = []
        for section in spec.get("sections", []):
            text = entry.answer(section["key"])
            words = count_words(text)
            limit = section.get("word_limit")
            sections.append(
                {**section, "text": text, "words": words, "over_limit": bool(limit and words > limit)}
            )
        known = {section["key"] for section in sections}
        others = [
            {"key": key, "text": entry.answer(key), "words": count_words(entry.answer(key))}
            for key in sorted(answers)
            if key not in known and entry.answer(key)
        ]
        return sections, others

    def get_attachments(self) -> list[dict]:
        entry = self.object
        by_slot = {attachment.slot: attachment for attachment in entry.attachments.all()}
        rows = []
        for slot in entry.get_template_spec().get("attachment_slots", []):
            rows.append({"slot": slot, "attachment": by_slot.pop(slot["key"], None)})
        rows.extend(
            {"slot": {"key": key, "label": key}, "attachment": a} for key, a in sorted(by_slot.items())
        )
        for row in rows:
            if row["attachment"]:
                row["download_url"] = reverse("kipp_entries:download", args=[entry.pk, row["slot"]["key"]])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections, other_answers = self.get_answers()
        context.update(
            entry=self.object,
            sections=sections,
            other_answers=other_answers,
            attachments=self.get_attachments(),
            flags=eligibility.flags_for_entry(self.object),
            history=log_registry.get_logs_for_instance(self.object)
            .select_related("user")
            .order_by("-timestamp", "-pk"),
        )
        return context


# The viewset ---------------------------------------------------------------------------------------


class EntryAdminURLFinder(ModelAdminURLFinder):
    """Entries have no edit view: links from the audit log and reports go to the inspect view."""

    edit_url_name = "kipp_entries:inspect"


class EntryViewSet(ModelViewSet):
    """
    The entries of all rounds for the secretariat: read-only for what entrants wrote.

    Decisions (check, approval, return, late exception) are small form views that go through
    :mod:`wagtail_kipp.judging.services`; see :mod:`wagtail_kipp.admin.entry_actions`.
    """

    model = Entry
    name = "kipp_entries"
    url_prefix = "kipp/entries"
    icon = "form"
    menu_label = _("Entries")
    index_view_class = EntryIndexView
    index_template_name = "wagtail_kipp/admin/entry_index.html"
    inspect_view_class = EntryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        "reference",
        "title",
        Column(
            "organisation",
            label=_("Organisation"),
            accessor="organisation.name",
            sort_key="organisation__name",
        ),
        Column("group", label=_("Group"), accessor="group.name"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=status_display,
            sort_key="status",
            primary=lambda entry: entry.status == EntryStatus.SUBMITTED,
        ),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        Column("flag_count", label=_("Flags"), accessor=flag_count),
    ]
    list_export = [
        "reference",
        "title",
        "competition",
        "group",
        "organisation",
        "status",
        "submitted_at",
        "started_on",
        "innovation_stage",
        "is_digital",
        "themes_display",
        "sdgs_display",
        "video_url",
        "innovator_name",
        "innovator_phone",
        "innovator_email",
        "check_reason",
        "flag_count",
        "flags",
    ]
    export_filename = "entries"
    filterset_class = EntryFilterSet
    search_fields = ["title", "reference"]
    search_backend_name = None
    ordering = ["-submitted_at", "-updated_at"]
    url_finder_class = EntryAdminURLFinder

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, copy or delete views: what entrants wrote is never changed here.
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )

    def get_urlpatterns(self):
        urlpatterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("open/", OpenEntryView.as_view(), name="open"),
        ]
        return urlpatterns + entry_actions.get_urlpatterns(self) + sinovik_views.get_urlpatterns()
