"""Nashra behind a real Varnish (Debian's 7.1, deploy/varnish/nashra.vcl): anonymous readers share
cached pages, and an edit published in the newsroom purges exactly the pages it changed."""

import re
import time
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from browser import find, sign_in
from editor import SAVED, publish, save
from nashra_server import ADMIN, NashraServer
from varnish_cache import VarnishCache, free_port


@pytest.fixture(scope="module")
def cdn():
    """(nashra, varnish): Nashra purging Varnish by key, Varnish's backend that Nashra."""
    varnish_port = free_port()
    nashra = NashraServer(
        users=[ADMIN], serve_args=["--purge-url", f"http://127.0.0.1:{varnish_port}/"]).start()
    varnish = None
    try:
        varnish = VarnishCache(varnish_port, urlparse(nashra.base_url).port).start()
        yield nashra, varnish
    finally:
        if varnish:
            varnish.stop()
        nashra.stop()


def fetch(url):
    """An anonymous GET with a new connection and no cookies: (headers, body)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read().decode()


def keys(headers):
    return set((headers.get("Surrogate-Key") or "").split())


class ArticleLinks(HTMLParser):
    """The /news/… links of a page, in order, once each."""

    def __init__(self):
        super().__init__()
        self.paths = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("/news/") and href not in self.paths:
            self.paths.append(href)


class ArticleBody(HTMLParser):
    """The text inside the page's .article-body."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or "article-body" in classes:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def body_text(html):
    parser = ArticleBody()
    parser.feed(html)
    return "".join(parser.text)


def cached_twice(url):
    """Fetches url until Varnish answers from its cache (the first fetch may fill it)."""
    headers, body = fetch(url)
    if headers.get("X-Cache") != "HIT":
        headers, body = fetch(url)
    assert headers.get("X-Cache") == "HIT", f"{url} was not kept by Varnish: {dict(headers)}"
    return headers, body


def test_readers_share_one_cached_copy(cdn):
    _, varnish = cdn
    links = ArticleLinks()
    links.feed(fetch(varnish.url("/"))[1])
    assert links.paths, "the home page through Varnish links no article"
    path = links.paths[0]
    first_headers, first = fetch(varnish.url(path))
    second_headers, second = cached_twice(varnish.url(path))
    assert first == second
    assert first_headers.get("Set-Cookie") is None and second_headers.get("Set-Cookie") is None
    directives = {d.strip().split("=")[0] for d in second_headers["Cache-Control"].split(",")}
    assert {"public", "s-maxage"} <= directives
    assert any(re.fullmatch(r"article-\d+", key) for key in keys(second_headers))


def test_an_edit_shows_behind_varnish_at_once(cdn, driver):
    nashra, varnish = cdn
    sign_in(driver, nashra, nashra.admin)
    marker = f"{time.monotonic_ns():x}"
    url = publish(driver, nashra, f"خبر خلف ذاكرة التخزين {marker}", "النص الأول للخبر قبل التعديل.")
    path = urlparse(url).path
    headers, page = cached_twice(varnish.url(path))
    assert "النص الأول" in body_text(page)
    edited_keys = keys(headers)
    assert edited_keys, "the article page names no Surrogate-Key"

    # An article that shares no key with the edited one must stay cached through the edit.
    links = ArticleLinks()
    links.feed(cached_twice(varnish.url("/"))[1])
    untouched = None
    for other in links.paths:
        if other != path:
            other_headers, _ = fetch(varnish.url(other))
            if keys(other_headers).isdisjoint(edited_keys):
                untouched = other
                break
    assert untouched, f"every article on the home page shares a key with {sorted(edited_keys)}"
    cached_twice(varnish.url(untouched))

    # The edit, in the newsroom (which a CDN passes straight to Nashra).
    body = find(driver, "#body")
    body.clear()
    body.send_keys(f"النص المعدل للخبر {marker}.")
    assert save(driver).text == SAVED
    saved_at = time.monotonic()
    while f"النص المعدل للخبر {marker}" not in body_text(fetch(varnish.url(path))[1]):
        # The issue asks for 1 s; the bound is looser for a loaded machine, and the time is printed.
        assert time.monotonic() - saved_at < 5.0, "Varnish still serves the page from before the edit"
        time.sleep(0.02)
    print(f"varnish: the edit showed {time.monotonic() - saved_at:.3f} s after the save was acknowledged")

    assert fetch(varnish.url(untouched))[0].get("X-Cache") == "HIT", "an untouched article was purged"
    assert fetch(varnish.url("/"))[0].get("X-Cache") == "MISS", "the home page kept its old copy"
