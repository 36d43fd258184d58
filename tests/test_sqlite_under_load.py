"""Readers are served while a big write runs on SQLite: a real server, a real writer process."""

import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDS = 20_000
READERS = 64
PAGES = ["/en/records/", "/ru/records/", "/en/records/?sort=-date", "/en/records/?kind=speech"]
# Bounds, not timings: a run that cannot finish in these stops with a clear failure, not a hang.
SERVER_START_LIMIT = 60
WRITER_LIMIT = 420

# Django's threaded WSGI server with a production server's listen backlog (runserver's is 10, so
# 64 readers connecting at once would wait on dropped connections, not on the database).
SERVER = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application

class Server(ThreadedWSGIServer):
    request_queue_size = 1024

application = get_wsgi_application()
server = Server(("127.0.0.1", int(sys.argv[1])), WSGIRequestHandler)
server.set_app(application)
server.serve_forever()
"""


def _environment(database: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.pop("DATABASE_TEST_NAME", None)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_INSECURE_LOCAL="true",
        DJANGO_STATIC_MANIFEST="false",
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(*arguments: str) -> list[str]:
    return [sys.executable, "manage.py", *arguments]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _wait_until_served(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_LIMIT
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped while starting"
        try:
            if _get(port, "/en/records/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the server did not answer within {SERVER_START_LIMIT} s")


class Readers:
    """READERS threads asking for the records list, one request after another, until told."""

    def __init__(self, port: int):
        self.port = port
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.served = 0
        self.failures: list[str] = []
        self.threads = [threading.Thread(target=self.read, args=(n,)) for n in range(READERS)]

    def read(self, number: int) -> None:
        pages = [
            "/en/records/",
            "/ru/records/",
            "/en/records/?sort=-date",
            "/en/records/?kind=speech",
        ]
        path = pages[number % len(pages)]
        while not self.stop.is_set():
            try:
                status, body = _get(self.port, path)
            except OSError as error:
                outcome = f"{path}: {error!r}"
            else:
                outcome = "" if status == 200 else f"{path}: status {status}"
                if "database is locked" in body:
                    outcome = f"{path}: database is locked"
            with self.lock:
                if outcome:
                    self.failures.append(outcome)
                else:
                    self.served += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def test_sqlite_serves_64_readers_while_20000_records_are_written(tmp_path):
    database = tmp_path / "catalogue.sqlite3"
    env = _environment(database)
    subprocess.run(_manage("migrate", "--no-input", "-v", "0"), cwd=ROOT, env=env, check=True)
    port = _free_port()
    server_log = tmp_path / "server.log"
    with server_log.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_served(port, server)
            with Readers(port) as readers:
                served_before = readers.served
                writer = subprocess.run(
                    _manage("generate_records", "--count", str(RECORDS), "--seed", "7"),
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=WRITER_LIMIT,
                )
                served_while_writing = readers.served - served_before
        finally:
            server.terminate()
            server.wait(timeout=30)

    assert writer.returncode == 0, writer.stderr
    assert f"Generated {RECORDS} records" in writer.stdout
    assert readers.failures == []
    assert served_while_writing >= READERS
    log_text = server_log.read_text()
    assert "database is locked" not in log_text
    assert "Traceback" not in log_text
    with sqlite3.connect(database) as written:
        assert written.execute("SELECT count(*) FROM catalogue_record").fetchone() == (RECORDS,)
