"""Start and stop Debian's Varnish in front of a Nashra server, with deploy/varnish/nashra.vcl."""

import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from processes import answers_200, log_tail, stop

REPO = Path(__file__).resolve().parent.parent
VCL = REPO / "deploy" / "varnish" / "nashra.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VarnishCache:
    """varnishd in the foreground on 127.0.0.1:port, its backend the given Nashra port.

    The VCL is the project's own, with only the backend's port rewritten."""

    def __init__(self, port, backend_port, startup_timeout=30.0):
        if not Path(VARNISHD).exists():
            raise RuntimeError(f"{VARNISHD} is missing: apt-get install varnish (scripts/test does)")
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.startup_timeout = startup_timeout
        self.folder = Path(tempfile.mkdtemp(prefix="nashra-varnish-"))
        self.folder.chmod(0o755)  # varnishd's workers run as its own unprivileged user
        vcl = VCL.read_text()
        vcl, count = re.subn(r'(\.port\s*=\s*)"\d+"', rf'\g<1>"{backend_port}"', vcl, count=1)
        if count != 1:
            raise RuntimeError(f"no backend .port in {VCL}")
        self.vcl_path = self.folder / "nashra.vcl"
        self.vcl_path.write_text(vcl)
        self.vcl_path.chmod(0o644)
        self.log_path = self.folder / "varnishd.log"
        self.process = None

    def start(self):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [VARNISHD, "-F", "-n", str(self.folder / "work"), "-a", f"127.0.0.1:{self.port}",
             "-f", str(self.vcl_path), "-s", "malloc,64m",
             # The ban lurker and grace must not blur what the test sees: a banned object is gone
             # at the next lookup whatever the lurker does.
             "-p", "default_grace=0"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited with {self.process.returncode}:\n{self.log_tail()}")
            if answers_200(self.base_url + "/"):
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"varnish not answering after {self.startup_timeout}s:\n{self.log_tail()}")

    def log_tail(self, lines=30):
        return log_tail(self.log_path, lines)

    def stop(self):
        stop(self.process, grace=15)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, path="/"):
        return self.base_url + path
