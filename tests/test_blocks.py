"""The portal blocks: what they show, what they never show, in which language, and their admin preview."""

from __future__ import annotations

import datetime

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests.judged import TITLES, publish, publish_final
from wagtail_kipp.blocks import (
    PORTAL_BLOCKS,
    CallForProposalsBlock,
    InnovationCardBlock,
    LatestWinnersBlock,
    NewsBodyBlock,
    ResultsTableBlock,
    RoundTimelineBlock,
)
from wagtail_kipp.models import Award

CARD, WINNERS, TIMELINE, RESULTS, CALL = (block for _name, block in PORTAL_BLOCKS)
UTC = datetime.UTC

#: The top entry's desk score, as English or Indonesian number formatting shows it.
SCORE_STRINGS = ("88.89", "88,89")


def render(block, page=None, language="id", **values) -> str:
    """``block`` with ``values`` (the rest at their defaults) as it renders on ``page`` in ``language``."""
    value = block.get_default()
    value.update(values)
    with translation.override(language):
        html = block.render(value, {"page": page, "request": None})
    assert_strict_html(html)
    return html


def assert_strict_html(fragment: str) -> None:
    document = f'<!DOCTYPE html><html lang="id"><head><title>Uji</title></head><body>{fragment}</body></html>'
    try:
        html5lib.HTMLParser(strict=True).parse(document)
    except html5lib.html5parser.ParseError as error:
        pytest.fail(f"{error}\n{fragment}")
    assert all(" alt=" in tag for tag in fragment.split("<img")[1:]), fragment


def translate(page, locale, title: str | None = None):
    """Publish an English translation of ``page`` (its parent must be translated already)."""
    copy = page.copy_for_translation(locale)
    if title:
        copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def english_home(home_page, en_locale):
    return translate(home_page, en_locale)


def english_url(page) -> str:
    with translation.override("en"):
        return page.url


def win(year: int, tier: str = "juara_1", competition: str = "KIPP Kota Uji") -> dict:
    return {"year": year, "competition": competition, "level": "lokal", "tier": tier}


# The package's blocks --------------------------------------------------------------------------------------


def test_the_news_body_keeps_its_blocks_first_and_offers_every_portal_block():
    names = list(NewsBodyBlock().child_blocks)
    assert names[:5] == ["heading", "paragraph", "figure", "video", "quote"]
    assert names[5:] == [name for name, _block in PORTAL_BLOCKS]
    assert [type(block) for _name, block in PORTAL_BLOCKS] == [
        InnovationCardBlock,
        LatestWinnersBlock,
        RoundTimelineBlock,
        ResultsTableBlock,
        CallForProposalsBlock,
    ]
    for _name, block in PORTAL_BLOCKS:
        assert block.meta.icon and block.meta.template
        assert str(block.meta.label) and str(block.get_description())
        assert block.is_previewable


def test_a_stored_news_body_renders_a_portal_block_from_its_json(make_innovation, home_page):
    innovation = make_innovation("Kartu dari JSON")
    body = NewsBodyBlock()
    stream = body.to_python(
        [
            {"type": "heading", "value": "Pilihan redaksi", "id": "a"},
            {
                "type": "innovation_card",
                "value": {"innovation": innovation.pk, "note": "Catatan."},
                "id": "b",
            },
        ]
    )
    with translation.override("id"):
        html = body.render(stream, {"page": home_page, "request": None})
    assert "Pilihan redaksi" in html and "Kartu dari JSON" in html and "Catatan." in html


# Innovation card -------------------------------------------------------------------------------------------


def test_the_card_shows_a_live_innovation_like_the_catalogue(make_innovation, make_organisation, home_page):
    innovation = make_innovation(
        "Posyandu Digital", organisation=make_organisation("Dinas Kesehatan Uji"), awards=[win(2024)]
    )
    html = render(CARD, home_page, innovation=innovation, note="Juara tahun lalu.")
    assert '<ul class="kipp-cards' in html and 'class="kipp-card"' in html
    assert f'href="{innovation.url}"' in html and "Posyandu Digital" in html
    assert "Dinas Kesehatan Uji" in html and "Juara tahun lalu." in html
    assert "kipp-badge--win" in html


def test_the_card_of_an_unpublished_innovation_renders_nothing(make_innovation, home_page):
    innovation = make_innovation("Inovasi Ditarik")
    innovation.unpublish()
    assert render(CARD, home_page, innovation=innovation, note="Catatan").strip() == ""


def test_on_an_english_page_the_card_shows_the_english_translation(
    make_innovation, catalogue, english_home, en_locale, home_page
):
    innovation = make_innovation("Layanan Antar Dokumen")
    translate(catalogue, en_locale)
    english = translate(innovation, en_locale, "Document Delivery Service")
    html = render(CARD, english_home, "en", innovation=innovation)
    assert "Document Delivery Service" in html and f'href="{english_url(english)}"' in html
    assert "Layanan Antar Dokumen" not in html
    html = render(CARD, home_page, innovation=innovation)
    assert "Layanan Antar Dokumen" in html and "Document Delivery Service" not in html


