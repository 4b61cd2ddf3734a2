"""Partner institutions and the office's details in each language, and what a visitor
sees where a translation is missing: the default language's text with a note."""

import pytest

from core.models import Office
from tests.partners.conftest import make_agreement

from .conftest import (
    RELEASE_TEXT,
    card_link,
    card_titles,
    in_language,
    make_partner,
    make_release,
    url_in,
    visit,
)

pytestmark = pytest.mark.django_db

# Partner institutions

TOMSK = {"en": {"name": "Tomsk University", "city": "Tomsk"}}


def test_a_translated_partner_page_shows_name_city_description_strengths_and_programmes_in_russian(
    client, office
):
    partner = make_partner()
    make_agreement(
        partner,
        programmes_en="Polymer materials and engineering",
        programmes_ru="Полимерные материалы и технологии",
    )
    page = visit(client, url_in(partner, "ru"))
    assert page.heading.text == "Иркутский национальный исследовательский технический университет"
    assert "Технический университет, основанный в 1930 году." in page.html
    assert "Геологоразведка" in page.html and "Металлургия" in page.html
    assert "Полимерные материалы и технологии" in page.html
    assert "<dd>Иркутск</dd>" in page.html
    assert "Polymer materials" not in page.html
    assert "Geological prospecting" not in page.html
    assert page.fallback_note is None


def test_an_untranslated_partner_page_shows_the_english_text_with_a_note(client, office):
    partner = make_partner(languages=["en"])
    make_agreement(partner, programmes_en="Polymer materials and engineering")
    page = visit(client, url_in(partner, "ru"))
    assert page.heading.text == "Irkutsk National Research Technical University"
    assert "A technical university founded in 1930." in page.html
    assert "Geological prospecting" in page.html
    assert "Polymer materials and engineering" in page.html
    assert page.fallback_note
    assert page.with_class("prose")[0].attrs.get("lang") == "en"


def test_a_partner_page_lists_its_news_with_fallback_titles(client, office):
    partner = make_partner()
    make_release(languages=["en"], text={"en": {"title": "English-only news"}}).partners.add(
        partner
    )
    make_release().partners.add(partner)
    page = visit(client, url_in(partner, "ru"))
    (news,) = page.with_class("partner-news")
    titles = [item.children[0].text for item in news.children]
    assert sorted(titles) == sorted(["English-only news", RELEASE_TEXT["ru"]["title"]])


def test_a_release_page_lists_its_partners_by_their_names_in_the_visitors_language(client, office):
    release = make_release()
    release.partners.add(make_partner(), make_partner(languages=["en"], text=TOMSK))
    page = visit(client, url_in(release, "ru"))
    (section,) = page.with_class("release-partners")
    assert sorted(card_link(li).text for li in section.children[1].children) == sorted(
        ["Иркутский национальный исследовательский технический университет", "Tomsk University"]
    )


@pytest.fixture
def three_partners(db):
    """Names chosen so that sorting by the fallback name differs from sorting by the
    English name and from sorting by the Russian column (where a missing name is NULL).
    """
    return [
        make_partner(
            languages=["en", "ru"],
            text={
                "en": {"name": "Beijing Normal University"},
                "ru": {"name": "Пекинский университет"},
            },
        ),
        make_partner(languages=["en"], text={"en": {"name": "Zhejiang University"}}),
        make_partner(
            languages=["en", "ru"],
            text={"en": {"name": "Aalto University"}, "ru": {"name": "Aalto-yliopisto"}},
        ),
    ]


def test_the_russian_partner_directory_sorts_by_the_name_the_visitor_reads(
    client, office, three_partners
):
    # Russian readers find Cyrillic names first, then Latin ones.
    names = card_titles(visit(client, "/ru/partners/"))
    assert names == ["Пекинский университет", "Aalto-yliopisto", "Zhejiang University"]
    english = card_titles(visit(client, "/partners/"))
    assert english == ["Aalto University", "Beijing Normal University", "Zhejiang University"]


def test_the_russian_home_page_shows_partners_by_their_fallback_names(
    client, office, three_partners
):
    page = visit(client, "/ru/")
    assert card_titles(page) == ["Пекинский университет", "Aalto-yliopisto", "Zhejiang University"]


def test_the_partner_directory_search_finds_russian_and_english_names_under_ru(client, office):
    make_partner()
    make_partner(languages=["en"], text=TOMSK)
    for query in ["Иркутский", "иркутск", "Irkutsk"]:
        assert card_titles(visit(client, f"/ru/partners/?q={query}")) == [
            "Иркутский национальный исследовательский технический университет"
        ], query
    assert card_titles(visit(client, "/ru/partners/?q=Tomsk")) == ["Tomsk University"]


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_no_public_page_shows_an_empty_title_with_half_translated_data(
    client, office, half_translated_news, three_partners, language
):
    paths = [in_language(path, language) for path in ["/", "/news/", "/partners/"]]
    paths += [url_in(record, language) for record in [*half_translated_news, *three_partners]]
    for path in paths:
        page = visit(client, path)
        assert all(h.text for h in page.all("h1")), path
        assert all(h.text for h in page.all("h3")), path
        assert all(a.text for a in page.all("a") if "href" in a.attrs), path


# The office's details


def test_the_office_details_are_shown_in_the_visitors_language_with_fallback(client):
    Office.objects.create(
        name_en="International Exchange & Cooperation Office",
        name_ru="Отдел международного сотрудничества",
        name_zh_hans="国际交流合作处",
        university_en="Binzhou University",
        university_zh_hans="滨州学院",
        address_en="Huanghe Road, Binzhou City",
        telephone="+86-543-3194976",
    )
    russian = visit(client, "/ru/")
    (contact,) = russian.with_class("site-footer")
    assert "Отдел международного сотрудничества" in contact.text
    assert "Binzhou University" in contact.text  # no Russian name of the university yet
    assert "Huanghe Road, Binzhou City" in contact.text
    chinese = visit(client, "/zh-hans/")
    (contact,) = chinese.with_class("site-footer")
    assert "国际交流合作处" in contact.text
    assert "滨州学院" in contact.text
    english = visit(client, "/")
    (contact,) = english.with_class("site-footer")
    assert "International Exchange & Cooperation Office" in contact.text
    assert "Отдел" not in contact.text


def test_before_the_office_details_are_entered_every_language_shows_a_placeholder_name(client):
    assert not Office.objects.exists()
    russian = visit(client, "/ru/")  # the first visitor reads Russian
    assert russian.heading.text
    english = visit(client, "/")
    assert english.heading.text == "International Office"
    contacts = english.with_class("office-contact")
    assert contacts
    assert all("International Office" in contact.text for contact in contacts)
