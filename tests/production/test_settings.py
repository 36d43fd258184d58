"""The environment of a deployment past one machine becomes the right Django settings."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from storages.backends.s3 import S3Storage

from archive.settings import cache_from_url, database_from_url, media_storage, replica_databases

ROOT = Path(__file__).resolve().parents[2]
PRIMARY = "postgres://catalogue@db.internal:5432/catalogue"


def _settings_in_fresh_process(**environment) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for name in ("DATABASE_URL", "DATABASE_TEST_NAME", "DATABASE_REPLICA_URLS", "REDIS_URL"):
        env.pop(name, None)
    env.update(DJANGO_INSECURE_LOCAL="true", **environment)
    script = (
        "import json, archive.settings as s; print(json.dumps({'databases': sorted(s.DATABASES),"
        " 'routers': s.DATABASE_ROUTERS, 'middleware': s.MIDDLEWARE,"
        " 'cache': s.CACHES['default']['BACKEND'], 'media': s.STORAGES['default']['BACKEND'],"
        " 'images': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def test_a_machine_of_its_own_has_one_database_a_local_cache_and_media_on_disk():
    found = _settings_in_fresh_process()

    assert (found["databases"], found["routers"], found["cache"], found["media"]) == (
        ["default"],
        [],
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.files.storage.FileSystemStorage",
    )


def test_replicas_redis_and_a_bucket_configure_the_router_the_cache_and_the_storage():
    found = _settings_in_fresh_process(
        DATABASE_URL=PRIMARY,
        DATABASE_REPLICA_URLS="postgres://catalogue@replica1:5432/catalogue, "
        "postgres://catalogue@replica2:5432/catalogue",
        REDIS_URL="redis://cache.internal:6379/0",
        CATALOGUE_S3_BUCKET="catalogue-media",
    )

    assert found["databases"] == ["default", "replica_1", "replica_2"]
    assert found["routers"] == ["catalogue.routers.PrimaryReplicaRouter"]
    assert found["middleware"][:3] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "catalogue.routers.ReplicaReadsMiddleware",
    ]
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["media"] == "storages.backends.s3.S3Storage"
    assert "https://catalogue-media.s3.amazonaws.com" in found["images"]


def test_replicas_mirror_the_primary_in_tests_and_keep_their_own_address():
    replicas = replica_databases(
        ["postgres://reader@replica1:6432/catalogue"], database_from_url(PRIMARY)
    )

    replica = replicas["replica_1"]
    assert (replica["HOST"], replica["PORT"], replica["USER"], replica["TEST"]) == (
        "replica1",
        "6432",
        "reader",
        {"MIRROR": "default"},
    )


@pytest.mark.parametrize(
    ("primary", "url", "message"),
    [
        ("sqlite:///db.sqlite3", "postgres://replica1/catalogue", "SQLite has no replicas"),
        (PRIMARY, "sqlite:///replica.sqlite3", "a replica must be a PostgreSQL database"),
        (PRIMARY, "postgres://replica1:port/catalogue", "malformed port"),
    ],
)
def test_replica_urls_that_cannot_work_are_refused_with_a_reason(primary, url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        replica_databases([url], database_from_url(primary))


def test_a_cache_url_that_is_not_redis_is_refused_with_a_reason():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL 'memcached://cache:11211'"):
        cache_from_url("memcached://cache:11211", "")


def test_the_redis_cache_takes_the_url_and_the_key_prefix():
    cache = cache_from_url("redis://cache.internal:6379/2", "catalogue-staging")["default"]

    assert (cache["LOCATION"], cache["KEY_PREFIX"]) == (
        "redis://cache.internal:6379/2",
        "catalogue-staging",
    )


def test_media_in_a_bucket_are_private_and_linked_through_signed_addresses(monkeypatch):
    monkeypatch.setenv("CATALOGUE_S3_ENDPOINT_URL", "https://objects.example.org")
    monkeypatch.setenv("CATALOGUE_S3_REGION", "eu-central-1")
    monkeypatch.setenv("CATALOGUE_S3_PREFIX", "catalogue")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "EXAMPLEKEYID")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "example-secret-key")
    configured = media_storage("catalogue-media")

    storage = S3Storage(**configured["OPTIONS"])
    address = storage.url("images/0f3a.png")

    assert configured["OPTIONS"]["default_acl"] == "private"
    assert address.startswith(
        "https://objects.example.org/catalogue-media/catalogue/images/0f3a.png?"
    )
    assert "X-Amz-Signature=" in address and "X-Amz-Expires=" in address


def test_postgresql_connections_last_between_requests_and_are_checked_before_reuse(monkeypatch):
    for name in ("DATABASE_CONN_MAX_AGE", "DATABASE_CONN_HEALTH_CHECKS"):
        monkeypatch.delenv(name, raising=False)

    database = database_from_url(PRIMARY)

    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (600, True)


def test_postgresql_connection_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "0")
    monkeypatch.setenv("DATABASE_CONN_HEALTH_CHECKS", "false")

    database = database_from_url(PRIMARY)

    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (0, False)


def test_a_malformed_connection_age_is_refused_with_the_variables_name(monkeypatch):
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "ten minutes")

    with pytest.raises(ImproperlyConfigured, match="DATABASE_CONN_MAX_AGE"):
        database_from_url(PRIMARY)


# Two requests as Django's handler frames them (the test client leaves connections open
# on purpose, so it cannot show this): the server process that answers each one's query.
_BACKEND_PER_REQUEST = (
    "import django; django.setup()\n"
    "from django.core.signals import request_finished, request_started\n"
    "from django.db import connection\n"
    "for _ in range(2):\n"
    "    request_started.send(sender=None)\n"
    "    with connection.cursor() as cursor:\n"
    "        cursor.execute('SELECT pg_backend_pid()')\n"
    "        print(cursor.fetchone()[0])\n"
    "    request_finished.send(sender=None)\n"
)


@pytest.mark.engine("postgresql")
@pytest.mark.django_db
@pytest.mark.parametrize(("age", "same_process"), [(None, True), ("0", False)])
def test_a_worker_keeps_its_postgresql_connection_unless_told_not_to(age, same_process):
    # The test database, which exists while the tests run.
    database = {key: quote(str(value), safe="") for key, value in connection.settings_dict.items()}
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database)
    environment = {"DATABASE_URL": url}
    if age is not None:
        environment["DATABASE_CONN_MAX_AGE"] = age
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("DATABASE_CONN_MAX_AGE", None)
    env.update(DJANGO_INSECURE_LOCAL="true", DJANGO_SETTINGS_MODULE="archive.settings")
    env.update(environment)

    finished = subprocess.run(
        [sys.executable, "-c", _BACKEND_PER_REQUEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert finished.returncode == 0, finished.stderr
    first, second = finished.stdout.split()
    assert (first == second) is same_process
