"""Layout: no sideways scrolling, rtl (ltr in English), a real Arabic font; screenshots."""

import pytest

from browser import find, full_page_png, open_first_article, platform_fonts, set_viewport, visible

SIZES = [(360, 740), (1366, 768)]  # viewport (innerWidth × innerHeight)
# First family of the theme's --font-arabic stack; Debian's fonts-noto-core installs it
# (fc-list also shows Noto Sans Arabic and Noto Kufi Arabic).
ARABIC_FONT = "Noto Naskh Arabic"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def open_page(driver, server, page):
    if page == "article":
        open_first_article(driver, server)
        return "article.article h1"
    driver.get(server.url("/"))
    visible(driver, "main#main")
    return "main .card-title a"


def assert_no_horizontal_scroll(driver):
    scroll_w, client_w = driver.execute_script(
        "var e = document.documentElement; return [e.scrollWidth, e.clientWidth]")
    assert scroll_w <= client_w, f"page is {scroll_w}px wide in a {client_w}px viewport"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("page", ["home", "article"])
def test_rtl_layout_fits_and_uses_arabic_font(driver, server, page, size):
    set_viewport(driver, *size)
    text_css = open_page(driver, server, page)
    assert_no_horizontal_scroll(driver)

    html = find(driver, "html")
    assert html.get_attribute("lang") == "ar"
    assert html.value_of_css_property("direction") == "rtl"
    assert ARABIC_FONT in find(driver, "h1").value_of_css_property("font-family")
    # document.fonts.check() answers true even for a family that is not installed, so ask
    # chromium which platform fonts it really drew the visible Arabic text with.
    families = [f["familyName"] for f in platform_fonts(driver, text_css)]
    assert ARABIC_FONT in families, f"{text_css} drawn with {families}"


def test_english_setting_is_ltr(driver, english_server):
    for size in SIZES:
        set_viewport(driver, *size)
        open_first_article(driver, english_server)
        html = find(driver, "html")
        assert html.get_attribute("lang") == "en"
        assert html.get_attribute("dir") == "ltr"
        assert html.value_of_css_property("direction") == "ltr"
        assert find(driver, "article.article h1").value_of_css_property("direction") == "ltr"
        assert_no_horizontal_scroll(driver)


def test_screenshots_at_both_widths(driver, server, artifacts):
    names = []
    for width, height in SIZES:
        set_viewport(driver, width, height)
        for page in ("home", "article"):
            open_page(driver, server, page)
            name = f"{page}-{width}.png"
            (artifacts / name).unlink(missing_ok=True)
            full_page_png(driver, artifacts / name)
            names.append(name)
    assert sorted(names) == ["article-1366.png", "article-360.png", "home-1366.png", "home-360.png"]
    for name in names:
        data = (artifacts / name).read_bytes()
        assert data.startswith(PNG_SIGNATURE), f"{name} is not a PNG"
        assert len(data) > 10_000, f"{name} is suspiciously small ({len(data)} bytes)"
