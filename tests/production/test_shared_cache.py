"""Two app servers sharing one Redis see each other's counting at once.

Two gunicorn servers on one SQLite file, each its own process with its own memory, share the
Redis at CATALOGUE_TEST_REDIS_URL under a key prefix of this run (.ci/run starts a Redis).
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis

from tests.public.helpers import facet_counts

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "curator-password-1956"
# Bounds, not timings: a server that cannot start in this long fails the test clearly.
START_LIMIT = 60

DATA = f"""
from django.contrib.auth.models import User
from catalogue import models
from tests import factories

series = factories.collection(slug="congress-20", reference_code="C20", title_en="Congress")
factories.record(
    reference_code="C20-SPEECH", collection=series, kind=models.RecordKind.SPEECH,
    title_en="On the Cult of Personality and Its Consequences", date="1956-02-25",
    extent_en="1 report",
)
factories.record(
    reference_code="C20-DRAFT", collection=series, kind=models.RecordKind.SPEECH,
    title_en="Unpublished working notes on Khrushchev", date="1956-02-25",
    extent_en="1 file", status=models.Status.DRAFT,
)
User.objects.create_superuser("curator", password="{PASSWORD}")
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def prefix():
    name = f"catalogue-test-{uuid.uuid4().hex}"
    yield name
    store = redis.Redis.from_url(os.environ["CATALOGUE_TEST_REDIS_URL"])
    for key in store.scan_iter(f"{name}:*"):
        store.delete(key)


@pytest.fixture(scope="module")
def servers(tmp_path_factory, prefix):
    """Two servers on one database and one Redis: their base addresses."""
    directory = tmp_path_factory.mktemp("shared-cache")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for name in ("DATABASE_URL", "DATABASE_TEST_NAME", "DATABASE_REPLICA_URLS"):
        environment.pop(name, None)
    environment.update(
        DATABASE_URL=f"sqlite:///{directory / 'catalogue.sqlite3'}",
        DJANGO_INSECURE_LOCAL="true",
        DJANGO_STATIC_MANIFEST="false",
        DJANGO_MEDIA_ROOT=str(directory / "media"),
        REDIS_URL=os.environ["CATALOGUE_TEST_REDIS_URL"],
        CACHE_KEY_PREFIX=prefix,
        CATALOGUE_API_RATE="4/minute",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=environment, check=True)
    subprocess.run([*manage, "shell", "-c", DATA], cwd=ROOT, env=environment, check=True)
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "archive.wsgi",
                "--config",
                "archive/gunicorn.conf.py",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=environment,
        )
        for port in ports
    ]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, process in zip(bases, processes, strict=True):
            _wait_until_served(base, process)
        yield bases
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def _wait_until_served(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_LIMIT
    while time.monotonic() < deadline:
        assert process.poll() is None, "a server stopped while starting"
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=10).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{base} did not answer within {START_LIMIT} s")


class Browser:
    """A visitor with cookies, sending the forms' CSRF token as a browser would."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url: str, fields: dict) -> str:
        self.get(url)
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}, doseq=True)
        with self.opener.open(url, data=data.encode(), timeout=60) as response:
            return response.read().decode()


def _speeches(base: str) -> int:
    status, body = Browser().get(base + "/en/records/")
    assert status == 200
    return facet_counts(body, "kind").get("speech", 0)


def _keys(prefix: str) -> int:
    store = redis.Redis.from_url(os.environ["CATALOGUE_TEST_REDIS_URL"])
    return sum(1 for _key in store.scan_iter(f"{prefix}:*"))


def test_a_publication_through_one_server_shows_in_the_other_servers_counts_at_once(
    servers, prefix
):
    first, second = servers
    curator = Browser()
    curator.post(
        first + "/admin/login/?next=/admin/", {"username": "curator", "password": PASSWORD}
    )
    _status, changelist = curator.get(first + "/admin/catalogue/record/?q=C20-DRAFT")
    (draft,) = re.findall(r'name="_selected_action" value="(\d+)"', changelist)

    counted_before = (_speeches(first), _speeches(second))
    cached_before = _keys(prefix)
    curator.post(
        first + "/admin/catalogue/record/",
        {"action": "publish", "_selected_action": [draft], "index": "0"},
    )
    counted_after = _speeches(second)
    cached_by_second = _keys(prefix)
    served_by_first = _speeches(first)

    assert counted_before == (1, 1)
    assert (counted_after, served_by_first) == (2, 2)
    # What the second server counted is in the shared cache, and the first one served it
    # from there without counting again.
    assert cached_by_second > cached_before > 0
    assert _keys(prefix) == cached_by_second


def test_the_api_rate_limit_counts_requests_to_every_server_together(servers):
    first, second = servers
    visitor = Browser()

    answers = [visitor.get(base + "/api/v1/subjects/")[0] for base in (first, second) * 3]

    assert answers == [200, 200, 200, 200, 429, 429]
