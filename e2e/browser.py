"""Debian's headless chromium through selenium, plus small helpers the tests share."""

import base64
import os

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
DEFAULT_WINDOW = (1366, 768)


def make_driver(javascript=True, window=DEFAULT_WINDOW):
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--lang=ar"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(*window)
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
    """Size the window so the layout viewport (innerWidth × innerHeight) is width × height.

    Headless chromium keeps some window chrome (768 tall gives a 625 tall viewport), so
    correct once by the measured difference."""
    driver.set_window_size(width, height)
    inner_w, inner_h = driver.execute_script("return [innerWidth, innerHeight]")
    driver.set_window_size(width + width - inner_w, height + height - inner_h)
    actual = tuple(driver.execute_script("return [innerWidth, innerHeight]"))
    assert actual == (width, height), f"viewport is {actual}, wanted {(width, height)}"


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
