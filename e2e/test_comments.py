"""Comment form: per-field error in place, text kept, then a held comment shown to its author."""

import uuid

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from browser import active_element, click, find, open_first_article, visible, wait

AWAITING = "تعليقك بانتظار المراجعة."


def unique_comment():
    # Unique text: the server refuses a duplicate of a comment already posted.
    return f"تعليق تجريبي من اختبار المتصفح رقم {uuid.uuid4().hex[:8]}"


def pending_comment_with(driver, text):
    """Wait for the reader's own held comment holding text; return its li."""
    def found(d):
        for li in d.find_elements("css selector", "li.comment-pending"):
            if text in li.find_element("css selector", ".comment-body").text:
                return li
        return False
    return wait(driver).until(found)


def test_missing_email_then_valid_comment(driver, server):
    article = open_first_article(driver, server)
    text = unique_comment()
    find(driver, "#comment").send_keys(text)
    find(driver, "#author").send_keys("سلمى")
    assert find(driver, "#email").get_property("value") == ""
    click(driver, find(driver, "form.comment-form button[type=submit]"))

    error = visible(driver, "#email-error")
    email = find(driver, "#email")
    # The message sits right after the field, inside the same field paragraph.
    assert find(driver, "#email + .field-error").get_attribute("id") == "email-error"
    assert email.find_element("xpath", "..") == error.find_element("xpath", "..")
    assert error.text.strip()
    assert email.get_attribute("aria-invalid") == "true"
    assert email.get_attribute("aria-describedby") == "email-error"
    assert find(driver, "#comment").get_property("value") == text
    assert find(driver, "#author").get_property("value") == "سلمى"
    assert find(driver, "#comment").get_attribute("aria-invalid") is None
    wait(driver).until(lambda d: active_element(d).get_attribute("id") == "email")

    email.send_keys("salma@example.com")
    click(driver, find(driver, "form.comment-form button[type=submit]"))
    li = pending_comment_with(driver, text)
    assert li.find_element("css selector", ".comment-awaiting").text == AWAITING
    assert driver.current_url.split("#")[0] == article


def test_comment_form_by_keyboard_alone(driver, server):
    article = open_first_article(driver, server)
    # Following a link to #respond makes it the starting point of sequential focus navigation.
    driver.get(article + "#respond")
    keys = ActionChains(driver)
    for _ in range(20):
        keys.send_keys(Keys.TAB).perform()
        if active_element(driver).get_attribute("id") == "comment":
            break
    assert active_element(driver).get_attribute("id") == "comment", "TAB never reached #comment"

    text = unique_comment()
    keys.send_keys(text).perform()
    for field_id, value in (("author", "Karim كريم"), ("email", "karim@example.com")):
        keys.send_keys(Keys.TAB).perform()
        assert active_element(driver).get_attribute("id") == field_id
        keys.send_keys(value).perform()
    assert find(driver, "#comment").get_property("value") == text
    assert find(driver, "#email").get_property("value") == "karim@example.com"

    # Tab on past the optional fields (the honeypot has tabindex=-1) to the submit button.
    for _ in range(5):
        keys.send_keys(Keys.TAB).perform()
        if active_element(driver).tag_name == "button":
            break
    submit = active_element(driver)
    assert submit.get_attribute("type") == "submit"
    assert submit.find_element("xpath", "ancestor::form").get_attribute("class") == "comment-form"
    keys.send_keys(Keys.ENTER).perform()

    wait(driver).until(EC.url_contains("#comment-"))
    li = pending_comment_with(driver, text)
    assert li.find_element("css selector", ".comment-awaiting").text == AWAITING
