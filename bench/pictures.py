"""bench/pictures.sh's measurements (see there). Prints a Markdown report."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "e2e"))

from browser import make_driver, set_viewport, visible  # noqa: E402
from nashra_server import NashraServer  # noqa: E402
import test_pictures  # noqa: E402

binary, rounds = sys.argv[1], int(sys.argv[2])
print(f"# Pictures ({date.today().isoformat()}, {os.cpu_count()} cores)\n")
print(f"`bench/pictures.sh {rounds}`; libvips {subprocess.run(['vips', '--version'], capture_output=True, text=True).stdout.strip()}\n")

server = NashraServer().start()
try:
    test_pictures.wait_for_copies(server)
    print("## The demo home page\n")
    print("| viewport | pictures fetched | bytes fetched | their originals | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for width, height in ((360, 740), (1366, 768)):
        driver = make_driver()
        try:
            set_viewport(driver, width, height)
            driver.get(server.url("/"))
            visible(driver, "main .lead-story picture img")
            test_pictures.scroll_through(driver)
            downloads = test_pictures.media_downloads(driver)
        finally:
            driver.quit()
        fetched = sum(size for _, size in downloads)
        originals = set()
        for path, _ in downloads:
            # Copies are named BASE-WIDTH-HASH.ext after their original, BASE.jpg.
            base = path.rsplit("/", 1)[1].rsplit("-", 2)[0]
            originals.add(base)
        original_bytes = 0
        for base in originals:
            with urllib.request.urlopen(server.url(f"/media/{base}.jpg")) as response:
                original_bytes += len(response.read())
        print(f"| {width}×{height} | {len(downloads)} | {fetched:,} | {original_bytes:,} | {fetched / original_bytes:.2f}× |")
finally:
    server.stop()

print("\n## Making the copies\n")
print("| pictures | round | seconds | seconds per picture |")
print("| --- | --- | --- | --- |")
work = Path(tempfile.mkdtemp())
try:
    demo = work / "demo"
    subprocess.run([binary, "seed-demo", "--data", str(demo)], check=True, capture_output=True)
    for round_number in range(1, rounds + 1):
        started = time.monotonic()
        subprocess.run([binary, "media", "regenerate", "--data", str(demo)], check=True, capture_output=True)
        seconds = time.monotonic() - started
        print(f"| the demo's 8 photos (1280–1600 px) | {round_number} | {seconds:.1f} | {seconds / 8:.2f} |")
finally:
    shutil.rmtree(work)
