"""Reads every site, section, tag and author feed of a running Nashra with feedparser.

Usage: python3 scripts/validate_feeds.py BASE_URL
Fails (exit 1) when a feed does not parse cleanly, has no entries, lacks a required element,
or loses its Arabic text.
"""
import re
import sys
import urllib.parse
import urllib.request

import feedparser


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


def main(base):
    home = fetch(base + "/")
    article = re.search(r'href="(/news/[^"?#]+)"', home)
    if article:
        home += fetch(base + article.group(1))
    scopes = [""]
    for kind in ("section", "tag", "author"):
        paths = sorted(set(re.findall(r'href="(/%s/[^"?#/]+)"' % kind, home)))
        scopes += paths[:3]
    problems = []
    checked = 0
    for scope in scopes:
        for suffix in ("/feed", "/feed/atom"):
            url = base + scope + suffix
            feed = feedparser.parse(fetch(url))
            checked += 1
            if feed.bozo:
                problems.append(f"{url}: {feed.bozo_exception}")
                continue
            if not feed.entries:
                problems.append(f"{url}: no entries")
            if not re.search("[\u0600-\u06FF]", feed.feed.get("title", "")):
                problems.append(f"{url}: the title lost its Arabic")
            for entry in feed.entries:
                for key in ("title", "link", "id", "published_parsed", "summary"):
                    if not entry.get(key):
                        problems.append(f"{url}: an entry lacks {key}")
                if not re.search("[\u0600-\u06FF]", entry.get("title", "")):
                    problems.append(f"{url}: {entry.get('link')} lost its Arabic title")
                if not entry.get("link", "").startswith(base):
                    problems.append(f"{url}: {entry.get('link')} is not absolute under the base URL")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"feedparser: {checked} feeds read, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
