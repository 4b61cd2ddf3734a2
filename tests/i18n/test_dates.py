"""One date style per language on every page type that shows a date: "9 June 2021",
"2021年6月9日", and in Russian the day, the month in the genitive, the year and the
abbreviation for year after a no-break space."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import Agreement, AgreementKind
from tests.programmes.conftest import make_opportunity

from .conftest import LANGUAGES, make_partner, make_release, url_in

pytestmark = pytest.mark.django_db

OFFICE_TIME = zoneinfo.ZoneInfo("Asia/Shanghai")
DATES = {
    "en": {"2021-06-09": "9 June 2021", "2030-06-09": "9 June 2030"},
    "zh-hans": {"2021-06-09": "2021年6月9日", "2030-06-09": "2030年6月9日"},
    "ru": {"2021-06-09": "9 июня 2021\u00a0г.", "2030-06-09": "9 июня 2030\u00a0г."},
}


@pytest.fixture
def content(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    partner = make_partner(slug="irkutsk")
    release = make_release(release_time=datetime.datetime(2021, 6, 9, 10, 0, tzinfo=OFFICE_TIME))
    release.partners.add(partner)
    Agreement.objects.create(
        institution=partner,
        kind=AgreementKind.MEMORANDUM,
        signed_on=datetime.date(2021, 6, 9),
        valid_until=datetime.date(2030, 6, 9),
    )
    opportunity = make_opportunity(
        [
            (
                datetime.datetime(2021, 6, 9, 9, 0, tzinfo=OFFICE_TIME),
                datetime.datetime(2030, 6, 9, 23, 59, tzinfo=OFFICE_TIME),
            )
        ],
        title_en="Exchange semester in Irkutsk",
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    return {"release": release, "partner": partner, "opportunity": opportunity}


def dates_shown(client, url):
    """The text of every <time> element of the page at `url`."""
    response = client.get(url)
    assert response.status_code == 200
    return re.findall(r"<time datetime=\"[^\"]+\">([^<]+)</time>", response.text)


def page_urls(content, language):
    with translation.override(language):
        return {
            "news list": reverse("news:list"),
            "release": url_in(content["release"], language),
            "partner page (its news and agreements)": url_in(content["partner"], language),
            "programme (its deadline)": url_in(content["opportunity"], language),
            "search results": reverse("search") + "?q=Irkutsk",
        }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "page",
    [
        "news list",
        "release",
        "partner page (its news and agreements)",
        "programme (its deadline)",
        "search results",
    ],
)
def test_every_page_type_writes_dates_in_its_languages_style(client, content, language, page):
    shown = dates_shown(client, page_urls(content, language)[page])
    assert shown, "the page shows no date"
    expected = set(DATES[language].values())
    for text in shown:
        assert any(text.startswith(date) for date in expected), text


def test_a_deadline_reads_its_date_then_its_time(client, content):
    url = page_urls(content, "en")["programme (its deadline)"]
    assert any(text.startswith("9 June 2030, 23:59") for text in dates_shown(client, url))


def test_an_agreement_reads_when_it_was_signed_and_until_when_it_runs(client, content):
    url = page_urls(content, "ru")["partner page (its news and agreements)"]
    shown = dates_shown(client, url)
    assert "9 июня 2021\u00a0г." in shown
    assert "9 июня 2030\u00a0г." in shown
