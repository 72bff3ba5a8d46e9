"""Proposal templates in the admin: a snippet viewset where the national presets are copied, never changed."""

from __future__ import annotations

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, ProtectedError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView, InspectView, SnippetViewSet

from ..models import ProposalTemplate


def is_in_use(template: ProposalTemplate) -> bool:
    """Whether an entry group of some round uses ``template`` (it cannot be deleted then)."""
    group_count = getattr(template, "group_count", None)
    if group_count is not None:
        return group_count > 0
    return template.pk is not None and template.entry_groups.exists()


class ProposalTemplatePermissionPolicy(ModelPermissionPolicy):
    """
    Model permissions, except that nobody changes or deletes a preset, or deletes a template in use.

    A preset is the national form as shipped; a round that needs changes works on a copy (Duplicate).
    """

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and instance.preset:
            return False
        if action == "delete" and is_in_use(instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)


proposal_template_permission_policy = ProposalTemplatePermissionPolicy(ProposalTemplate)
# Registered on import, which wagtail_hooks does first, before Wagtail asks for a fallback policy.
register_permission_policy(ProposalTemplate, proposal_template_permission_policy)


def preset_refusal_message(template: ProposalTemplate) -> str:
    return gettext(
        "“%(name)s” is a national preset and cannot be changed or deleted. "
        "Duplicate it to get a copy that your round can change."
    ) % {"name": template.name}


def in_use_message(template: ProposalTemplate) -> str:
    groups = template.entry_groups.select_related("competition").order_by("competition__title", "sort_order")
    names = ", ".join(f"{group.competition.title}: {group.name}" for group in groups)
    return gettext(
        "“%(name)s” cannot be deleted because entry groups use it: %(groups)s. "
        "Choose another template for those groups first."
    ) % {"name": template.name, "groups": names}


def duplicate_buttons(view, template: ProposalTemplate, button_class) -> list:
    """The Duplicate button, for users who may add templates."""
    if not view.user_has_permission("add"):
        return []
    url = reverse(view.duplicate_url_name, args=[quote(template.pk)])
    return [button_class(_("Duplicate"), url=url, icon_name="copy", priority=15)]


class ProposalTemplateIndexView(IndexView):
    duplicate_url_name = None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                section_count=Count("sections", distinct=True),
                group_count=Count("entry_groups", distinct=True),
            )
        )

    def get_edit_url(self, instance):
        if instance.preset:
            return None
        return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if instance.preset or is_in_use(instance):
            return None
        return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.extend(duplicate_buttons(self, instance, MenuItem))
        return buttons


class ProposalTemplateEditView(EditView):
    """Editing refuses presets with a message and shows them read-only instead."""

    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if self.object.preset and self.user_has_permission("change"):
            messages.warning(request, preset_refusal_message(self.object))
            return redirect(self.inspect_url_name, quote(self.object.pk))
        return super().dispatch(request, *args, **kwargs)


class ProposalTemplateDeleteView(DeleteView):
    """Deleting refuses presets and templates in use with a clear message (never the PROTECT error)."""

    inspect_url_name = None

    def refuse(self, message: str):
        messages.error(self.request, message)
        return redirect(self.inspect_url_name, quote(self.object.pk))

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission("delete"):
            raise PermissionDenied
        if self.object.preset:
            return self.refuse(preset_refusal_message(self.object))
        if is_in_use(self.object):
            return self.refuse(in_use_message(self.object))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            # A group chose the template while the confirmation page was open.
            return self.refuse(in_use_message(self.object))


class ProposalTemplateInspectView(InspectView):
    """The template with its sections and attachment slots; the place a preset is read."""

    template_name = "wagtail_kipp/admin/proposal_template_inspect.html"
    duplicate_url_name = None

    def get_object(self, queryset=None):
        return ProposalTemplate.objects.annotate(group_count=Count("entry_groups")).get(pk=self.pk)

    def get_edit_url(self):
        if self.object.preset:
            return None
        return super().get_edit_url()

    def get_delete_url(self):
        if self.object.preset or is_in_use(self.object):
            return None
        return super().get_delete_url()

    @cached_property
    def header_more_buttons(self):
        return super().header_more_buttons + duplicate_buttons(self, self.object, Button)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            sections=list(self.object.sections.all()),
            attachment_slots=list(self.object.attachment_slots.all()),
            entry_groups=list(
                self.object.entry_groups.select_related("competition").order_by("competition__title")
            ),
            preset_message=preset_refusal_message(self.object) if self.object.preset else "",
        )
        return context


class DuplicateForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=255)


class DuplicateView(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, FormView):
    """Make an editable copy of a template (a preset, usually) with all its sections and slots (POST)."""

    model = ProposalTemplate
    permission_required = "add"
    form_class = DuplicateForm
    template_name = "wagtail_kipp/admin/form_action.html"
    page_title = _("Duplicate")
    header_icon = "copy"
    index_url_name = None
    edit_url_name = None

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": capfirst(self.model._meta.verbose_name_plural)},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_initial(self):
        return {"name": gettext("%(name)s (copy)") % {"name": self.object.name}}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            intro=gettext(
                "The copy gets all sections and attachment slots of “%(name)s”; you can then change it "
                "and choose it for your round's entry groups."
            )
            % {"name": self.object.name},
            submit_label=gettext("Make the copy"),
            cancel_url=get_valid_next_url_from_request(self.request) or reverse(self.index_url_name),
        )
        return context

    def form_valid(self, form):
        copy = self.object.duplicate(name=form.cleaned_data["name"])
        log(copy, "wagtail.create", user=self.request.user)
        messages.success(
            self.request,
            gettext("“%(copy)s” is a copy of “%(name)s”; adapt it to your round here.")
            % {"copy": copy.name, "name": self.object.name},
        )
        return redirect(self.edit_url_name, quote(copy.pk))


class ProposalTemplateViewSet(SnippetViewSet):
    """Proposal forms: the shipped national presets (read-only, duplicable) and the rounds' own templates."""

    model = ProposalTemplate
    icon = "form"
    menu_label = _("Proposal templates")
    index_view_class = ProposalTemplateIndexView
    edit_view_class = ProposalTemplateEditView
    delete_view_class = ProposalTemplateDeleteView
    inspect_view_class = ProposalTemplateInspectView
    inspect_view_enabled = True
    # Wagtail's copy would keep the preset mark; Duplicate makes a clean, editable copy.
    copy_view_enabled = False
    list_display = [
        "name",
        Column("preset", label=_("National preset"), sort_key="preset"),
        Column("section_count", label=_("Sections"), sort_key="section_count"),
        Column("group_count", label=_("Used by groups"), sort_key="group_count"),
    ]
    search_fields = ["name", "description"]
    ordering = ["name"]
    inspect_view_fields = ["name", "description", "preset"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(duplicate_url_name=self.get_url_name("duplicate"), **kwargs)

    @property
    def duplicate_view(self):
        return self.construct_view(DuplicateView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("duplicate/<int:pk>/", self.duplicate_view, name="duplicate"),
        ]
