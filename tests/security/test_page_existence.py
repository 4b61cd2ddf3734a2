"""An address of a page the visitor may not see answers as an address with no page,
whatever the method: a 405 there (and a 404 elsewhere) would tell a guesser that a
draft is there."""

import pytest

from tests.pages.conftest import make_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["post", "put", "delete", "options", "patch"])
def test_other_methods_at_a_drafts_address_answer_as_at_no_page(client, method):
    draft = make_page(title="Merger plans", slug_en="merger-plans", status="draft")
    make_page(draft, title="Timeline", slug_en="timeline")
    for path in ("/merger-plans/", "/merger-plans/timeline/", "/ru/merger-plans/"):
        hidden = getattr(client, method)(path)
        missing = getattr(client, method)(path.replace("merger-plans", "no-such-page"))
        assert (hidden.status_code, missing.status_code) == (404, 404), path


def test_other_methods_at_a_public_page_are_refused(client):
    make_page(title="Visas", slug_en="visas")
    response = client.post("/visas/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
