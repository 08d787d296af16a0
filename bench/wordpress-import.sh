#!/usr/bin/env bash
# WordPress import rate on a release build: a WXR 1.2 export made from the 10k-article corpus
# (../shared/data/arabic-news/ant-v1.1/ant-v1.1.jsonl), every post with three comments (one a
# reply, one pending), categories and tags; imported into a new SQLite site, then again (every post
# updated), and once with --dry-run (reading and converting only). Memory is the peak RSS of the run.
#
# Usage: bench/wordpress-import.sh [rounds=3] [copies=1]   Writes bench/results/wordpress-import.md
# (with copies > 1, the corpus N times over, ids and dates shifted: bench/results/wordpress-import-xN.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
copies="${2:-1}"
corpus="../shared/data/arabic-news/ant-v1.1/ant-v1.1.jsonl"
[ -f "$corpus" ] || { echo "missing $corpus (the shared data folder beside the project)" >&2; exit 1; }
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product nashra --scratch-path .build-release 2>&1 | tail -1
binary=".build-release/release/nashra"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$corpus" "$copies" > "$work/export.xml" << 'PY'
import json, sys, random
from datetime import datetime, timedelta
from xml.sax.saxutils import escape
random.seed(11)
def cdata(text): return "<![CDATA[" + (text or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")] * int(sys.argv[2])
categories = sorted({(r.get("category") or "misc", r.get("category_ar") or "متفرقات") for r in rows})
print('<?xml version="1.0" encoding="UTF-8" ?>')
print('<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">')
print('<channel><title>bench</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>')
print('<wp:author><wp:author_id>1</wp:author_id><wp:author_login>desk</wp:author_login><wp:author_display_name>' + cdata("فريق التحرير") + '</wp:author_display_name></wp:author>')
for slug, name in categories:
    print(f'<wp:category><wp:category_nicename>{slug}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>')
start = datetime(2016, 1, 1)
comment_id = 1
for number, r in enumerate(rows, 1):
    date = (start + timedelta(minutes=37 * number)).strftime("%Y-%m-%d %H:%M:%S")
    text = "\n\n".join(p.strip() for p in (r.get("text") or "").split("\n") if p.strip())
    words = [w for w in (r.get("title") or "").split() if len(w) > 3][:3]
    print("<item>")
    print(f"<title>{cdata(r.get('title'))}</title><link>https://bench.example/?p={number}</link><dc:creator>desk</dc:creator>")
    print(f"<content:encoded>{cdata(text)}</content:encoded><excerpt:encoded>{cdata(r.get('abstract'))}</excerpt:encoded>")
    print(f"<wp:post_id>{number}</wp:post_id><wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>")
    print(f"<wp:comment_status>open</wp:comment_status><wp:post_name>post-{number}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>")
    print(f'<category domain="category" nicename="{r.get("category") or "misc"}">{cdata(r.get("category_ar") or "متفرقات")}</category>')
    for w in words:
        print(f'<category domain="post_tag" nicename="t">{cdata(w)}</category>')
    first = comment_id
    for k, (approved, parent) in enumerate([("1", 0), ("1", first), ("0", 0)]):
        print(f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{cdata('قارئ ' + str(k))}</wp:comment_author>"
              f"<wp:comment_author_email>reader{k}@mail.example</wp:comment_author_email><wp:comment_date_gmt>{date}</wp:comment_date_gmt>"
              f"<wp:comment_content>{cdata('تعليق رقم ' + str(comment_id))}</wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved>"
              f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>")
        comment_id += 1
    print("</item>")
print("</channel></rss>")
PY
size=$(du -m "$work/export.xml" | cut -f1)
posts=$(grep -c "<wp:post_type>post" "$work/export.xml")
echo "export: $posts posts, ${size} MB"

run() {  # run LABEL ARGS…: prints "LABEL seconds peak-kB"
  local label="$1"; shift
  local out
  out=$( { /usr/bin/time -f "%e %M" "$binary" wordpress import "$@" > "$work/last.txt"; } 2>&1 | tail -1)
  echo "$label $out"
}
results=()
for round in $(seq "$rounds"); do
  rm -rf "$work/site"
  results+=("$(run new "$work/export.xml" --data "$work/site")")
  results+=("$(run again "$work/export.xml" --data "$work/site")")
  results+=("$(run dry "$work/export.xml" --data "$work/site" --dry-run)")
done
grep -E "^(articles|comments|sections):" "$work/last.txt" || true
{
  echo "# WordPress import rate"
  echo
  echo "\`bench/wordpress-import.sh $rounds $copies\` on $(date -u +%Y-%m-%d), release build, 2 cores: a WXR 1.2 export"
  echo "of the 10k-article corpus ($posts posts, 3 comments each — one a reply, one pending — ${size} MB)."
  echo "Times are the whole command (both readings of the file, conversion, writing, the search index)."
  echo
  echo "| run | round | seconds | posts/s | peak RSS |"
  echo "| --- | --- | --- | --- | --- |"
  n=0
  for line in "${results[@]}"; do
    read -r label seconds kb <<< "$line"
    n=$((n + 1))
    round=$(( (n + 2) / 3 ))
    rate=$(python3 -c "print(int($posts / max($seconds, 0.001)))")
    echo "| $label | $round | $seconds | $rate | $((kb / 1024)) MB |"
  done
} | tee "bench/results/wordpress-import$([ "$copies" = 1 ] || echo "-x$copies").md"
