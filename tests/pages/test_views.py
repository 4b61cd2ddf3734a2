"""Pages as readers find them: at their addresses in each language, never a draft."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from pages.models import Page
from tests.conftest import make_staff_user

from .conftest import make_page

pytestmark = pytest.mark.django_db

APPLY = "/study-with-us/incoming-exchange/how-to-apply/"


def test_a_page_is_at_its_path_in_each_language(client, tree):
    assert client.get(APPLY).context["page"] == tree["apply"]
    # The Chinese address: the Chinese slugs, and the English one where the page has
    # no Chinese slug of its own nor title to make one from.
    incoming = tree["incoming"]
    incoming.title_zh_hans = ""
    incoming.slug_zh_hans = ""
    incoming.save()
    apply = Page.objects.get(pk=tree["apply"].pk)
    assert apply.url_path_zh_hans == "留学/incoming-exchange/how-to-apply-中文"
    response = client.get("/zh-hans/留学/incoming-exchange/how-to-apply-中文/")
    assert response.status_code == 200
    assert "关于 How to apply。" in response.content.decode()
    ru = client.get("/ru/uchis/vkhodyashchie/how-to-apply-по-русски/")
    assert ru.status_code == 200
    assert ru.context["page"] == tree["apply"]


def test_a_page_shows_breadcrumbs_children_canonical_and_hreflang(client, tree):
    html = client.get("/study-with-us/").content.decode()
    assert '<nav class="breadcrumbs" aria-label="Breadcrumbs">' in html
    assert 'href="/study-with-us/incoming-exchange/">Incoming exchange</a>' in html
    html = client.get(APPLY).content.decode()
    crumbs = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index("breadcrumbs"))
    ]
    assert [t in crumbs for t in ("Home", "Study with us", "Incoming exchange", "How to apply")]
    assert crumbs.index("Study with us") < crumbs.index("Incoming exchange")
    assert f'<link rel="canonical" href="http://testserver{APPLY}">' in html
    assert (
        '<link rel="alternate" hreflang="ru" href="http://testserver/ru/uchis/vkhodyashchie/'
        'how-to-apply-%D0%BF%D0%BE-%D1%80%D1%83%D1%81%D1%81%D0%BA%D0%B8/">'
        in html
        or 'hreflang="ru" href="http://testserver/ru/uchis/vkhodyashchie/how-to-apply-по-русски/"'
        in html
    )
    assert f'hreflang="x-default" href="http://testserver{APPLY}"' in html


def test_a_page_not_yet_translated_says_so(client):
    make_page(title="Privacy", title_ru="", body_ru="")
    html = client.get("/ru/privacy/").content.decode()
    assert "translation-fallback" in html
    assert '<h1 lang="en">Privacy</h1>' in html


@pytest.mark.parametrize("hidden", ["draft", "scheduled", "under a draft"])
def test_a_draft_a_scheduled_page_or_one_under_a_draft_is_nowhere_public(client, tree, hidden):
    study = tree["study"]
    study.show_in_navigation = True
    study.save()
    make_page(tree["study"], title="Scholarships", show_in_navigation=True)
    target = {"draft": "incoming", "scheduled": "incoming", "under a draft": "study"}[hidden]
    page = Page.objects.get(pk=tree[target].pk)
    if hidden == "scheduled":
        page.publish_at = timezone.now() + timedelta(hours=1)
    else:
        page.status = Page.Status.DRAFT
    page.save()
    assert client.get(APPLY).status_code == 404
    assert client.get("/study-with-us/incoming-exchange/").status_code == 404
    assert not Page.objects.published().filter(pk=tree["apply"].pk).exists()
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "incoming-exchange" not in sitemap
    home = client.get("/").content.decode()
    assert "Incoming exchange" not in home
    if hidden != "under a draft":
        study_html = client.get("/study-with-us/").content.decode()
        assert "Incoming exchange" not in study_html  # neither child list nor menu
        assert "Scholarships" in study_html


def test_staff_may_preview_a_draft_with_a_banner_and_no_caching(client, django_user_model, tree):
    incoming = tree["incoming"]
    incoming.status = Page.Status.DRAFT
    incoming.save()
    make_staff_user(django_user_model, "reader")  # staff without the permission
    client.force_login(django_user_model.objects.get(username="reader"))
    assert client.get(APPLY).status_code == 404
    client.force_login(make_staff_user(django_user_model, "editor", "change_page"))
    response = client.get(APPLY)
    assert response.status_code == 200
    assert "Preview — not published" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_unknown_addresses_are_the_sites_404_and_no_slash_gets_one(client, tree):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/study-with-us/nothing/").status_code == 404
    response = client.get("/study-with-us")
    assert (response.status_code, response["Location"]) == (301, "/study-with-us/")


def test_moving_a_page_redirects_every_old_address_in_every_language(client, tree):
    def addresses(code):
        with override(code):
            return [
                Page.objects.get(pk=tree[k].pk).get_absolute_url() for k in ("incoming", "apply")
            ]

    old = {code: addresses(code) for code in ("en", "zh-hans", "ru")}
    Page.objects.move(tree["incoming"], Page.objects.get(pk=tree["abroad"].pk), "last-child")
    for code, before_move in old.items():
        new = addresses(code)
        for before, after in zip(before_move, new, strict=True):
            assert before != after
            response = client.get(before)
            assert (response.status_code, response["Location"]) == (301, after), before
            assert client.get(after).status_code == 200


def test_a_new_page_at_an_old_address_wins_over_its_redirect(client, tree):
    Page.objects.move(tree["incoming"], Page.objects.get(pk=tree["abroad"].pk), "last-child")
    make_page(tree["study"], title="Incoming exchange", slug_en="incoming-exchange")
    response = client.get("/study-with-us/incoming-exchange/")
    assert response.status_code == 200
    assert response.context["page"].path != Page.objects.get(pk=tree["incoming"].pk).path


def test_a_changed_slug_redirects_from_the_old_address(client, tree):
    study = tree["study"]
    study.slug_en = "study"
    study.save()
    response = client.get(APPLY)
    assert (response.status_code, response["Location"]) == (
        301,
        "/study/incoming-exchange/how-to-apply/",
    )


def test_a_redirect_to_a_page_no_longer_public_is_a_404(client, tree):
    Page.objects.move(tree["incoming"], Page.objects.get(pk=tree["abroad"].pk), "last-child")
    abroad = tree["abroad"]
    abroad.status = Page.Status.DRAFT
    abroad.save()
    assert client.get(APPLY).status_code == 404


def test_the_body_is_sanitized_on_every_save_path(tree):
    page = make_page(title="Contact", body_en='<p onmouseover="x()">Hi</p><script>x()</script>')
    assert Page.objects.get(pk=page.pk).body_en == "<p>Hi</p>"
    Page.objects.filter(pk=page.pk).update(body_en="<img src=x onerror=alert(1)><p>ok</p>")
    assert "onerror" not in Page.objects.get(pk=page.pk).body_en


def test_each_save_is_one_history_row(tree):
    page = Page.objects.get(pk=tree["apply"].pk)
    page.title_en = "Apply"
    page.save()
    assert page.history.count() == 2
    assert page.history.latest().title_en == "Apply"


def test_a_stale_copy_saved_after_a_move_keeps_the_tree_and_addresses_sound(client, tree):
    stale = Page.objects.get(pk=tree["apply"].pk)
    Page.objects.move(tree["incoming"], Page.objects.get(pk=tree["abroad"].pk), "last-child")
    stale.title_en = "How to apply, updated"
    stale.save()
    assert not any(Page.objects.find_problems())
    page = Page.objects.get(pk=stale.pk)
    assert page.url_path_en == "go-abroad/incoming-exchange/how-to-apply"
    assert client.get("/go-abroad/incoming-exchange/how-to-apply/").status_code == 200
