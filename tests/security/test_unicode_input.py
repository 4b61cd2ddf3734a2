"""Titles, bylines and names in many scripts, with emoji, zero-width characters,
template syntax and SQL-looking text: saved exactly, shown escaped, slugs valid; text
over a field's length is refused with a message, never cut silently."""

import re

import pytest
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from news.models import NewsRelease
from partners.models import Institution
from tests.conftest import in_default_language
from tests.partners.test_admin import institution_form
from tests.user_agents import BROWSER

pytestmark = pytest.mark.django_db

TEXTS = {
    "chinese": "滨州学院与伊尔库茨克国立技术大学签署合作备忘录",
    "russian": "Иркутский национальный исследовательский технический университет",
    "arabic": "جامعة القاهرة توقع مذكرة تفاهم للتبادل الطلابي",
    "emoji": "Exchange week 🎓🌏 with 👩🏽‍🔬 researchers 🇨🇳🇷🇺",
    "zero-width": "Zero\u200bwidth\u200cjoin\u200dand\ufeffmarks\u2060here",
    "right-to-left override": "Report \u202egnp.exe\u202c on exchange",
    "combining": "Ре\u0301ктор visited Zoë and Ŝ\u0323",
    "template": "{{ request.user }} {% debug %} {# note #} {{ settings.SECRET_KEY }}",
    "sql": "Robert'); DROP TABLE news_newsrelease;-- OR '1'='1' /* */ UNION SELECT *",
    "html entities": "Tom &amp; Jerry &lt;b&gt; &#x3C;i&#x3E; AT&T <3 >_<",
    "long": "国际交流合作" * 40,
}
SLUG = re.compile(r"^[-\w]+$")


def release_form(**overrides):
    return in_default_language(
        {
            "title": "A title",
            "slug": "",
            "summary": "",
            "body": "<p>Body</p>",
            "author": "闫倩倩",
            "status": "published",
            "release_time_0": timezone.localtime().strftime("%Y-%m-%d"),
            "release_time_1": "00:00:00",
            "cover_alt": "",
            **overrides,
        }
    )


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_a_release_titled_and_signed_in_any_script_is_saved_exactly_and_shown_escaped(
    admin_client, client, text
):
    byline = text[:100]
    response = admin_client.post(
        "/admin/news/newsrelease/add/", release_form(title=text, author=byline)
    )
    assert response.status_code == 302, response.context["adminform"].errors

    release = NewsRelease.objects.get()
    assert (release.title, release.author) == (text, byline)
    assert SLUG.match(release.slug), release.slug
    page = client.get(release.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert page.status_code == 200
    assert escape(text) in page.text
    assert escape(byline) in page.text
    for listing in ["/news/", "/", "/news/feed/"]:
        assert client.get(listing).status_code == 200


def test_template_syntax_in_a_title_is_shown_as_typed_not_run(admin_client, client, admin_user):
    admin_client.post("/admin/news/newsrelease/add/", release_form(title=TEXTS["template"]))
    release = NewsRelease.objects.get()

    page = client.get(release.get_absolute_url()).text

    assert escape("{{ request.user }}") in page
    assert "{% debug %}" in page
    assert admin_user.username not in page.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("field", "limit", "text"),
    [("title", 255, "长" * 256), ("title", 255, "Exchange-" * 60), ("author", 100, "闫" * 101)],
)
def test_text_longer_than_its_field_is_refused_with_a_message_not_cut(
    admin_client, field, limit, text
):
    response = admin_client.post("/admin/news/newsrelease/add/", release_form(**{field: text}))

    assert response.status_code == 200
    message = f"Ensure this value has at most {limit} characters (it has {len(text)})."
    assert message in response.text
    assert NewsRelease.objects.count() == 0


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_a_partner_named_in_any_script_is_saved_exactly_and_shown_escaped(
    admin_client, client, text
):
    name = text[:200]
    response = admin_client.post(
        "/admin/partners/institution/add/",
        # The admin fills the slug in from the name with its own script (slugify).
        institution_form(None, name=name, other_names=text, city=text[:100], slug=slug_for(name)),
    )
    assert response.status_code == 302, response.context["adminform"].errors

    institution = Institution.objects.get()
    assert (institution.name, institution.other_names) == (name, text)
    assert SLUG.match(institution.slug), institution.slug
    page = client.get(institution.get_absolute_url())
    assert page.status_code == 200
    assert escape(name) in page.text
    assert client.get("/partners/", {"q": name[:20]}).status_code == 200


def slug_for(name):
    return slugify(name, allow_unicode=True)[:200] or "partner"


def test_a_partner_name_longer_than_its_field_is_refused_with_a_message(admin_client):
    name = "大学" * 101

    response = admin_client.post(
        "/admin/partners/institution/add/", institution_form(None, name=name, slug="partner")
    )

    assert "Ensure this value has at most 200 characters (it has 202)." in response.text
    assert Institution.objects.count() == 0
