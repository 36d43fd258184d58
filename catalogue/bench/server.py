"""The catalogue served as in production, for timing: gunicorn, sync workers, DEBUG off."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_mib(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory in MiB: ``VmRSS`` now, ``VmHWM`` at its highest,
    ``RssAnon`` its own (without files mapped in: SQLite maps the database file)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"/proc/{pid}/status has no {field}.")


def cpu_seconds(pid: int) -> float:
    """The processor time a process has used (user and system), in seconds.

    On a shared machine it tells what a request costs apart from waiting for a processor.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ascii_path(path: str) -> str:
    """``path`` as it goes on the wire: non-ASCII characters percent-encoded."""
    return quote(path, safe="/?=&%")


def get(port: int, path: str, timeout: float = 60) -> tuple[int, float, int]:
    """GET ``path`` on a new connection (sync workers close each one): status, ms, bytes."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", ascii_path(path), headers={"Host": "localhost"})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, (time.perf_counter() - started) * 1000, len(body)


class Gunicorn:
    """``gunicorn archive.wsgi`` on a free local port, for the length of a ``with`` block.

    It runs with this process's environment (the same database) and DEBUG off; static files
    come through WhiteNoise as in production.
    """

    def __init__(self, workers: int = 1, port: int | None = None):
        self.workers = workers
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        environment = os.environ | {"DJANGO_DEBUG": "false"}
        command = [sys.executable, "-m", "gunicorn", "archive.wsgi"]
        command += ["--workers", str(self.workers), "--worker-class", "sync"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--timeout", "120"]
        # Several servers may run at once: no shared control socket, only warnings logged.
        command += ["--no-control-socket", "--log-level", "warning"]
        self.process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=environment, stdout=subprocess.DEVNULL
        )
        self.wait_until_ready()
        return self

    def wait_until_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (exit status {self.process.returncode}).")
            try:
                get(self.port, "/robots.txt", timeout=5)
            except OSError:
                time.sleep(0.2)
            else:
                if len(self.worker_pids()) == self.workers:
                    return
        raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s.")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
