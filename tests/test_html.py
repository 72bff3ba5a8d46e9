"""Public pages are well-formed HTML with labelled controls, image alternatives and one main heading."""

import datetime
import re

import html5lib
import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file


@pytest.fixture
def pages(catalogue, make_innovation, make_theme):
    image = get_image_model().objects.create(title="Foto", file=get_test_image_file())
    theme = make_theme("Kesehatan", "Health")
    innovation = make_innovation(
        "Posyandu Digital",
        themes=[theme],
        sdgs=[3],
        image=image,
        started_on=datetime.date(2021, 1, 1),
        awards=[{"year": 2022, "competition": "KIPP", "level": "lokal", "tier": "juara_1"}],
    )
    make_innovation("Rapor Daring")
    return ["/", "/katalog/", "/katalog/?theme=kesehatan&q=posyandu", "/katalog/?year=bad", innovation.url]


def test_pages_parse_as_strict_html5(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse(html)
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{url}: {error}")


def test_controls_are_labelled_and_images_have_alt(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        labels = set(re.findall(r'<label for="([^"]+)"', html))
        for control_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html):
            assert control_id in labels, f"{url}: #{control_id} has no label"
        for tag in re.findall(r"<img\b[^>]*>", html):
            assert " alt=" in tag, f"{url}: {tag}"
        assert html.count("<h1") == 1, url
