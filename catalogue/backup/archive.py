"""Writing and reading the backup archive; the database engines are in ``databases``."""

import datetime
import json
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections

from . import databases
from .databases import BackupError

FORMAT = "catalogue-backup"
VERSION = 1
MANIFEST = "catalogue-backup.json"
# The settings naming directories of files the database refers to: every one that is set
# is backed up and restored with the database. A new media directory is added here only.
MEDIA_SETTINGS = ("MEDIA_ROOT", "CATALOGUE_PRIVATE_MEDIA_ROOT")


def media_directories() -> dict[str, Path]:
    return {
        name: Path(getattr(settings, name))
        for name in MEDIA_SETTINGS
        if getattr(settings, name, None)
    }


def backup(path: Path, using: str = "default") -> dict:
    """Write the database and the media directories to ``path``; return the manifest."""
    connection = connections[using]
    engine = databases.engine_of(connection)
    path = Path(path)
    with _scratch(path.parent) as scratch:
        database_file = scratch / databases.FILE_NAMES[engine]
        databases.dump(connection, database_file)
        directories = media_directories()
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "engine": engine,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": database_file.name,
            "media": sorted(directories),
        }
        (scratch / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = scratch / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(scratch / MANIFEST, arcname=MANIFEST)
            archive.add(database_file, arcname=database_file.name)
            for name, directory in directories.items():
                if directory.is_dir():
                    archive.add(directory, arcname=f"media/{name}", filter=_regular_files)
        # Whole or not at all: the archive appears under its name only once it is complete.
        partial.replace(path)
    return manifest


def restore(path: Path, using: str = "default") -> dict:
    """Replace the database and the media directories by the archive's; return its manifest.

    Nothing is changed unless the whole archive has been read and checked.
    """
    connection = connections[using]
    engine = databases.engine_of(connection)
    directories = media_directories()
    anchor = next(iter(directories.values())).parent
    anchor.mkdir(parents=True, exist_ok=True)
    with _scratch(anchor) as scratch:
        manifest = _unpack(Path(path), scratch)
        if manifest["engine"] != engine:
            raise BackupError(
                f"{path} holds a {manifest['engine']} database; this catalogue runs on "
                f"{engine}. Restore it into a catalogue on {manifest['engine']}."
            )
        unknown = set(manifest["media"]) - set(directories)
        if unknown:
            raise BackupError(
                f"{path} holds media for {', '.join(sorted(unknown))}, which is not set here."
            )
        database_file = scratch / manifest["database"]
        databases.check(engine, database_file, path)
        databases.load(connection, database_file)
        for name in manifest["media"]:
            restored = scratch / "media" / name
            restored.mkdir(parents=True, exist_ok=True)
            _swap(restored, directories[name])
    return manifest


def _regular_files(member: tarfile.TarInfo) -> tarfile.TarInfo | None:
    return member if member.isfile() or member.isdir() else None


@contextmanager
def _scratch(parent: Path):
    """A private directory on the same file system as ``parent`` (so renames are atomic)."""
    parent.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix=".catalogue-backup-", dir=parent))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _unpack(path: Path, scratch: Path) -> dict:
    try:
        with tarfile.open(path, "r:*") as archive:
            members = archive.getmembers()
            manifest = _manifest(path, archive, members)
            allowed = {MANIFEST, manifest["database"]}
            for member in members:
                _check_member(path, member, allowed, manifest["media"])
            archive.extractall(scratch, members=members, filter="data")
    except FileNotFoundError:
        raise BackupError(f"{path}: no such file.") from None
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(f"{path} is not a complete catalogue backup ({error}).") from None
    if not (scratch / manifest["database"]).is_file():
        raise BackupError(f"{path} has no database ({manifest['database']}).")
    return manifest


def _manifest(path: Path, archive: tarfile.TarFile, members: list) -> dict:
    if MANIFEST not in {member.name for member in members}:
        raise BackupError(f"{path} is not a catalogue backup: it has no {MANIFEST}.")
    try:
        manifest = json.loads(archive.extractfile(MANIFEST).read().decode("utf-8"))
    except (ValueError, AttributeError):
        raise BackupError(f"{path}: {MANIFEST} is not valid JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a catalogue backup: {MANIFEST} names another format.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is a backup in format version {manifest.get('version')!r}; "
            f"this catalogue reads version {VERSION}."
        )
    engine = manifest.get("engine")
    if (
        engine not in databases.FILE_NAMES
        or manifest.get("database") != databases.FILE_NAMES[engine]
    ):
        raise BackupError(f"{path}: {MANIFEST} names no database this catalogue can restore.")
    media = manifest.get("media")
    if not isinstance(media, list) or not all(name in MEDIA_SETTINGS for name in media):
        raise BackupError(f"{path}: {MANIFEST} names media directories this catalogue lacks.")
    return manifest


def _check_member(path: Path, member: tarfile.TarInfo, allowed: set, media: list) -> None:
    name = PurePosixPath(member.name)
    inside_media = (
        len(name.parts) >= 2
        and name.parts[0] == "media"
        and name.parts[1] in media
        and ".." not in name.parts
    )
    if not (member.isfile() or member.isdir()) or not (member.name in allowed or inside_media):
        raise BackupError(f"{path} is not a catalogue backup: it holds {member.name!r}.")


def _swap(restored: Path, live: Path) -> None:
    """Put the restored directory in the live one's place; the old one goes only then."""
    live.parent.mkdir(parents=True, exist_ok=True)
    if live.exists():
        old = live.with_name(f".{live.name}.replaced")
        shutil.rmtree(old, ignore_errors=True)
        live.rename(old)
        shutil.move(restored, live)
        shutil.rmtree(old, ignore_errors=True)
    else:
        shutil.move(restored, live)
