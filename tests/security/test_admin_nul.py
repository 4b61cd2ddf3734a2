"""A NUL in an admin list's parameters (a filter, the search) is refused with a 400
before it reaches the database: PostgreSQL refuses a query with a NUL in it with an
error (a 500), where SQLite finds nothing."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/page/?status=%00",
        "/ru/admin/pages/page/?status=draft%00",
        "/admin/news/newsrelease/?status=%00",
        "/admin/documents/document/?visibility=%00",
        "/admin/programmes/opportunity/?kind=%00",
        "/admin/pages/page/?q=%00",
        "/admin/pages/page/?%00=1",
    ],
)
def test_a_nul_in_an_admin_lists_parameters_is_a_400(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 400
    # Said in the admin's language.
    assert ("символ" if url.startswith("/ru/") else "character") in response.text


def test_the_public_pages_still_ignore_a_nul(client):
    assert client.get("/search/?q=%00").status_code == 200
    assert client.get("/programmes/?kind=%00").status_code == 200
