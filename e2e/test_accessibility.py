"""axe-core on the main pages and the newsroom's sign-in and editor; skip link, focus ring
(keyboard use of forms: test_comments)."""

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from browser import active_element, find, open_first_article, sign_in, visible, wait

BLOCKING = {"serious", "critical"}


PAGES = {"home": ("/", "main#main"), "search": ("/search?q=الشروق", "ol.search-results"),
         "404": ("/no-such-page", ".error-page"),
         "login": ("/admin/login", "#login-form"),  # signed out
         # admin.js unhides the Markdown toolbar: check the page as a scripted browser shows it.
         "editor": ("/admin/articles/new", ".md-toolbar")}


def open_page(driver, server, page):
    if page == "article":
        open_first_article(driver, server)
    else:
        if page == "editor":
            sign_in(driver, server, server.admin)
        path, ready = PAGES[page]
        driver.get(server.url(path))
        visible(driver, ready)


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"]:
            summary = (node.get("failureSummary") or "").strip().splitlines()[-1:]
            lines.append(f"    {node['target']}: {' '.join(summary).strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("page", ["home", "article", "search", "404", "login", "editor"])
def test_no_serious_axe_violation(driver, server, page):
    open_page(driver, server, page)
    if page == "404":
        assert find(driver, ".error-status").text == "404"
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    engine = driver.execute_script("return axe.version")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core {engine} on {driver.current_url}:\n{describe(blocking)}"


def test_skip_link_is_first_tab_stop(driver, server):
    open_first_article(driver, server)
    ActionChains(driver).send_keys(Keys.TAB).perform()
    skip = active_element(driver)
    assert "skip-link" in skip.get_attribute("class").split()
    assert skip.get_attribute("hash") == "#main"
    # Hidden above the page until focused, then on screen.
    wait(driver).until(lambda d: skip.rect["y"] >= 0 and skip.is_displayed())
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait(driver).until(EC.url_matches(r"#main$"))
    assert active_element(driver).get_attribute("id") == "main"


def has_focus_ring(element):
    outline = element.value_of_css_property("outline-style") not in ("none", "")
    outline = outline and element.value_of_css_property("outline-width") != "0px"
    shadow = element.value_of_css_property("box-shadow") not in ("none", "")
    return outline or shadow


def test_keyboard_focus_ring_on_links(driver, server):
    driver.get(server.url("/"))
    # The ring must come from focus, not be drawn on every link.
    assert not has_focus_ring(find(driver, "footer.site-footer a"))
    keys = ActionChains(driver)
    checked = []
    for _ in range(15):  # skip link, brand, search box and button, then the nav links
        keys.send_keys(Keys.TAB).perform()
        el = active_element(driver)
        if el.tag_name != "a":
            continue
        assert has_focus_ring(el), f"no visible focus ring on {el.get_attribute('outerHTML')}"
        checked.append(el.get_attribute("class") or el.text)
        if el.find_elements("xpath", "ancestor::nav[contains(@class,'site-nav')]"):
            break
    assert len(checked) >= 3, f"too few links reached by TAB: {checked}"
