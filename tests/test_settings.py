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
