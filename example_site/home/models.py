"""The example portal's own pages: the home page and simple content pages (such as the news area)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from wagtail_kipp.blocks import PORTAL_BLOCKS
from wagtail_kipp.models import InnovationIndexPage, InnovationPage


class HomePage(Page):
    """The portal's front page: a welcome, the latest innovations and a call to action."""

    intro = RichTextField(_("introduction"), blank=True)
    call_to_action = models.CharField(_("call to action"), max_length=255, blank=True)
    call_to_action_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call to action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    body = StreamField(
        PORTAL_BLOCKS,
        verbose_name=_("blocks"),
        blank=True,
        help_text=_("Competition blocks shown below the introduction: the call for proposals, winners ..."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("call_to_action"),
        FieldPanel("call_to_action_page"),
        FieldPanel("body"),
    ]
    subpage_types = [
        "wagtail_kipp.InnovationIndexPage",
        "wagtail_kipp.CompetitionPage",
        "wagtail_kipp.NewsIndexPage",
        "home.ContentPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = InnovationIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        context["latest_innovations"] = (
            InnovationPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .select_related("organisation", "image")
            .prefetch_related("awards")
            .order_by("-first_published_at", "-pk")[:6]
        )
        return context


class ContentPage(Page):
    """A plain page of text, used by the demo for the news area and the about page."""

    body = StreamField(
        [
            ("heading", blocks.CharBlock(label=_("heading"))),
            ("paragraph", blocks.RichTextBlock(label=_("paragraph"))),
        ],
        verbose_name=_("body"),
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
