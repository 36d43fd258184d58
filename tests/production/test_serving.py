"""The catalogue served as in production: gunicorn, debug off, hashed static files, a log."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A bound, not a timing: a server that cannot start in this long fails the test clearly.
START_LIMIT = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """The catalogue under gunicorn as `make serve` runs it: its base address and its log."""
    directory = tmp_path_factory.mktemp("serve")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for name in ("DATABASE_URL", "DATABASE_TEST_NAME", "DATABASE_REPLICA_URLS", "REDIS_URL"):
        environment.pop(name, None)
    environment.update(
        DATABASE_URL=f"sqlite:///{directory / 'catalogue.sqlite3'}",
        DJANGO_DEBUG="false",
        DJANGO_STATIC_MANIFEST="true",
        DJANGO_STATIC_ROOT=str(directory / "static"),
        DJANGO_MEDIA_ROOT=str(directory / "media"),
        DJANGO_SECRET_KEY="a-secret-key-for-this-test-only-" + "x" * 40,
        WEB_CONCURRENCY="2",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=environment, check=True)
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=environment, check=True
    )
    port = _free_port()
    log = directory / "access.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "archive.wsgi",
            "--config",
            "archive/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=environment,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_LIMIT
        while True:
            assert server.poll() is None, "gunicorn stopped while starting"
            try:
                _get(base + "/robots.txt")
                break
            except OSError:
                assert time.monotonic() < deadline, f"gunicorn did not answer in {START_LIMIT} s"
                time.sleep(0.2)
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_pages_link_hashed_static_files_that_browsers_may_keep_forever(production):
    base, _log = production

    _status, _headers, body = _get(base + "/en/records/")
    (stylesheet,) = re.findall(
        r'href="(/static/catalogue/catalogue\.[0-9a-f]{12}\.css)"', body.decode()
    )
    status, headers, css = _get(base + stylesheet)

    assert status == 200 and css
    assert "max-age=315360000" in headers["Cache-Control"]


def test_debug_is_off_an_unknown_address_gets_the_catalogues_own_page(production):
    base, _log = production

    status, _headers, body = _get(base + "/en/no-such-page/")

    assert status == 404
    assert "The catalogue has no page at this address." in body.decode()
    assert "Using the URLconf" not in body.decode()


def test_every_request_is_written_to_the_access_log(production):
    base, log = production

    _get(base + "/en/records/?kind=speech")

    line = r'"GET /en/records/\?kind=speech HTTP/1.1" 200 \d+ '
    deadline = time.monotonic() + START_LIMIT
    while not re.search(line, log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert re.search(line, log.read_text())
