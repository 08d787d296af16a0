"""Search from the header box: a query typed with diacritics finds the article."""

from urllib.parse import urlparse

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from browser import find, find_all, open_first_article, visible, wait

FATHA, SHADDA = "\u064e", "\u0651"
ARABIC_LETTERS = set(chr(c) for c in range(0x0621, 0x064B))


def with_diacritics(word):
    """Put a shadda+fatha on the second letter and a fatha on the last: 'الشروق' → 'الشَّروقَ'."""
    return word[0] + word[1] + SHADDA + FATHA + word[2:] + FATHA


def test_query_with_diacritics_finds_and_highlights(driver, server):
    article = open_first_article(driver, server)
    title = find(driver, "article.article h1").text
    words = [w for w in title.split() if set(w) <= ARABIC_LETTERS and len(w) >= 4]
    assert words, f"no plain Arabic word of 4+ letters in {title!r}"
    query = with_diacritics(max(words, key=len))

    box = find(driver, "#site-search")
    box.send_keys(query)
    box.send_keys(Keys.ENTER)
    wait(driver).until(EC.url_contains("/search"))

    assert visible(driver, "#search-q").get_property("value") == query
    results = find_all(driver, "ol.search-results > li.search-result")
    assert results, f"no result for {query!r}"
    paths = [urlparse(a.get_attribute("href")).path for a in find_all(driver, ".search-result h2 a")]
    assert urlparse(article).path in paths, f"{query!r} did not find the article it came from"
    marks = find_all(driver, ".snippet mark")
    assert marks, "no highlighted word in any snippet"
    assert all(m.text.strip() for m in marks)
