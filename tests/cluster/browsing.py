"""Talking to the cluster as a browser would: plain requests, a logged-in staff
member, and the admin's forms filled in from the page itself."""

import http.client
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import psycopg2
import requests

from tests.user_agents import BROWSER


def get(url, headers=None, timeout=30):
    """(status, headers, body) of one GET with a connection of its own and no cookies:
    each call is a new reader."""
    parts = urlparse(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(
            "GET", parts.path or "/", headers={"User-Agent": BROWSER, **(headers or {})}
        )
        response = connection.getresponse()
        return (
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            response.read().decode(errors="replace"),
        )
    finally:
        connection.close()


def query(database_url, sql, *params):
    """One statement on the cluster's database, behind the site's back (no signal)."""
    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


class FormFields(HTMLParser):
    """The fields of the page's form with the given id, as the browser would post them
    untouched: text and hidden inputs, checked boxes, selected options, textareas."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.select = self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("file", "submit", "button", "image"):
                self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, "".join(self.text).removeprefix("\n")))
            self.textarea = None


class Staff:
    """A browser logged in to the admin of one node (its cookies carry to others)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["User-Agent"] = BROWSER

    def at(self, base_url):
        """The same browser (cookies and all) talking to another node."""
        other = Staff(base_url)
        other.session.cookies.update(self.session.cookies)
        return other

    def csrf_token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def log_in(self, username, password):
        login = self.base_url + "/admin/login/"
        page = self.session.get(login, timeout=30)
        return self.session.post(
            login,
            data={
                "csrfmiddlewaretoken": self.csrf_token(page.text),
                "username": username,
                "password": password,
                "next": "/admin/",
            },
            timeout=30,
        )

    def get(self, path):
        return self.session.get(self.base_url + path, timeout=30)

    def submit_form(self, path, form_id, changes=None, files=None):
        """Post the admin form at `path` as shown, with `changes` and `files`."""
        page = self.get(path)
        assert page.status_code == 200, page.status_code
        parser = FormFields(form_id)
        parser.feed(page.text)
        changes = changes or {}
        fields = [(name, value) for name, value in parser.fields if name not in changes]
        fields += [*changes.items(), ("_save", "Save")]
        return self.session.post(
            urljoin(self.base_url, path), data=fields, files=files, timeout=60,
            allow_redirects=False,
        )  # fmt: skip
