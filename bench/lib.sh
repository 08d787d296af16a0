# Helpers the benchmark scripts share. Source it from the project root.

# free_port: a port nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# make_queries CORPUS COUNT > FILE: COUNT queries each of 1, 2 and 3 words drawn (seeded) from the
# corpus titles.
make_queries() {
  python3 - "$1" "$2" << 'PY'
import json, random, re, sys
random.seed(7)
stop = set("في من على إلى الى عن أن ان التي الذي و أو ثم قد هذا هذه ذلك مع بين كل بعد قبل حول خلال".split())
words = []
for line in open(sys.argv[1], encoding="utf-8"):
    title = json.loads(line).get("title") or ""
    words += [w for w in re.findall(r"[\u0621-\u064A]{3,}", title) if w not in stop]
count = int(sys.argv[2])
for size in (1, 2, 3):
    for _ in range(count):
        print(" ".join(random.choice(words) for _ in range(size)))
PY
}

# make_100k CORPUS > FILE: the corpus ten times over; copy N gets ids suffixed "-copyN" and its
# dates moved back N years, so every copy is a distinct article with the same text.
make_100k() {
  python3 - "$1" << 'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for copy in range(10):
    for line in lines:
        record = json.loads(line)
        record["id"] = f"{record['id']}-copy{copy}"
        for key in ("date", "published_at"):
            if record.get(key):
                record[key] = str(int(record[key][:4]) - copy) + record[key][4:]
        print(json.dumps(record, ensure_ascii=False))
PY
}
