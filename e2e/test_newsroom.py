"""Newsroom: an editor's day (write, format, publish), moderation, roles, sign-in defences."""

import http.cookiejar
import uuid
from html.parser import HTMLParser
from urllib.error import HTTPError
from urllib.parse import unquote, urlencode, urlparse
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from browser import click, find, find_all, replaced, response_status, sign_in, visible, wait
from editor import SAVED, open_new_article, publish, save
from nashra_server import ADMIN, STAFF, NashraServer

DONE = "تم."
LOGIN_FAILED = "البريد الإلكتروني أو كلمة المرور غير صحيحة."
LOGIN_THROTTLED = "محاولات كثيرة غير ناجحة. انتظر ربع ساعة ثم حاول مجددًا."


@pytest.fixture(scope="module")
def newsroom():
    """A server of this module's own, with the same accounts as the session server.

    Articles published here must not change the shared site: test_reader, test_search, test_layout
    and test_accessibility open the home page's first article, which a new one would replace."""
    nashra = NashraServer(users=STAFF).start()
    yield nashra
    nashra.stop()


@pytest.fixture(scope="module")
def throttle_server():
    """Sign-in failures are limited per account and per address, and every test comes from
    127.0.0.1: exhausting the limit on a shared server would refuse every later sign-in."""
    nashra = NashraServer(users=[ADMIN]).start()
    yield nashra
    nashra.stop()


def tag():
    return uuid.uuid4().hex[:6]


# --- Editor helpers --------------------------------------------------------------------------


def select_word(driver, textarea, word):
    """Select the first occurrence of word in the textarea, as a double-click would."""
    driver.execute_script(
        "const [box, word] = arguments; const at = box.value.indexOf(word);"
        "box.focus(); box.setSelectionRange(at, at + word.length);",
        textarea, word)


def comment_items(driver, text):
    """The comment list items whose body holds text."""
    return [li for li in find_all(driver, "ol.comment-list li.comment")
            if text in li.find_element("css selector", ".comment-body").text]


# --- The editor's day ------------------------------------------------------------------------


def test_write_format_publish_and_read(driver, newsroom):
    run = tag()
    title = f"  مهرجان الكتاب: دورة TEST-{run}  "
    expected_slug = f"مهرجان-الكتاب-دورة-test-{run}"  # trimmed, lowercased, ":" and spaces → "-"
    word = "واسعة"
    body = f"افتتح معرض الكتاب أبوابه اليوم بمشاركة {word} من دور النشر العربية."

    sign_in(driver, newsroom, newsroom.admin)
    assert "مديرة التحرير" in find(driver, ".admin-user").text
    click(driver, find(driver, '.page-header a[href="/admin/articles/new"]'))
    wait(driver).until(EC.url_contains("/admin/articles/new"))
    visible(driver, ".md-toolbar")
    assert find(driver, "#article-form").get_attribute("data-slug-auto") == "true"

    find(driver, "#title").send_keys(title)
    wait(driver, 5).until(lambda d: find(d, "#slug").get_property("value") == expected_slug,
                          f"#slug did not become {expected_slug!r}")

    textarea = find(driver, "#body")
    textarea.send_keys(body)
    select_word(driver, textarea, word)
    click(driver, find(driver, "button[data-md=bold]"))
    assert textarea.get_property("value") == body.replace(word, f"**{word}**")
    wait(driver, 5).until(
        lambda d: [s.text for s in find_all(d, "#body-preview strong")] == [word],
        "the live preview never showed the bold word")

    section_select = Select(find(driver, "#section"))
    choices = [o for o in section_select.options
               if not o.is_selected() and "›" not in o.text and o.get_attribute("value")]
    assert choices, "no other top-level section to pick"
    section = choices[0].text
    section_select.select_by_value(choices[0].get_attribute("value"))
    Select(find(driver, "#status")).select_by_value("published")

    assert save(driver).text == SAVED
    assert find(driver, "#title").get_property("value") == title.strip()
    assert find(driver, "#slug").get_property("value") == expected_slug
    assert find(driver, "#status").get_property("value") == "published"
    assert word in [s.text for s in find_all(driver, "#body-preview strong")]

    # The home page lists the latest articles: the new one is there, as a link.
    driver.get(newsroom.url("/"))
    visible(driver, "main#main")
    links = [a for a in find_all(driver, "main .card-title a") if a.text == title.strip()]
    assert links, f"{title.strip()!r} is not linked from the home page"
    click(driver, links[0])
    wait(driver).until(EC.url_contains("/news/"))
    assert visible(driver, "article.article h1").text == title.strip()
    assert unquote(urlparse(driver.current_url).path) == "/news/" + expected_slug
    assert section in [a.text for a in find_all(driver, "nav.breadcrumb a")]
    assert find(driver, ".byline-author a").text == "مديرة التحرير"
    assert [s.text for s in find_all(driver, ".article-body strong")] == [word]
    assert body.split(word)[0].strip() in find(driver, ".article-body").text


