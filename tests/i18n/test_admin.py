"""The admin in three languages: every language's text edited side by side, which
translations each release has, and the admin itself in Chinese and Russian."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from news.models import NewsRelease
from partners.models import Institution
from tests.conftest import STAFF_PASSWORD
from tests.partners.conftest import make_agreement

from .conftest import (
    LANGUAGE_NAMES,
    RELEASE_TEXT,
    Page,
    in_language,
    make_partner,
    make_release,
    url_in,
)

pytestmark = pytest.mark.django_db

COLUMNS = ["en", "zh_hans", "ru"]


def admin_url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)


def field_names(response):
    return {element.attrs.get("name") for element in Page(response).elements}


def each_language(*fields):
    return {f"{field}_{column}" for field in fields for column in COLUMNS}


# Side by side


def test_a_release_is_written_in_every_language_on_one_form(admin_client):
    response = admin_client.get(admin_url("news_newsrelease_add"))
    assert each_language("title", "slug", "summary", "body", "cover_alt") <= field_names(response)
    assert "title" not in field_names(response)  # no field without a language


def test_an_institution_and_its_agreements_are_written_in_every_language_on_one_form(
    admin_client,
):
    partner = make_partner()
    make_agreement(partner)
    response = admin_client.get(admin_url("partners_institution_change", partner.pk))
    names = field_names(response)
    assert each_language("name", "slug", "city", "description", "strengths") <= names
    assert {f"agreements-0-programmes_{column}" for column in COLUMNS} <= names


def test_the_offices_details_are_written_in_every_language_on_one_form(admin_client, office):
    response = admin_client.get(admin_url("core_office_change", office.pk))
    assert each_language("name", "university", "address") <= field_names(response)


def release_form(**fields):
    now = timezone.localtime()
    data = {
        "author": "闫倩倩",
        "status": "published",
        "release_time_0": now.strftime("%Y-%m-%d"),
        "release_time_1": "00:00:00",
    }
    for field in ["title", "slug", "summary", "body", "cover_alt"]:
        data |= {f"{field}_{column}": "" for column in COLUMNS}
    data.update(fields)
    return data


def test_a_release_written_in_english_and_russian_in_the_admin_appears_in_both(
    admin_client, client, office
):
    response = admin_client.post(
        admin_url("news_newsrelease_add"),
        release_form(
            title_en="Summer school in Tomsk",
            body_en="<p>Students spent two weeks in Tomsk.</p>",
            title_ru="Летняя школа в Томске",
            body_ru="<p>Студенты провели две недели в Томске.</p>",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].errors
    release = NewsRelease.objects.get()
    # Each language has its own slug, made from its own title.
    assert (release.slug_en, release.slug_ru) == ("summer-school-in-tomsk", "летняя-школа-в-томске")
    assert release.translated_languages() == ["en", "ru"]
    russian = Page(client.get(url_in(release, "ru")))
    assert russian.heading.text == "Летняя школа в Томске"
    assert russian.fallback_note is None
    chinese = Page(client.get(url_in(release, "zh-hans")))
    assert chinese.heading.text == "Summer school in Tomsk"
    assert chinese.fallback_note
    assert url_in(release, "zh-hans") == f"/zh-hans/news/{release.pk}/summer-school-in-tomsk/"


def test_the_release_list_shows_which_translations_each_release_has(admin_client):
    make_release(text={"en": {"title": "In three languages"}})
    make_release(languages=["en", "ru"], text={"en": {"title": "In English and Russian"}})
    make_release(languages=["en"], text={"en": {"title": "In English only"}})
    response = admin_client.get(admin_url("news_newsrelease_changelist"))
    page = Page(response)
    titles = [cell.text for cell in page.with_class("field-title")]
    translations = [cell.text for cell in page.with_class("field-translation_status")]
    rows = dict(zip(titles, translations, strict=True))
    names = LANGUAGE_NAMES
    original = f"{names['en']}: original"
    assert rows == {
        "In three languages": (
            f"{original} {names['zh-hans']}: up to date {names['ru']}: up to date"
        ),
        "In English and Russian": (
            f"{original} {names['zh-hans']}: missing {names['ru']}: up to date"
        ),
        "In English only": f"{original} {names['zh-hans']}: missing {names['ru']}: missing",
    }


@pytest.mark.parametrize(
    "query", ["сотрудничестве", "两校签署", "memorandum of cooperation", "闫倩倩"]
)
def test_the_admin_search_finds_a_release_by_its_text_in_any_language(admin_client, query):
    make_release()
    make_release(
        languages=["en"],
        text={"en": {"title": "Unrelated", "summary": "Other", "body": "<p>Other</p>"}},
        author="Li Na",
    )
    response = admin_client.get(admin_url("news_newsrelease_changelist"), {"q": query})
    assert response.context["cl"].result_count == 1


# The admin in each language


ADMIN_WORDS = {
    # language: (Django's "Log in", our index title "Content", Django's "Log out")
    "zh-hans": ("登录", "内容管理", "注销"),
    "ru": ("Войти", "Содержимое сайта", "Выйти"),
    "en": ("Log in", "Content", "Log out"),
}


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_the_admin_login_page_speaks_each_language(client, language):
    response = client.get(in_language("/admin/login/", language))
    page = Page(response)
    assert page.lang == language
    log_in = ADMIN_WORDS[language][0]
    assert log_in in [e.attrs.get("value") for e in page.all("input", type="submit")]


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_staff_log_in_and_work_in_their_language(client, news_editor, language):
    make_release()
    response = client.post(
        in_language("/admin/login/", language),
        {
            "username": news_editor.username,
            "password": STAFF_PASSWORD,
            "next": in_language("/admin/", language),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == in_language("/admin/", language)
    _log_in, content, log_out = ADMIN_WORDS[language]
    index = Page(client.get(response["Location"]))
    assert index.lang == language
    assert content in index.html
    assert log_out in index.html
    changelist = client.get(admin_url("news_newsrelease_changelist", language=language))
    assert changelist.status_code == 200
    headers = [th.text for th in Page(changelist).all("th", scope="col")]
    translations_header = {"zh-hans": "语言版本", "ru": "языковые версии"}[language]
    assert any(translations_header.lower() in header.lower() for header in headers), headers


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_a_release_and_an_institution_are_edited_in_the_admin_in_each_language(
    admin_client, language
):
    release = make_release()
    partner = make_partner()
    save = {"zh-hans": "保存", "ru": "Сохранить"}[language]
    for name, record in [
        ("news_newsrelease_change", release),
        ("partners_institution_change", partner),
    ]:
        response = admin_client.get(admin_url(name, record.pk, language=language))
        page = Page(response)
        assert page.lang == language
        assert save in [e.attrs.get("value") for e in page.all("input", type="submit")]
    response = admin_client.post(
        admin_url("news_newsrelease_change", release.pk, language=language),
        release_form(
            **{
                f"{field}_{column}": value
                for column, text in RELEASE_TEXT.items()
                for field, value in text.items()
            }
            | {"title_ru": "Новый заголовок"}
        ),
    )
    assert response.status_code == 302, response.context["adminform"].errors
    assert response["Location"] == admin_url("news_newsrelease_changelist", language=language)
    release.refresh_from_db()
    assert release.title_ru == "Новый заголовок"
    assert release.title_en == RELEASE_TEXT["en"]["title"]


def test_an_institution_saved_from_the_admin_gets_a_slug_in_each_language_it_is_named_in(
    admin_client,
):
    data = {
        "other_names": "",
        "country": "RU",
        "founded_year": "1878",
        "website": "",
        "former_names-TOTAL_FORMS": "0",
        "former_names-INITIAL_FORMS": "0",
        "rankings-TOTAL_FORMS": "0",
        "rankings-INITIAL_FORMS": "0",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
    }
    for field in ["name", "slug", "city", "description", "strengths"]:
        data |= {f"{field}_{column}": "" for column in COLUMNS}
    data |= {
        "name_en": "Tomsk State University",
        "slug_en": "tomsk-state-university",
        "city_en": "Tomsk",
        "name_ru": "Томский государственный университет",
        "city_ru": "Томск",
    }
    response = admin_client.post(admin_url("partners_institution_add"), data)
    assert response.status_code == 302, response.context["adminform"].errors
    institution = Institution.objects.get()
    assert institution.slug_ru == "томский-государственный-университет"
    assert institution.slug_zh_hans is None
    assert url_in(institution, "zh-hans") == "/zh-hans/partners/tomsk-state-university/"


@pytest.mark.parametrize(("language", "editor"), [("en", "en"), ("zh-hans", "zh-cn"), ("ru", "ru")])
def test_the_rich_text_editor_speaks_the_admins_language_in_each_language_tab(
    admin_client, language, editor
):
    response = admin_client.get(admin_url("news_newsrelease_add", language=language))
    # The editor's page policy (data: images, style attributes) in every language.
    assert "img-src 'self' data:" in response["Content-Security-Policy"]
    editors = {
        textarea.attrs["name"]: textarea.attrs
        for textarea in Page(response).all("textarea")
        if "data-rich-text" in textarea.attrs
    }
    assert {name: attrs["data-language"] for name, attrs in editors.items()} == {
        "body_en": editor,
        "body_zh_hans": editor,
        "body_ru": editor,
    }
    assert {name: attrs["data-content-language"] for name, attrs in editors.items()} == {
        "body_en": "en",
        "body_zh_hans": "zh-cn",
        "body_ru": "ru",
    }
