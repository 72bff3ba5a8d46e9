"""Template tags of the example portal: the language switcher and the main navigation."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every content language, or to that language's home page."""
    request = context["request"]
    page = context.get("page")
    names = dict(settings.LANGUAGES)
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    site = Site.find_for_request(request)
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        if target is None and site is not None:
            locale = Locale.objects.filter(language_code=code).first()
            root = site.root_page.get_translation_or_none(locale) if locale else None
            target = root if root is not None and root.live else None
        url = target.get_url(request) if target is not None else f"/{code}/"
        links.append({"code": code, "name": names[code], "url": url, "current": code == current})
    return {"links": links}


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The home page of the active language and its menu children."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    home = site.root_page.localized
    return [home, *home.get_children().live().in_menu()]
