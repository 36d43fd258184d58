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


def settle(pid: int, most: float = 60.0) -> float:
    """Wait until the worker stops working (its processor time still for 0.5 s): the work a
    response left for after it (an exact count on a thread) is done. Returns the seconds
    waited."""
    started = time.monotonic()
    last = cpu_seconds(pid)
    while time.monotonic() - started < most:
        time.sleep(0.5)
        now = cpu_seconds(pid)
        if now == last:
            break
        last = now
    return time.monotonic() - started


def database_cpu_seconds(connection) -> float | None:
    """The processor time PostgreSQL's server processes have used for this database, in seconds.

    A PostgreSQL page's queries run in the server's processes, not in the worker, so the
    worker's processor time leaves them out. This adds the live server processes connected to
    this database (but this one's) and those that have ended (their time goes to the server's
    main process, which collects them: with a connection per request, each request's). It
    reads ``/proc``, so the server must run on this machine; an ended process of another
    database counts too, so on a server others use the figure is an upper bound. ``None`` on
    SQLite (its queries run in the worker) or when the server's processes are out of sight.
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (own,) = cursor.fetchone()
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> %s",
            [own],
        )
        backends = [pid for (pid,) in cursor.fetchall()]
    try:
        fields = Path(f"/proc/{own}/stat").read_text().rsplit(")", 1)[1].split()
        postmaster = int(fields[1])
        total = _children_seconds(postmaster)
    except (OSError, ValueError):
        return None
    for pid in backends:
        try:
            total += cpu_seconds(pid)
        except (OSError, ValueError):
            pass  # it ended meanwhile: its time is in the main process's children's time
    return total


def _children_seconds(pid: int) -> float:
    """The processor time of a process's ended and collected children, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


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
