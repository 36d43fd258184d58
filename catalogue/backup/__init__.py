"""A whole catalogue in one archive: its database and its media, backed up and restored together.

The archive is a gzipped tar file holding ``catalogue-backup.json`` (what it is, from which
engine, when), the database (SQLite's own online backup of the file, or PostgreSQL's
``pg_dump`` in its custom format) and every media directory under ``media/<setting>/``.
A restore checks the whole archive and unpacks it beside the live files before it changes
anything, replaces the database in one step (SQLite's backup API, ``pg_restore`` in one
transaction) and then swaps each media directory for its restored copy.
"""

from .archive import MEDIA_SETTINGS, BackupError, backup, restore

__all__ = ["MEDIA_SETTINGS", "BackupError", "backup", "restore"]
