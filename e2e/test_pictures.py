"""Pictures in a real browser: a phone downloads small copies, never the originals, and the
home page's pictures stay within 400 KB at 360 px."""

import re

from browser import find, find_all, set_viewport, visible, wait

# Copies are named NAME-WIDTH-HASH.webp|jpg (crops NAME-social|wide|standard|square-HASH.jpg); originals NAME.ext.
COPY = re.compile(r"/media/[A-Za-z0-9_-]+-(\d+)-[0-9a-f]{12}\.(webp|jpg)$")
BUDGET = 400 * 1024


def wait_for_copies(server):
    """How many pictures the home page shows, once each has its copies (NashraServer waits for
    them when it starts; this is for servers started elsewhere)."""
    return server.wait_for_pictures()


def media_downloads(driver):
    """(url, bytes over the wire) of every /media/ file the page fetched."""
    return driver.execute_script("""
        return performance.getEntriesByType('resource')
          .filter(e => new URL(e.name).pathname.startsWith('/media/'))
          .map(e => [new URL(e.name).pathname, e.transferSize]);""")


def scroll_through(driver):
    """Scroll to the end a screen at a time, so every lazy picture is asked for, then wait
    until each one has loaded."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    step = driver.execute_script("return innerHeight")
    for y in range(0, height + step, step):
        driver.execute_script("window.scrollTo(0, arguments[0])", y)
    driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait(driver, 30).until(lambda d: d.execute_script(
        "return [...document.images].every(i => i.complete)"))


def test_a_phone_downloads_small_copies_within_the_budget(driver, server):
    assert wait_for_copies(server) >= 8
    set_viewport(driver, 360, 740)
    driver.get(server.url("/"))
    visible(driver, "main .lead-story picture img")
    scroll_through(driver)

    downloads = media_downloads(driver)
    assert downloads, "the home page fetched no picture"
    for path, _ in downloads:
        match = COPY.search(path)
        assert match, f"{path} is not a resized copy"
        assert int(match.group(1)) <= 640, f"{path} is wider than a 360 px phone needs"
    total = sum(size for _, size in downloads)
    assert total <= BUDGET, f"{total} bytes of pictures at 360 px: {downloads}"

    lead = find(driver, "main .lead-story picture img")
    current = driver.execute_script("return arguments[0].currentSrc", lead)
    assert current.endswith(".webp"), f"chromium chose {current}, not the WebP copy"
    assert lead.get_attribute("fetchpriority") == "high"
    # Width and height are given, so the picture holds its place before it loads.
    assert int(lead.get_attribute("width")) > 0 and int(lead.get_attribute("height")) > 0
    for card in find_all(driver, ".card-grid .card-cover img"):
        assert card.get_attribute("loading") == "lazy"
        natural = driver.execute_script("return arguments[0].naturalWidth", card)
        assert 0 < natural <= 640, f"a thumbnail of {natural} px"


def test_an_article_cover_has_its_caption_and_credit(driver, server):
    wait_for_copies(server)
    set_viewport(driver, 360, 740)
    driver.get(server.url("/"))
    url = find(driver, ".lead-story .card-title a").get_attribute("href")
    driver.get(url)
    cover = visible(driver, "figure.article-cover picture img")
    driver.execute_script("arguments[0].scrollIntoView()", cover)
    wait(driver, 30).until(lambda d: d.execute_script("return arguments[0].complete", cover))
    assert cover.get_attribute("alt").strip()
    assert COPY.search(driver.execute_script("return new URL(arguments[0].currentSrc).pathname", cover))
    assert driver.execute_script("return arguments[0].naturalWidth", cover) <= 640
    assert find(driver, "figure.article-cover figcaption .caption").text.strip()
    assert "MATE" in find(driver, "figure.article-cover figcaption .credit").text
