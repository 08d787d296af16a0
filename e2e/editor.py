"""Newsroom editor helpers the browser tests share: open the editor, save, publish."""

from urllib.parse import urlparse

from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from browser import click, find, find_all, replaced, visible, wait

SAVED = "تم الحفظ."


def open_new_article(driver, server):
    driver.get(server.url("/admin/articles/new"))
    visible(driver, "#article-form")
    # admin.js unhides the toolbar: the editor's scripts have run.
    visible(driver, ".md-toolbar")


def save(driver):
    """Submit the editor; wait for the edit page that says it was saved; return its .flash."""
    form = find(driver, "#article-form")
    click(driver, find(driver, "#save"))
    wait(driver).until(replaced(form))
    wait(driver).until(EC.url_matches(r"/admin/articles/\d+/edit\?saved=1$"))
    return visible(driver, ".flash")


def publish(driver, server, title, body):
    """Write and publish an article as the signed-in user; return its public URL."""
    open_new_article(driver, server)
    find(driver, "#title").send_keys(title)
    find(driver, "#body").send_keys(body)
    Select(find(driver, "#status")).select_by_value("published")
    assert save(driver).text == SAVED
    links = [a.get_attribute("href") for a in find_all(driver, ".page-header .actions a")]
    public = [href for href in links if urlparse(href).path.startswith("/news/")]
    assert public, f"no link to the published article among {links}"
    return public[0]
