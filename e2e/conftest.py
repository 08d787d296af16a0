"""Fixtures: the Nashra server (started once per session) and headless chromium drivers."""

import re
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from browser import make_driver
from nashra_server import STAFF, NashraServer

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def server():
    """Arabic site (the default) with demo content, on a free port of 127.0.0.1.

    Newsroom accounts: `server.admin` and `server.contributor` are (email, password)."""
    nashra = NashraServer(users=STAFF).start()
    yield nashra
    nashra.stop()


@pytest.fixture(scope="session")
def english_server():
    """A second site with `nashra settings set language en`; started only when asked for."""
    nashra = NashraServer(settings={"language": "en"}).start()
    yield nashra
    nashra.stop()


@pytest.fixture
def driver():
    """A fresh browser per test (no cookies, no pending comments from another test)."""
    browser = make_driver()
    yield browser
    browser.quit()


@pytest.fixture
def second_driver():
    """Another fresh browser in the same test: a second person, with cookies of its own."""
    browser = make_driver()
    yield browser
    browser.quit()


@pytest.fixture
def nojs_driver():
    """Chromium with JavaScript disabled by content setting (page scripts never run)."""
    browser = make_driver(javascript=False)
    yield browser
    browser.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Save a screenshot of every open browser of a failing test to e2e/artifacts/."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed or report.when not in ("setup", "call"):
        return
    ARTIFACTS.mkdir(exist_ok=True)
    base = re.sub(r"[^\w.-]+", "_", f"{item.module.__name__}-{item.name}").strip("_")
    drivers = [(n, v) for n, v in getattr(item, "funcargs", {}).items() if isinstance(v, WebDriver)]
    for name, browser in drivers:
        path = ARTIFACTS / (f"{base}.png" if len(drivers) == 1 else f"{base}-{name}.png")
        try:
            browser.save_screenshot(str(path))
            report.sections.append(("screenshot", f"{path} (page: {browser.current_url})"))
        except Exception as error:  # a dead browser must not hide the real failure
            report.sections.append(("screenshot", f"could not save {path}: {error}"))
