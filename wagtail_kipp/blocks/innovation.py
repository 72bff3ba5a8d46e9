"""The blocks of an innovation record's description: sections, figures, measured results, video, quotes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class SectionBlock(blocks.StructBlock):
    """A headed section of an innovation record: design, aims, benefits, results and so on."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"])

    class Meta:
        icon = "doc-full"
        label = _("section")
        template = "wagtail_kipp/blocks/section.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("figure")
        template = "wagtail_kipp/blocks/figure.html"


class FactBlock(blocks.StructBlock):
    """A measured result, such as 'waiting time: 3 days -> 2 hours'."""

    label = blocks.CharBlock(label=_("what was measured"), max_length=120)
    before = blocks.CharBlock(label=_("before"), required=False, max_length=80)
    after = blocks.CharBlock(label=_("after"), max_length=80)

    class Meta:
        icon = "list-ul"
        label = _("result figure")
        template = "wagtail_kipp/blocks/fact.html"


class InnovationBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    figure = FigureBlock()
    result = FactBlock()
    video = EmbedBlock(label=_("video"), icon="media")
    quote = blocks.BlockQuoteBlock(label=_("quote"))

    class Meta:
        block_counts = {}