def test_comment_approved_in_queue_appears_on_article(driver, second_driver, newsroom):
    admin, reader = driver, second_driver
    sign_in(admin, newsroom, newsroom.admin)
    article = publish(admin, newsroom, f"خبر للتعليقات {tag()}", "نص قصير يكفي لاختبار التعليقات.")

    text = f"تعليق ينتظر موافقة المحرر رقم {tag()}"
    reader.get(article)
    find(reader, "#comment").send_keys(text)
    find(reader, "#author").send_keys("قارئة")
    find(reader, "#email").send_keys("reader@example.com")
    click(reader, find(reader, "form.comment-form button[type=submit]"))
    wait(reader).until(lambda d: comment_items(d, text))
    assert "comment-pending" in comment_items(reader, text)[0].get_attribute("class").split()

    # Held: another visitor (no cookie of the author) does not see it.
    reader.delete_all_cookies()
    reader.get(article)
    visible(reader, "#comments")
    assert not comment_items(reader, text), "a held comment is shown to other readers"

    admin.get(newsroom.url("/admin/comments?status=pending"))
    rows = [r for r in find_all(admin, "tr.comment-row")
            if text in r.find_element("css selector", ".comment-text").text]
    assert len(rows) == 1, f"{len(rows)} queue rows hold the comment"
    box = rows[0].find_element("css selector", "input[name=ids]")
    assert box.get_attribute("value") == rows[0].get_attribute("data-id")
    click(admin, box)
    assert box.is_selected()
    Select(find(admin, "#bulk-action")).select_by_value("approved")
    form = find(admin, "#bulk-form")
    click(admin, find(admin, "#bulk-form .actions button[type=submit]"))
    wait(admin).until(replaced(form))
    assert visible(admin, ".flash").text == DONE
    assert "status=pending" in admin.current_url
    assert not [r for r in find_all(admin, "tr.comment-row .comment-text") if text in r.text], \
        "the approved comment is still in the pending queue"

    reader.delete_all_cookies()
    reader.get(article)
    visible(reader, "#comments")
    items = comment_items(reader, text)
    assert len(items) == 1, "the approved comment is not on the article"
    assert "comment-pending" not in items[0].get_attribute("class").split()
    assert items[0].find_element("css selector", ".comment-author").text == "قارئة"


def test_contributor_submits_for_review_only(driver, newsroom):
    title = f"مقال مساهم للمراجعة {tag()}"
    sign_in(driver, newsroom, newsroom.contributor)
    open_new_article(driver, newsroom)
    status = Select(find(driver, "#status"))
    assert [o.get_attribute("value") for o in status.options] == ["draft", "pending"]

    find(driver, "#title").send_keys(title)
    find(driver, "#body").send_keys("مسودة من مساهم تنتظر قرار المحرر.")
    status.select_by_value("pending")
    assert save(driver).text == SAVED
    assert find(driver, "#status").get_property("value") == "pending"
    assert [o.get_attribute("value") for o in Select(find(driver, "#status")).options] \
        == ["draft", "pending"]

    # Sign out, then the admin finds it waiting for review.
    click(driver, find(driver, "form.signout button[type=submit]"))
    wait(driver).until(EC.url_contains("/admin/login"))
    visible(driver, "#login-form")
    sign_in(driver, newsroom, newsroom.admin)
    panels = [p for p in find_all(driver, "section.panel")
              if any("status=pending" in a.get_attribute("href")
                     for a in p.find_elements("css selector", "h2 a"))]
    assert len(panels) == 1, "no pending-review panel on the admin's dashboard"
    assert title in [a.text for a in panels[0].find_elements("css selector", "li a")]

    driver.get(newsroom.url("/admin/articles?status=pending"))
    rows = [r for r in find_all(driver, "table.article-table tbody tr")
            if r.find_element("css selector", "a.edit-link").text == title]
    assert len(rows) == 1, f"{title!r} is not listed once among the pending articles"
    assert rows[0].find_elements("css selector", ".badge.status-pending")


