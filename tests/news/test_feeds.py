"""The feed carries what staff wrote: plain text reaches feed readers as text.

Readers take an RSS item's description as HTML once the XML is decoded, so the test
decodes the XML once (as a reader does) and reads the result as HTML.
"""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.news.conftest import make_news_release

pytestmark = pytest.mark.django_db


class HtmlReader(HTMLParser):
    """What a feed reader shows of an HTML fragment: its text, and the elements in it."""

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.elements, self.shown = [], []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)

    def handle_data(self, data):
        self.shown.append(data)

    @property
    def text(self):
        return "".join(self.shown)


def feed_item(client, release):
    """The feed's <item> for `release`, its elements decoded once by an XML parser."""
    response = client.get(reverse("news:feed"))
    assert response.status_code == 200
    link = f"http://testserver{release.get_absolute_url()}"
    [item] = [i for i in ET.fromstring(response.content).iter("item") if i.findtext("link") == link]
    return item


def test_a_script_in_a_summary_reaches_feed_readers_as_text(client):
    release = make_news_release(summary="<script>alert(1)</script> Apply now")

    description = feed_item(client, release).findtext("description")

    assert description == "&lt;script&gt;alert(1)&lt;/script&gt; Apply now"
    shown = HtmlReader(description)
    assert shown.elements == []
    assert shown.text == "<script>alert(1)</script> Apply now"


def test_ampersands_markup_and_chinese_read_as_written(client):
    summary = "合作与交流 & 留学：<b>2026</b> 年项目 &amp; 奖学金"
    title = "Q&A: <b>exchange</b> programmes with Irkutsk — 合作"
    release = make_news_release(title=title, summary=summary)

    item = feed_item(client, release)

    shown = HtmlReader(item.findtext("description"))
    assert shown.elements == []
    assert shown.text == summary
    # A title is plain text (readers that show it as text would show entities).
    assert item.findtext("title") == title
