from datetime import timedelta

import pytest
from django.utils import timezone

from pages.models import Page


def make_page(parent=None, title="Study with us", status="published", **fields):
    """A page with its text in the three languages unless `fields` says otherwise."""
    values = {
        "title_en": title,
        "title_zh_hans": fields.pop("title_zh_hans", f"{title} 中文"),
        "title_ru": fields.pop("title_ru", f"{title} по-русски"),
        "body_en": f"<p>About {title}.</p>",
        "body_zh_hans": f"<p>关于 {title}。</p>",
        "body_ru": f"<p>О странице {title}.</p>",
        "status": status,
        "publish_at": timezone.now() - timedelta(minutes=1),
        **fields,
    }
    page = Page(**values)
    if parent is None:
        return Page.objects.add_root(instance=page)
    return Page.objects.add_child(Page.objects.get(pk=parent.pk), instance=page)


@pytest.fixture
def tree():
    """Study with us, Incoming exchange under it, How to apply under that; Go abroad."""
    study = make_page(
        title="Study with us", slug_en="study-with-us", slug_zh_hans="留学", slug_ru="uchis"
    )
    incoming = make_page(
        study, title="Incoming exchange", slug_en="incoming-exchange", slug_ru="vkhodyashchie"
    )
    apply = make_page(incoming, title="How to apply", slug_en="how-to-apply")
    abroad = make_page(title="Go abroad", slug_en="go-abroad", show_in_navigation=True)
    return {
        "study": Page.objects.get(pk=study.pk),
        "incoming": Page.objects.get(pk=incoming.pk),
        "apply": Page.objects.get(pk=apply.pk),
        "abroad": Page.objects.get(pk=abroad.pk),
    }
