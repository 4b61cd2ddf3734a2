"""Pages in the admin: their place in the tree, and the checks that keep addresses sound."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pages.models import Page, PageRedirect

pytestmark = pytest.mark.django_db

ADD = reverse("admin:pages_page_add")


def change_url(page):
    return reverse("admin:pages_page_change", args=[page.pk])


def form_data(page=None, **overrides):
    when = timezone.localtime(page.publish_at if page else timezone.now())
    data = {
        "title_en": page.title_en if page else "Accommodation",
        "slug_en": page.slug_en if page else "",
        "title_zh_hans": page.title_zh_hans if page else "",
        "slug_zh_hans": page.slug_zh_hans if page else "",
        "title_ru": page.title_ru if page else "",
        "slug_ru": page.slug_ru if page else "",
        "summary_en": "",
        "body_en": page.body_en if page else "<p>Rooms on campus.</p>",
        "cover_alt_en": "",
        "status": page.status if page else "published",
        "publish_at_0": when.strftime("%Y-%m-%d"),
        "publish_at_1": when.strftime("%H:%M:%S"),
        "parent": "",
        "position": "keep" if page else "last",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_page_added_under_a_parent_gets_its_address_and_who_made_it(
    admin_client, admin_user, tree
):
    response = admin_client.post(
        ADD,
        form_data(
            parent=tree["incoming"].pk, body_en='<p onclick="x()">Rooms</p><script>1</script>'
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = Page.objects.get(title_en="Accommodation")
    assert page.url_path_en == "study-with-us/incoming-exchange/accommodation"
    assert page.body_en == "<p>Rooms</p>"
    assert page.created_by == admin_user
    assert Page.objects.get_parent(page) == tree["incoming"]
    assert page.history.count() == 1


def test_first_and_after_place_a_page_among_its_siblings(admin_client, tree):
    admin_client.post(ADD, form_data(title_en="Arrival", parent=tree["incoming"].pk))
    admin_client.post(ADD, form_data(title_en="Visa", parent=tree["incoming"].pk, position="first"))
    arrival = Page.objects.get(title_en="Arrival")
    admin_client.post(
        ADD,
        form_data(title_en="Housing", parent=tree["incoming"].pk, position=f"after-{arrival.pk}"),
    )
    children = Page.objects.get_children(Page.objects.get(pk=tree["incoming"].pk))
    assert [child.title_en for child in children] == ["Visa", "How to apply", "Arrival", "Housing"]


@pytest.mark.parametrize(
    "slug", ["news", "partners", "admin", "ru", "zh-hans", "programmes", "search", "documents"]
)
def test_a_top_level_page_may_not_take_an_address_the_site_uses(admin_client, slug):
    response = admin_client.post(ADD, form_data(title_en="Anything", slug_en=slug))
    assert response.status_code == 200
    assert "already uses" in str(response.context["adminform"].form.errors["slug_en"])
    assert not Page.objects.exists()


def test_a_reserved_word_is_fine_below_the_top_level(admin_client, tree):
    response = admin_client.post(ADD, form_data(slug_en="news", parent=tree["study"].pk))
    assert response.status_code == 302


def test_two_siblings_may_not_share_a_slug_in_any_language(admin_client, tree):
    response = admin_client.post(
        ADD, form_data(title_en="Other", slug_ru="uchis", title_ru="Другое")
    )
    assert response.status_code == 200
    assert "same parent" in str(response.context["adminform"].form.errors["slug_ru"])
    response = admin_client.post(
        ADD, form_data(title_en="How to apply", parent=tree["incoming"].pk)
    )
    assert "same parent" in str(response.context["adminform"].form.errors["slug_en"])
    assert Page.objects.count() == 4


def test_a_page_moved_under_its_own_descendant_is_refused_and_nothing_saved(admin_client, tree):
    study = tree["study"]
    before = list(Page.objects.values_list("pk", "path", "url_path_en", "title_en"))
    response = admin_client.post(
        change_url(study), form_data(study, title_en="Renamed", parent=tree["apply"].pk)
    )
    assert response.status_code == 200
    assert "under itself" in str(response.context["adminform"].form.errors["parent"])
    response = admin_client.post(change_url(study), form_data(study, parent=study.pk))
    assert "under itself" in str(response.context["adminform"].form.errors["parent"])
    assert list(Page.objects.values_list("pk", "path", "url_path_en", "title_en")) == before
    assert not PageRedirect.objects.exists()


def test_moving_a_page_in_the_admin_moves_its_branch_and_keeps_old_addresses(
    admin_client, client, tree
):
    incoming = tree["incoming"]
    response = admin_client.post(
        change_url(incoming), form_data(incoming, parent=tree["abroad"].pk)
    )
    assert response.status_code == 302
    apply = Page.objects.get(pk=tree["apply"].pk)
    assert apply.url_path_en == "go-abroad/incoming-exchange/how-to-apply"
    old = client.get("/study-with-us/incoming-exchange/how-to-apply/")
    assert (old.status_code, old["Location"]) == (301, "/go-abroad/incoming-exchange/how-to-apply/")


def test_deleting_a_page_lists_and_deletes_the_pages_under_it(admin_client, tree):
    url = reverse("admin:pages_page_delete", args=[tree["study"].pk])
    confirmation = admin_client.get(url).content.decode()
    assert "How to apply" in confirmation and "Incoming exchange" in confirmation
    admin_client.post(url, {"post": "yes"})
    assert list(Page.objects.values_list("title_en", flat=True)) == ["Go abroad"]


def test_the_list_shows_the_tree_indented_in_tree_order(admin_client, tree):
    html = admin_client.get(reverse("admin:pages_page_changelist")).content.decode()
    assert html.index("Study with us") < html.index("Incoming exchange") < html.index("Go abroad")
    assert 'page-depth-3">How to apply' in html


def test_the_change_form_has_language_tabs_view_on_site_and_history(admin_client, tree):
    page = tree["apply"]
    html = admin_client.get(change_url(page)).content.decode()
    assert "language-tab" in html
    assert "viewsitelink" in html
    assert "/study-with-us/incoming-exchange/how-to-apply/" in html
    admin_client.post(change_url(page), form_data(page, title_en="How to apply now"))
    history = admin_client.get(reverse("admin:pages_page_history", args=[page.pk]))
    assert "Title (English)" in history.content.decode()


def test_a_save_over_a_newer_version_is_refused(admin_client, tree):
    page = tree["apply"]
    form = admin_client.get(change_url(page)).context["adminform"].form
    version = form["locking_version"].value()
    Page.objects.get(pk=page.pk).save()
    response = admin_client.post(
        change_url(page), form_data(page, title_en="Mine", locking_version=version)
    )
    assert response.status_code == 200
    assert Page.objects.get(pk=page.pk).title_en == "How to apply"


def test_restoring_an_old_version_keeps_the_page_where_the_tree_has_it(admin_client, tree):
    incoming = tree["incoming"]
    admin_client.post(change_url(incoming), form_data(incoming, title_en="Incoming students"))
    original = Page.objects.get(pk=incoming.pk).history.earliest()
    admin_client.post(change_url(incoming), form_data(incoming, parent=tree["abroad"].pk))
    revert_url = reverse("admin:pages_page_simple_history", args=[incoming.pk, original.history_id])
    assert admin_client.get(revert_url).status_code == 200
    response = admin_client.post(revert_url, form_data(original.instance, parent=tree["abroad"].pk))
    assert response.status_code == 302
    page = Page.objects.get(pk=incoming.pk)
    assert page.title_en == "Incoming exchange"
    assert page.url_path_en == "go-abroad/incoming-exchange"
    assert (
        Page.objects.get(pk=tree["apply"].pk).url_path_en
        == "go-abroad/incoming-exchange/how-to-apply"
    )
    assert not any(Page.objects.find_problems())
