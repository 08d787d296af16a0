"""Start and stop a real `nashra serve` on a free port with a fresh data folder."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from processes import answers_200, log_tail, stop

REPO = Path(__file__).resolve().parent.parent
BINARY = os.environ.get("NASHRA_BINARY", str(REPO / ".build" / "debug" / "nashra"))
THEME = REPO / "Themes" / "default"

# Newsroom accounts the default session server gets: (email, name, role, password).
ADMIN = ("admin@example.org", "مديرة التحرير", "admin", "e2e-admin-passphrase-2026")
CONTRIBUTOR = ("contributor@example.org", "مساهم", "contributor", "e2e-contributor-passphrase")
STAFF = (ADMIN, CONTRIBUTOR)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clean_env():
    # No NASHRA_* may leak in: NASHRA_BASE_URL (or a config file setting it) would move
    # canonical and share URLs away from http://127.0.0.1:PORT, which the Origin check uses.
    return {k: v for k, v in os.environ.items() if not k.startswith("NASHRA_")}


class NashraServer:
    """users: (email, name, role, password) tuples, created with `nashra user add` before serving.

    Each account's (email, password) is then at `accounts[role]` (the last user of a role wins),
    and at `admin` / `contributor` for those two roles. serve_args go to `nashra serve` as they are."""

    def __init__(self, settings=None, users=(), serve_args=(), startup_timeout=30.0):
        self.settings = {"commentMinSeconds": "0", **(settings or {})}
        self.users = list(users)
        self.serve_args = list(serve_args)
        self.accounts = {role: (email, password) for email, _name, role, password in self.users}
        self.startup_timeout = startup_timeout
        self.data_dir = Path(tempfile.mkdtemp(prefix="nashra-e2e-"))
        self.log_path = self.data_dir / "server.log"
        self.process = None
        self.base_url = None

    def start(self):
        env = _clean_env()
        for key, value in self.settings.items():
            subprocess.run(
                [BINARY, "settings", "set", key, value, "--data", str(self.data_dir)],
                env=env, check=True, capture_output=True, timeout=60,
            )
        for email, name, role, password in self.users:
            # The password goes in on standard input (one line), never as an argument.
            done = subprocess.run(
                [BINARY, "user", "add", "--data", str(self.data_dir), "--email", email,
                 "--name", name, "--role", role],
                env=env, input=password + "\n", text=True, capture_output=True, timeout=60,
            )
            if done.returncode != 0:
                raise RuntimeError(f"nashra user add {email} exited with {done.returncode}:\n"
                                   f"{done.stdout}{done.stderr}")
        last_error = None
        for _ in range(3):  # another process may grab the port between probe and bind
            try:
                self._start_on(_free_port(), env)
                # Every test starts from a settled site: the demo photos' copies are made in the
                # background after the first start, and finishing them changes pages.
                self.wait_for_pictures()
                return self
            except RuntimeError as error:
                last_error = error
        raise last_error

    def _start_on(self, port, env):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--data", str(self.data_dir), "--port", str(port),
             "--theme", str(THEME), *self.serve_args],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        self.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nashra exited with {self.process.returncode}:\n{self.log_tail()}")
            if answers_200(self.base_url + "/healthz", timeout=1):
                return
            time.sleep(0.1)
        self._stop_process()
        raise RuntimeError(f"nashra not healthy after {self.startup_timeout}s:\n{self.log_tail()}")

    def wait_for_pictures(self, timeout=180):
        """Wait until the home page offers copies for every picture it shows; return how many."""
        deadline = time.monotonic() + timeout
        while True:
            with urllib.request.urlopen(self.url("/"), timeout=10) as response:
                html = response.read().decode()
            pictures = html.count("<picture>")
            if html.count('<source type="image/webp"') == pictures:
                return pictures
            if time.monotonic() > deadline:
                raise RuntimeError(f"{pictures} pictures on the home page, not all with copies after "
                                   f"{timeout} s:\n{self.log_tail()}")
            time.sleep(0.25)

    def log_tail(self, lines=30):
        return log_tail(self.log_path, lines)

    def _stop_process(self):
        stop(self.process)

    def stop(self):
        self._stop_process()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def url(self, path="/"):
        return self.base_url + path

    @property
    def admin(self):
        return self.accounts.get("admin")

    @property
    def contributor(self):
        return self.accounts.get("contributor")