# --- Sign-in defences ------------------------------------------------------------------------


def try_sign_in(driver, email, password):
    """Submit the login form on the current page; wait for the answer and return its status."""
    form = visible(driver, "#login-form")
    email_box = find(driver, "#email")
    email_box.clear()
    email_box.send_keys(email)
    find(driver, "#password").send_keys(password)
    click(driver, find(driver, "#login-form button[type=submit]"))
    wait(driver).until(replaced(form))
    visible(driver, "#login-form")
    return response_status(driver)


def test_sixth_failed_sign_in_is_throttled(driver, throttle_server):
    email = f"nobody-{tag()}@example.org"  # no such account: the limit counts it all the same
    driver.get(throttle_server.url("/admin/login"))
    for attempt in range(1, 6):
        status = try_sign_in(driver, email, f"wrong-password-{attempt}")
        assert status == 422, f"attempt {attempt}: HTTP {status}"
        assert visible(driver, ".error-summary").text == LOGIN_FAILED, f"attempt {attempt}"
        assert find(driver, "#email").get_property("value") == email

    status = try_sign_in(driver, email, "wrong-password-6")
    assert status == 429
    assert visible(driver, ".error-summary").text == LOGIN_THROTTLED

    # The guesses at one account lock no one else out: a real account's owner, from the same
    # address (a newsroom behind one proxy), signs in with the right password.
    admin_email, admin_password = throttle_server.admin
    find(driver, "#email").clear()
    find(driver, "#email").send_keys(admin_email)
    find(driver, "#password").send_keys(admin_password)
    form = find(driver, "#login-form")
    click(driver, find(driver, "#login-form button[type=submit]"))
    wait(driver).until(replaced(form))
    visible(driver, ".admin-user")
    assert urlparse(driver.current_url).path == "/admin"


class HiddenInputs(HTMLParser):
    """Hidden inputs of the form with the given id: {name: value}."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        elif tag == "input" and self.inside and attrs.get("type") == "hidden":
            self.fields[attrs.get("name")] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def test_sign_in_post_without_csrf_token_is_forbidden(server):
    jar = http.cookiejar.CookieJar()
    opener = build_opener(HTTPCookieProcessor(jar))  # keeps the nashra_reader cookie of the GET
    with opener.open(server.url("/admin/login"), timeout=10) as page:
        parser = HiddenInputs("login-form")
        parser.feed(page.read().decode())
    assert parser.fields.get("_csrf"), "the login form has no _csrf token"
    assert any(c.name == "nashra_reader" for c in jar), [c.name for c in jar]

    email, password = server.admin
    fields = {"email": email, "password": password}

    def post(data):
        # Same origin, as a browser would say: only the token is missing.
        request = Request(server.url("/admin/login"), data=urlencode(data).encode(),
                          headers={"Origin": server.base_url})
        return opener.open(request, timeout=10)

    with pytest.raises(HTTPError) as refused:
        post(fields)
    assert refused.value.code == 403

    # The very same request with the form's token signs in (303 to the dashboard).
    with post({**fields, "_csrf": parser.fields["_csrf"]}) as answer:
        assert answer.status == 200
        assert urlparse(answer.url).path == "/admin"


def test_closed_tab_loses_nothing(driver, newsroom):
    """Typing, then leaving the page without saving: the autosave is offered back and restores it."""
    sign_in(driver, newsroom, newsroom.admin)
    open_new_article(driver, newsroom)
    title = f"مسودة لم تحفظ {tag()}"
    find(driver, "#title").send_keys(title)
    find(driver, "#body").send_keys("فقرة كتبت ولم تحفظ.")
    # The script puts the tab's autosave key in the address once the server has the text, or sends
    # it as the page goes away; leaving at once exercises the second path.
    driver.get(newsroom.url("/admin"))
    visible(driver, ".dashboard-grid")
    open_new_article(driver, newsroom)
    restore = visible(driver, "#restore-autosave")
    form = find(driver, "#article-form")
    click(driver, restore)
    wait(driver).until(replaced(form))
    visible(driver, "#article-form")
    assert find(driver, "#title").get_attribute("value") == title
    assert find(driver, "#body").get_attribute("value") == "فقرة كتبت ولم تحفظ."
