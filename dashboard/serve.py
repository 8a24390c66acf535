"""Start the dashboard as a real Streamlit server on a free local port, for browser tests and timings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from dashboard.data import FACTS_ENV, REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(facts: Path, timeout: float = 60.0) -> Iterator[str]:
    """Yield the address of a dashboard serving `facts`; the server is stopped afterwards."""
    port = free_port()
    env = {**os.environ, FACTS_ENV: str(facts)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield _wait_until_healthy(process, f"http://127.0.0.1:{port}", timeout, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_healthy(process: subprocess.Popen, url: str, timeout: float, log: IO[str]) -> str:
    """Poll Streamlit's health endpoint; a server that dies or stays silent is an error with its log."""
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return url
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit did not answer on {url} within {timeout:.0f} s")
        time.sleep(0.2)
    log.seek(0)
    raise RuntimeError(f"streamlit exited with {process.returncode}: {log.read()}")
