"""Reader flows: home → section → article → related article, back to top, share links."""

from urllib.parse import quote, urlparse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from browser import (active_element, click, find, find_all, open_first_article, scroll_y,
                     visible, wait)


def test_home_section_article_related(driver, server):
    driver.get(server.url("/"))
    section_links = [a for a in find_all(driver, "nav.site-nav a")
                     if "/section/" in a.get_attribute("href")]
    assert section_links, "no section link in the site nav"
    section_name = section_links[0].text
    click(driver, section_links[0])
    wait(driver).until(EC.url_contains("/section/"))
    current = find(driver, 'nav.site-nav a[aria-current="page"]')
    assert current.text == section_name

    card = find(driver, "main .card-title a")
    card_title = card.text
    click(driver, card)
    wait(driver).until(EC.url_contains("/news/"))
    h1 = visible(driver, "article.article h1")
    assert h1.text == card_title
    first_article = driver.current_url

    related = find_all(driver, "section.related .card-title a")
    assert related, "the article lists no related articles"
    related_title = related[0].text
    click(driver, related[0])
    wait(driver).until(EC.url_changes(first_article))
    assert urlparse(driver.current_url).path.startswith("/news/")
    assert urlparse(driver.current_url).path != urlparse(first_article).path
    h1 = visible(driver, "article.article h1")
    assert h1.text == related_title
    assert h1.text != card_title


@pytest.mark.parametrize("activate", ["click", "enter"])
def test_back_to_top_with_javascript(driver, server, activate):
    open_first_article(driver, server)
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    wait(driver).until(lambda d: scroll_y(d) > 500)  # html has scroll-behavior: smooth
    link = find(driver, "a.back-to-top")
    if activate == "click":
        link.click()
    else:
        link.send_keys(Keys.ENTER)  # focuses the link, then presses Enter on it
    wait(driver).until(lambda d: scroll_y(d) == 0)
    # site.js moves focus to the top of the page and drops the #top fragment.
    assert active_element(driver).get_attribute("class") == "skip-link"
    assert not driver.current_url.endswith("#top")


def test_back_to_top_without_javascript(nojs_driver, server):
    """Plain #top link: with JS off the test reads no window.scrollY.

    WebDriver's Get Element Rect gives a document position (viewport position plus the
    scroll offset), so for the position: fixed back-to-top button, rect.y minus its rect.y
    at load (scrolled to 0) is exactly the page's scroll offset."""
    driver = nojs_driver
    open_first_article(driver, server)
    button = find(driver, "a.back-to-top")
    at_top = button.rect["y"]

    def offset(_):
        return button.rect["y"] - at_top

    ActionChains(driver).send_keys(Keys.END).perform()
    wait(driver).until(lambda d: offset(d) > 500)
    button.send_keys(Keys.ENTER)
    wait(driver).until(EC.url_matches(r"#top$"))
    wait(driver).until(lambda d: abs(offset(d)) <= 1)
    # Had site.js run, it would have removed the fragment: proof that JS really was off.
    assert driver.current_url.endswith("#top")
    header = find(driver, "#top").rect  # the header is not fixed: its rect is its page position
    assert header["y"] - 1 <= offset(driver) < header["y"] + header["height"], "header not in view"


def test_share_links_carry_canonical_url(driver, server):
    open_first_article(driver, server)
    canonical = find(driver, 'link[rel="canonical"]').get_dom_attribute("href")
    assert canonical.startswith(server.base_url + "/news/")
    assert urlparse(canonical).path == urlparse(driver.current_url).path
    encoded = quote(canonical, safe="")
    links = find_all(driver, "a.share-link")
    copy_links = [a for a in links if "share-copy" in a.get_attribute("class").split()]
    others = [a for a in links if a not in copy_links]
    assert len(copy_links) == 1
    assert len(others) >= 5, [a.get_dom_attribute("href") for a in links]
    for link in others:
        href = link.get_dom_attribute("href")
        assert encoded in href, f"{link.get_attribute('data-network')}: {href}"
    assert copy_links[0].get_dom_attribute("href") == canonical
