"""Debian's headless chromium through selenium, plus small helpers the tests share."""

import base64
import os
from urllib.parse import urlparse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.common.exceptions import (
    StaleElementReferenceException, TimeoutException, WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
DEFAULT_WINDOW = (1366, 768)
# The window is only a frame: every viewport is set with DevTools (set_viewport), which newer
# headless chromium honours exactly, whereas window sizes come back off by its window chrome (and
# chromium 156 refuses windows narrower than 500 px).
WINDOW_FRAME = (1920, 1200)


def make_driver(javascript=True, window=DEFAULT_WINDOW):
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--lang=ar",
                f"--window-size={WINDOW_FRAME[0]},{WINDOW_FRAME[1]}"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    set_viewport(driver, *window)
    return driver


def wait(driver, timeout=10):
    return WebDriverWait(driver, timeout)


def find(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css)


def find_all(driver, css):
    return driver.find_elements(By.CSS_SELECTOR, css)


def visible(driver, css, timeout=10):
    return wait(driver, timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def set_viewport(driver, width, height):
    """Make the layout viewport (innerWidth × innerHeight) exactly width × height.

    DevTools' device-metrics override sets it independently of the window; the override lasts
    for the driver's life, across navigations. Waits until the page reports the size."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False,
    })
    size = lambda d: tuple(d.execute_script("return [innerWidth, innerHeight]"))
    try:
        wait(driver).until(lambda d: size(d) == (width, height))
    except TimeoutException:
        raise AssertionError(f"viewport is {size(driver)}, wanted {(width, height)}") from None


def click(driver, element):
    # Centre first: a plain click may scroll the target under the fixed back-to-top button.
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    element.click()


def scroll_y(driver):
    return driver.execute_script("return window.scrollY")


def active_element(driver):
    return driver.switch_to.active_element


def open_first_article(driver, server):
    """Load the home page and go to its first article; return the article URL."""
    driver.get(server.url("/"))
    url = find(driver, ".card-title a").get_attribute("href")
    driver.get(url)
    visible(driver, "article.article h1")
    return url


def replaced(element):
    """Wait condition: the document holding element has been replaced (a form was submitted).

    Like EC.staleness_of, but chromedriver sometimes answers for a node of the document being
    swapped out with "unknown error: … Node with given id does not belong to the document"
    instead of a stale element reference; that means the same thing here."""
    def gone(_):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return gone


def sign_in(driver, server, account):
    """Sign in to the newsroom through /admin/login; account is (email, password).

    Waits for the dashboard (/admin) to load."""
    email, password = account
    driver.get(server.url("/admin/login"))
    form = visible(driver, "#login-form")
    find(driver, "#email").send_keys(email)
    find(driver, "#password").send_keys(password)
    click(driver, find(driver, "#login-form button[type=submit]"))
    wait(driver).until(replaced(form))
    # The dashboard names the user; a refused sign-in shows the form again with an error summary.
    wait(driver).until(lambda d: find_all(d, ".admin-user") or find_all(d, ".error-summary"))
    errors = " ".join(e.text for e in find_all(driver, ".error-summary"))
    path = urlparse(driver.current_url).path
    assert path == "/admin", f"signing in as {email} led to {driver.current_url}: {errors}"


def response_status(driver):
    """HTTP status of the page's own load (Navigation Timing's responseStatus, chromium ≥ 109)."""
    return driver.execute_script(
        "return performance.getEntriesByType('navigation')[0].responseStatus")


def full_page_png(driver, path):
    """Write a PNG of the whole page (not just the viewport) at the current width."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png",
        "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
    })
    with open(path, "wb") as out:
        out.write(base64.b64decode(shot["data"]))


def platform_fonts(driver, css):
    """Fonts chromium actually used to draw the text of the first node matching css."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": css})
    fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
    return fonts["fonts"]
