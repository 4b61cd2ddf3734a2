"""Reading the sitemap as a crawler does: the index at /sitemap.xml, then each page it names."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def page_addresses(client):
    """The address (path and query) of each page the sitemap index names."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    addresses = []
    for loc in root.findall("s:sitemap/s:loc", NS):
        parts = urlsplit(loc.text)
        addresses.append(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    return addresses


def read_pages(client):
    """The <url> elements of every page of the sitemap, in order."""
    urls = []
    for address in page_addresses(client):
        response = client.get(address)
        assert response.status_code == 200, address
        root = ET.fromstring(response.content)
        assert root.tag == f"{{{NS['s']}}}urlset", address
        urls.extend(root.findall("s:url", NS))
    return urls


def all_text(client):
    """Every page of the sitemap as one string, for tests that look for an address."""
    return "\n".join(client.get(address).text for address in page_addresses(client))
