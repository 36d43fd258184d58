"""Each engine's own way to copy a whole database to a file and back, in one step."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from .. import statistics

FILE_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """An archive that cannot be written or restored, with the reason for a person to read."""


def engine_of(connection) -> str:
    return {"sqlite": "sqlite", "postgresql": "postgresql"}[connection.vendor]


def dump(connection, target: Path) -> None:
    if connection.vendor == "sqlite":
        # The online backup API copies a consistent snapshot while others go on writing.
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run(
            connection,
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target),
        )


def check(engine: str, database: Path, archive: Path) -> None:
    """Refuse a database file that the engine cannot read back, before anything is replaced."""
    if engine == "sqlite":
        try:
            copy = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            try:
                healthy = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                migrated = copy.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'"
                ).fetchone()
            finally:
                copy.close()
        except sqlite3.DatabaseError:
            healthy = migrated = False
        if not (healthy and migrated):
            raise BackupError(f"{archive}: its database is not a sound catalogue database.")
    else:
        listed = subprocess.run(
            [_program("pg_restore"), "--list", str(database)],
            capture_output=True,
            text=True,
            check=False,
        )
        if listed.returncode != 0 or "django_migrations" not in listed.stdout:
            raise BackupError(f"{archive}: its database is not a sound catalogue database.")


def load(connection, source: Path) -> None:
    if connection.vendor == "sqlite":
        # The backup API replaces every page of the live database in one step.
        connection.ensure_connection()
        copy = sqlite3.connect(source)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
    else:
        # Other sessions of this process would hold locks that DROP waits for.
        connection.close()
        _run(
            connection,
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(source),
        )
        # A dump carries no planner statistics: gather them before the first page is planned.
        statistics.analyze(database=connection.alias)


def _program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed; it comes with PostgreSQL's client tools "
            "(Debian: apt-get install postgresql-client)."
        )
    return found


def _run(connection, program: str, *arguments: str) -> None:
    database = connection.settings_dict
    environment = {
        **os.environ,
        "PGHOST": database["HOST"] or "",
        "PGPORT": str(database["PORT"] or ""),
        "PGUSER": database["USER"] or "",
        "PGPASSWORD": database["PASSWORD"] or "",
        "PGDATABASE": database["NAME"],
    }
    finished = subprocess.run(
        [_program(program), "--dbname", database["NAME"], *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        raise BackupError(f"{program} failed: {finished.stderr.strip()}")
