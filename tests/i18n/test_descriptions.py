"""Every public page describes itself to search engines (<meta name="description">):
a release by its summary, an institution by its description, the other pages by the
office's own words, in the page's language."""

import pytest

from tests.user_agents import BROWSER

from .conftest import (
    LANGUAGES,
    RELEASE_TEXT,
    Page,
    in_language,
    make_partner,
    make_release,
    url_in,
)

COLUMNS = {"en": "en", "zh-hans": "zh_hans", "ru": "ru"}


def description(client, path, status=200):
    response = client.get(path, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == status
    (meta,) = Page(response.content.decode()).all("meta", name="description")
    return meta.attrs["content"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_release_is_described_by_its_summary_in_each_language(client, office, language):
    release = make_release()
    summary = RELEASE_TEXT[COLUMNS[language]]["summary"]
    assert description(client, url_in(release, language)) == summary


@pytest.mark.django_db
def test_a_release_without_a_summary_is_described_by_the_office(client, office):
    release = make_release(languages=["en"], summary_en="")
    assert "Binzhou University" in description(client, release.get_absolute_url())


@pytest.mark.django_db
def test_an_institution_is_described_by_its_description_as_plain_text(client, office):
    institution = make_partner(
        text={
            "en": {
                "description": "<p>Chemistry &amp; <strong>physics</strong>,</p><p>since 1930.</p>"
            }
        }
    )
    assert description(client, url_in(institution, "en")) == "Chemistry & physics, since 1930."


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "path, status",
    [("/", 200), ("/news/", 200), ("/news/?q=nothing", 200), ("/partners/", 200), ("/no-such-page/", 404)],
)  # fmt: skip
def test_home_lists_and_the_not_found_page_describe_the_office(
    client, office, language, path, status
):
    text = description(client, in_language(path, language), status)
    # A sentence, not a word: Chinese says in some forty characters what takes a
    # hundred in English or Russian.
    assert len(text) > (20 if language == "zh-hans" else 50)