# Latest winners --------------------------------------------------------------------------------------------


def test_latest_winners_lists_winning_awards_on_live_pages_newest_first(make_innovation, home_page):
    make_innovation("Juara Lama", awards=[win(2021)])
    make_innovation("Juara Baru", awards=[win(2025, "juara_2")])
    make_innovation("Finalis Saja", awards=[win(2025, "finalis")])
    draft = make_innovation("Juara Draf", awards=[win(2026)])
    draft.unpublish()
    html = render(WINNERS, home_page, heading="Para juara")
    assert "Para juara" in html
    assert html.index("Juara Baru") < html.index("Juara Lama")
    assert "Finalis Saja" not in html and "Juara Draf" not in html
    with translation.override("id"):
        assert translation.gettext("second place").capitalize() in html
    assert "KIPP Kota Uji 2025" in html

    html = render(WINNERS, home_page, number=1)
    assert "Juara Baru" in html and "Juara Lama" not in html


def test_latest_winners_of_a_round_are_the_awards_from_its_published_results(
    judged, make_innovation, home_page
):
    make_innovation("Juara Kompetisi Lain", awards=[win(2026)])
    innovation = make_innovation("Halaman Layanan Antar Dokumen")
    judged.entries[0].innovation = innovation
    judged.entries[0].save()
    assert render(WINNERS, home_page, round=judged.page).strip() == ""
    publish(judged)
    publish_final(judged)
    assert Award.objects.filter(entry__competition=judged.page).exists()
    html = render(WINNERS, home_page, round=judged.page)
    assert "Halaman Layanan Antar Dokumen" in html and f'href="{innovation.url}"' in html
    assert "Juara Kompetisi Lain" not in html
    html = render(WINNERS, home_page)
    assert "Halaman Layanan Antar Dokumen" in html and "Juara Kompetisi Lain" in html


def test_latest_winners_on_an_english_page_link_the_translation_once(
    make_innovation, catalogue, english_home, en_locale
):
    innovation = make_innovation("Posyandu Keliling", awards=[win(2025)])
    make_innovation("Rapor Daring", awards=[win(2024)])
    translate(catalogue, en_locale)
    english = translate(innovation, en_locale, "Mobile Health Post")
    assert Award.objects.filter(page=english).exists()  # the translation carries a copy of the award
    html = render(WINNERS, english_home, "en")
    assert html.count("Mobile Health Post") == 1 and f'href="{english_url(english)}"' in html
    assert "Posyandu Keliling" not in html
    assert "Rapor Daring" in html  # not translated: shown as it is
    assert "First place" in html


