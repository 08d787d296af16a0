"""What the servers the suite starts (Nashra, Varnish) share: readiness, logs, stopping."""

import subprocess
import urllib.error
import urllib.request


def answers_200(url, timeout=2):
    """Whether a GET of url answers 200 now (False for no answer or any other status)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def log_tail(path, lines=30):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(process, grace=10):
    """Terminates process, and kills it if it is still there after grace seconds."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
