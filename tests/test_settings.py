import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.settings import BASE_DIR, database_from_url, env_bool, env_int

ROOT = Path(__file__).resolve().parent.parent


def _settings_in_fresh_process(**environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(environment)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import archive.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_database_from_url_defaults_to_a_sqlite_file_in_the_repository():
    database = database_from_url("sqlite:///db.sqlite3")

    assert (database["ENGINE"], database["NAME"]) == (
        "django.db.backends.sqlite3",
        BASE_DIR / "db.sqlite3",
    )


def test_database_from_url_reads_every_part_of_a_postgres_url():
    database = database_from_url("postgres://archivist:s%40cret@db.internal:6543/catalogue")

    assert (
        database["ENGINE"],
        database["NAME"],
        database["USER"],
        database["PASSWORD"],
        database["HOST"],
        database["PORT"],
    ) == (
        "django.db.backends.postgresql",
        "catalogue",
        "archivist",
        "s@cret",
        "db.internal",
        "6543",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/catalogue", "scheme must be sqlite or postgres"),
        ("postgres://localhost:5432/", "names no database"),
        ("postgres://localhost:port/catalogue", "malformed port"),
        ("sqlite://", "a SQLite URL is"),
    ],
)
def test_database_from_url_refuses_malformed_urls_with_a_reason(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        database_from_url(url)


def test_env_bool_refuses_a_value_that_is_not_a_boolean(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must be one of"):
        env_bool("DJANGO_DEBUG", False)


def test_env_int_refuses_a_value_that_is_not_a_number(monkeypatch):
    monkeypatch.setenv("CATALOGUE_IMAGE_MAX_BYTES", "40MB")

    with pytest.raises(ImproperlyConfigured, match="must be a whole number, not '40MB'"):
        env_int("CATALOGUE_IMAGE_MAX_BYTES", 1)


def test_settings_without_a_secret_key_start_and_the_check_warns():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0
    assert "catalogue.W001" in result.stderr + result.stdout
    assert "DJANGO_SECRET_KEY is not set" in result.stderr + result.stdout


def test_settings_default_to_debug_off_and_sqlite():
    result = _settings_in_fresh_process(DJANGO_SECRET_KEY="x" * 50)

    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


def test_settings_choose_postgresql_from_database_url():
    result = _settings_in_fresh_process(
        DJANGO_DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/catalogue"
    )

    assert result.stdout.split() == ["True", "django.db.backends.postgresql"]


def test_settings_name_the_variable_that_is_malformed():
    result = _settings_in_fresh_process(DJANGO_DEBUG="yes please")

    assert "DJANGO_DEBUG must be one of" in result.stderr


DEPLOYMENT = {
    "DJANGO_SECRET_KEY": "deploy-check-" + "k3y-w1th-enough-characters-and-variety-" * 2,
    "DJANGO_ALLOWED_HOSTS": "catalogue.example.org",
    "CATALOGUE_OAI_REPOSITORY_ID": "catalogue.example.org",
    "CATALOGUE_OAI_ADMIN_EMAIL": "archivist@example.org",
    "CATALOGUE_BASE_URL": "https://catalogue.example.org",
}

# A request through the proxy in a fresh process with the given environment: the root address
# redirects to a language without touching the database, so no database is needed.
REQUEST = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="catalogue.example.org")
plain = client.get("/en/")
proxied = client.get("/", HTTP_X_FORWARDED_PROTO="https")
print(plain.status_code, plain.get("Location", "-"))
print(proxied.status_code, proxied.get("Location", "-"))
print(proxied.get("Strict-Transport-Security", "-"))
"""


def _in_fresh_process(arguments: list[str], **environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(environment, DJANGO_SETTINGS_MODULE="archive.settings")
    return subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_deploy_check_passes_without_warnings_with_https_on():
    result = _in_fresh_process(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_HTTPS="true",
        **DEPLOYMENT,
    )

    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_without_https_names_what_is_missing():
    result = _in_fresh_process(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **DEPLOYMENT
    )

    assert result.returncode == 1
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


def test_https_on_redirects_to_https_and_sends_a_year_of_hsts():
    result = _in_fresh_process(["-c", REQUEST], DJANGO_HTTPS="true", **DEPLOYMENT)

    assert result.stdout.splitlines() == [
        "301 https://catalogue.example.org/en/",
        "302 /en/",
        "max-age=31536000; includeSubDomains",
    ], result.stderr


def test_https_off_neither_redirects_nor_sends_hsts():
    result = _in_fresh_process(["-c", REQUEST.replace('"/en/"', '"/"')], **DEPLOYMENT)

    assert result.stdout.splitlines() == ["302 /en/", "302 /en/", "-"], result.stderr


@pytest.mark.parametrize(
    ("environment", "secure"),
    [
        ({}, "False False"),
        ({"DJANGO_HTTPS": "true"}, "True True"),
        ({"DJANGO_SECURE_COOKIES": "true"}, "True True"),
        ({"DJANGO_HTTPS": "true", "DJANGO_SECURE_COOKIES": "false"}, "False False"),
    ],
)
def test_secure_cookies_follow_https_unless_set_apart(environment, secure):
    result = _in_fresh_process(
        [
            "-c",
            "import archive.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        ],
        **DEPLOYMENT,
        **environment,
    )

    assert result.stdout.strip() == secure, result.stderr


def test_sqlite_connections_use_wal_a_busy_timeout_and_immediate_writers(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "for pragma in ('journal_mode', 'synchronous', 'busy_timeout', 'mmap_size'):\n"
        "    print(cursor.execute(f'PRAGMA {pragma}').fetchone()[0])\n"
        "print(connection.transaction_mode)\n"
    )

    result = _in_fresh_process(
        ["-c", script],
        DATABASE_URL=f"sqlite:///{tmp_path / 'catalogue.sqlite3'}",
        DATABASE_SQLITE_TIMEOUT="7",
        **DEPLOYMENT,
    )

    assert result.stdout.split() == ["wal", "1", "7000", "1073741824", "IMMEDIATE"], result.stderr
