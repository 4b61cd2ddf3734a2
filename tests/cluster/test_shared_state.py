"""Two app nodes share everything a reader or a staff member can see: media, edits,
sessions, lockouts, counts and the page cache."""

import io
import json
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image

from .browsing import Staff, get, query
from .conftest import LOGIN_FAILURE_LIMIT

pytestmark = pytest.mark.cluster

VISITS = 2000


def png(colour=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(buffer, "PNG")
    return buffer.getvalue()


def institution(cluster, offset=0):
    """(id, English slug) of a demo partner institution."""
    return query(
        cluster.database_url,
        "SELECT id, slug_en FROM partners_institution ORDER BY id OFFSET %s LIMIT 1",
        offset,
    )[0]


def a_release_path(cluster):
    status, _, html = get(cluster.url + "/news/")
    assert status == 200
    return re.search(r'href="(/news/(\d+)/[^/"]+/)"', html).groups()


def rendition_sources(html, stored_name):
    """The addresses of the <img> elements showing renditions of the stored image."""
    stem = stored_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.findall(rf'<img[^>]* src="([^"]*{re.escape(stem)}[^"]*)"', html)


def view_count(cluster, release_id):
    return query(
        cluster.database_url, "SELECT view_count FROM news_newsrelease WHERE id = %s", release_id
    )[0][0]


def visits(cluster, path, count):
    """`count` concurrent visits without cookies (each one counts), through the balancer
    and straight at each node in turn; their statuses."""
    addresses = [cluster.url, *cluster.node_urls]
    with ThreadPoolExecutor(max_workers=24) as pool:
        return list(pool.map(lambda i: get(addresses[i % len(addresses)] + path)[0], range(count)))


def test_each_node_reports_its_database_cache_and_storage_ok(cluster):
    for url in cluster.node_urls:
        status, _, body = get(url + "/healthz")
        assert status == 200
        assert json.loads(body) == {
            "status": "ok",
            "ready": True,
            "database": "ok",
            "cache": "ok",
            "storage": "ok",
        }


def test_an_image_uploaded_through_one_node_is_shown_by_the_other(cluster, staff_on_a, node_b):
    pk, slug = institution(cluster)
    response = staff_on_a.submit_form(
        f"/admin/partners/institution/{pk}/change/",
        "institution_form",
        files={"logo": ("new-logo.png", png(), "image/png")},
    )
    assert response.status_code == 302, response.text[:2000]
    (logo,) = query(
        cluster.database_url, "SELECT logo FROM partners_institution WHERE id = %s", pk
    )[0]
    status, _, html = get(f"{node_b}/partners/{slug}/")
    assert status == 200
    sources = rendition_sources(html, logo)
    assert sources, "node B shows no rendition of the logo uploaded on node A"
    assert all(source.startswith(cluster.media_url + "/") for source in sources)
    status, headers, _ = get(sources[0])
    assert status == 200
    assert headers["content-type"].startswith("image/")


def test_a_staff_edit_saved_on_one_node_shows_on_the_other_at_once(cluster, staff_on_a, node_b):
    pk, slug = institution(cluster, offset=1)
    page = f"{node_b}/partners/{slug}/"
    assert get(page)[0] == 200  # now in the page cache
    city = f"Edited city {uuid.uuid4().hex[:8]}"
    response = staff_on_a.submit_form(
        f"/admin/partners/institution/{pk}/change/", "institution_form", {"city_en": city}
    )
    assert response.status_code == 302, response.text[:2000]
    status, _, html = get(page)
    assert status == 200
    assert city in html


def test_a_session_started_on_one_node_holds_on_the_other(staff_on_a, node_b):
    response = staff_on_a.at(node_b).get("/admin/")
    assert response.status_code == 200
    assert response.url.endswith("/admin/")  # not sent to the login page
    assert 'id="logout-form"' in response.text


def test_a_lockout_started_on_one_node_holds_on_the_other(cluster, node_a, node_b):
    for _ in range(LOGIN_FAILURE_LIMIT):
        Staff(node_a).log_in("admin", "not-the-password")
    # The right password, on the other node: refused while the lockout lasts.
    response = Staff(node_b).log_in("admin", cluster.admin_password)
    assert not response.url.endswith("/admin/")
    assert response.status_code in (403, 429)
    query(cluster.database_url, "DELETE FROM axes_accessattempt")


def test_concurrent_visits_over_every_node_add_exactly_their_number(cluster):
    path, release_id = a_release_path(cluster)
    before = view_count(cluster, release_id)
    statuses = visits(cluster, path, VISITS)
    assert statuses.count(200) == VISITS
    assert view_count(cluster, release_id) - before == VISITS


def test_a_page_rendered_by_one_node_is_served_by_the_other_from_the_cache(cluster, node_a, node_b):
    pk, slug = institution(cluster, offset=2)
    page = f"/partners/{slug}/"
    # Behind a balancer every node is asked for the same site, by the same name.
    site = {"Host": "localhost"}
    (city,) = query(
        cluster.database_url, "SELECT city_en FROM partners_institution WHERE id = %s", pk
    )[0]
    assert get(node_a + page, site)[0] == 200
    # Behind the site's back: no signal, so no new content version.
    query(
        cluster.database_url,
        "UPDATE partners_institution SET city_en = 'Nowhere' WHERE id = %s",
        pk,
    )
    try:
        status, _, html = get(node_b + page, site)
        assert status == 200
        assert "Nowhere" not in html
        assert city in html
    finally:
        query(
            cluster.database_url,
            "UPDATE partners_institution SET city_en = %s WHERE id = %s",
            city,
            pk,
        )