def test_latest_winners_take_the_same_number_of_queries_for_any_number_of_winners(
    make_innovation, home_page, django_assert_max_num_queries
):
    def count(number: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            html = render(WINNERS, home_page, number=number)
        assert html.count("kipp-winners__item") == number
        return len(queries)

    for year in range(2010, 2022):
        make_innovation(awards=[win(year)])
    render(WINNERS, home_page)  # warm the site-root cache
    assert count(2) == count(12)
    with django_assert_max_num_queries(6):
        render(WINNERS, home_page, number=12)


# Round timeline --------------------------------------------------------------------------------------------


def test_the_timeline_lists_the_stages_in_date_order_and_marks_the_current_one(jury_round, home_page):
    html = render(TIMELINE, home_page, round=jury_round)
    with translation.override("id"):
        names = [str(stage.display_name) for stage in jury_round.get_timeline()]
        desk = str(jury_round.get_stage("desk_evaluation").display_name)
    positions = [html.index(f"<strong>{name}</strong>") for name in names]
    assert positions == sorted(positions) and len(names) == 6
    assert html.count('aria-current="step"') == 1
    current = html[html.index('aria-current="step"') :]
    assert current.index(desk) < current.index("</li>")
    assert f'href="{jury_round.url}"' in html


def test_the_timeline_shows_dates_in_the_active_language_and_the_rounds_zone(make_competition, home_page):
    competition = make_competition(
        opens=datetime.datetime(2026, 6, 1, 1, 0, tzinfo=UTC),
        closes=datetime.datetime(2026, 7, 27, 15, 30, tzinfo=UTC),
        timezone="Asia/Jayapura",
    )
    html = render(TIMELINE, home_page, round=competition)
    assert "1 Juni 2026" in html and "28 Juli 2026, 00:30" in html and "WIT" in html
    html = render(TIMELINE, home_page, "en", round=competition)
    assert "1 June 2026" in html and "28 July 2026, 00:30" in html


def test_the_timeline_of_an_unpublished_round_renders_nothing(make_competition, home_page):
    competition = make_competition()
    competition.unpublish()
    assert render(TIMELINE, home_page, round=competition).strip() == ""


# Results table ---------------------------------------------------------------------------------------------


def has_score(html: str) -> bool:
    return any(score in html for score in SCORE_STRINGS)


def test_the_results_table_shows_nothing_unpublished(judged, home_page):
    for show in ("winners", "finalists", "both"):
        html = render(RESULTS, home_page, round=judged.page, show=show)
        assert "kipp-results-block__pending" in html
        assert not any(title in html for title in TITLES) and not has_score(html)
    publish(judged)
    html = render(RESULTS, home_page, round=judged.page, show="finalists")
    assert TITLES[0] in html and TITLES[1] in html and TITLES[2] not in html
    assert "Dinas Dukcapil Uji" in html and judged.entries[0].reference in html
    assert judged.page.entry_groups.get().display_name in html
    assert "kipp-results-block__pending" not in html and not has_score(html)
    html = render(RESULTS, home_page, round=judged.page, show="winners")
    assert "kipp-results-block__pending" in html and TITLES[0] not in html


def test_the_results_table_shows_the_winners_with_awards_scores_and_live_links(
    judged, make_innovation, home_page
):
    judged.page.publish_scores = True
    judged.page.save_revision().publish()
    live = make_innovation("Halaman Antar Dokumen")
    draft = make_innovation("Halaman Posyandu")
    draft.unpublish()
    for entry, page in zip(judged.entries, (live, draft), strict=False):
        entry.innovation = page
        entry.save()
    publish(judged)
    publish_final(judged)
    html = render(RESULTS, home_page, round=judged.page, show="winners")
    with translation.override("id"):
        first = translation.gettext("first place").capitalize()
    assert first in html and has_score(html) and '<th scope="col">' in html
    assert f'<a href="{live.url}">{TITLES[0]}</a>' in html
    assert TITLES[1] in html and f'href="{draft.url}"' not in html
    assert TITLES[2] not in html
    both = render(RESULTS, home_page, round=judged.page)
    assert both.index("kipp-badge--win") < both.rindex(TITLES[1])


# Call for proposals ----------------------------------------------------------------------------------------


def test_the_call_shows_the_open_round_until_its_deadline(make_competition, home_page):
    competition = make_competition(title="KIPP Kota Uji 2026", timezone="Asia/Makassar")
    html = render(CALL, home_page, heading="Ayo ikut KIPP", text="Kirim proposal Anda.")
    assert "Ayo ikut KIPP" in html and "Kirim proposal Anda." in html
    assert "KIPP Kota Uji 2026" in html and f'href="{competition.url}"' in html
    deadline = timezone.localtime(competition.entry_deadline, competition.tzinfo)
    with translation.override("id"):
        assert f"{date_format(deadline, 'j F Y, H:i')} WITA" in html
    assert render(CALL, home_page, round=competition).count('class="kipp-call__round"') == 1

    competition.stages.filter(kind="entry").update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    assert render(CALL, home_page).strip() == ""
    assert render(CALL, home_page, round=competition).strip() == ""


def test_the_call_renders_nothing_before_the_entry_stage_opens(make_competition, home_page):
    now = timezone.now()
    make_competition(opens=now + datetime.timedelta(days=2), closes=now + datetime.timedelta(days=20))
    assert render(CALL, home_page).strip() == ""


def test_the_call_on_an_english_page_invites_to_the_english_round(make_competition, english_home, en_locale):
    competition = make_competition(title="KIPP Kota Uji")
    english = translate(competition, en_locale, "Public Service Innovation Competition")
    untranslated = make_competition(title="KIPP Kecamatan Uji")
    html = render(CALL, english_home, "en")
    assert "Public Service Innovation Competition" in html and f'href="{english_url(english)}"' in html
    assert "KIPP Kota Uji" not in html
    assert "KIPP Kecamatan Uji" in html and f'href="{untranslated.url}"' in html
    assert "Proposals are open" in html


# Admin previews --------------------------------------------------------------------------------------------


@pytest.fixture
def previewed(judged, make_innovation, make_competition):
    """A live innovation with a recorded award, a round with published results and a round that is open."""
    innovation = make_innovation("Inovasi Pratinjau")
    judged.entries[0].innovation = innovation
    judged.entries[0].save()
    publish(judged)
    publish_final(judged)
    make_competition(title="Putaran Terbuka", year=2020)
    return innovation


def test_every_block_has_an_admin_preview_with_real_content(client, django_user_model, previewed, judged):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "pw"))
    expected = {
        "innovation_card": "Inovasi Pratinjau",
        "latest_winners": "Inovasi Pratinjau",
        "round_timeline": judged.page.title,
        "results_table": TITLES[0],
        "call_for_proposals": "Putaran Terbuka",
    }
    news_body = NewsBodyBlock()
    for name, block in [*PORTAL_BLOCKS, *((name, news_body.child_blocks[name]) for name in expected)]:
        response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert expected[name] in html, name
        assert "wagtail_kipp/css/kipp.css" in html and f"block-{name}" in html, name
        html5lib.HTMLParser(strict=True).parse(html)
