"""The partner form's help texts read as written, in words."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_the_help_texts_keep_their_words(partner_manager_client, prefix):
    page = partner_manager_client.get(f"{prefix}/admin/partners/institution/add/")

    text = page.content.decode()
    assert page.status_code == 200
    # A placeholder in angle brackets would be taken for a tag and vanish.
    assert "/partners//" not in text
    assert "One a line" not in text
    if not prefix:
        assert "The last part of the page&#x27;s address, after /partners/" in text or (
            "The last part of the page's address, after /partners/" in text
        )
        assert "One per line, e.g. polymer materials and engineering." in text
