"""System checks: settings that start but would hurt in production, and a sound search index."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import connections


@register()
def secret_key_configured(app_configs, **kwargs):
    if not getattr(settings, "SECRET_KEY_GENERATED", False):
        return []
    return [
        Warning(
            "DJANGO_SECRET_KEY is not set, so this process made a random key of its own.",
            hint=(
                "Sessions and signed links end when the process restarts and differ between "
                "processes. Set DJANGO_SECRET_KEY wherever the catalogue is served."
            ),
            id="catalogue.W001",
        )
    ]


# What each engine's full-text index over the search documents is made of (migration 0004).
# A later migration that rebuilds catalogue_searchdocument drops the SQLite triggers (or the
# PostgreSQL column and index) silently, and search then misses new and changed documents.
SEARCH_TABLE = "catalogue_searchdocument"
FULL_TEXT_PARTS = {
    "sqlite": (
        "catalogue_searchdocument_fts",
        "catalogue_searchdocument_fts_insert",
        "catalogue_searchdocument_fts_delete",
        "catalogue_searchdocument_fts_update",
    ),
    "postgresql": ("catalogue_searchdocument.document", "catalogue_searchdocument_document"),
}
PRESENT_PARTS = {
    "sqlite": "SELECT name FROM sqlite_master WHERE tbl_name IN (%s, %s || '_fts')",
    "postgresql": (
        "SELECT indexname FROM pg_indexes "
        "WHERE schemaname = current_schema() AND tablename = %s "
        "UNION SELECT table_name || '.' || column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s"
    ),
}


@register(Tags.database)
def full_text_index_complete(app_configs, databases=None, **kwargs):
    """The engine's full-text triggers (SQLite) or column and index (PostgreSQL) exist."""
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor not in FULL_TEXT_PARTS:
            continue
        if SEARCH_TABLE not in connection.introspection.table_names():
            continue  # not migrated yet: migrate makes the table and its index together
        with connection.cursor() as cursor:
            cursor.execute(PRESENT_PARTS[connection.vendor], [SEARCH_TABLE, SEARCH_TABLE])
            present = {name for (name,) in cursor.fetchall()}
        missing = [name for name in FULL_TEXT_PARTS[connection.vendor] if name not in present]
        if missing:
            errors.append(
                Error(
                    f"The search index of database {alias!r} lacks {', '.join(missing)}: "
                    "new and changed records, people, bodies and events are not found by search.",
                    hint=(
                        "A migration that rebuilt catalogue_searchdocument dropped them. Recreate "
                        "them in a migration as catalogue/migrations/0004_search_index.py does "
                        "(apply it with manage.py migrate --skip-checks), then run "
                        "manage.py rebuild_search_index."
                    ),
                    id="catalogue.E003",
                )
            )
    return errors


# The OAI-PMH oai-identifier scheme's repositoryIdentifier and the protocol's e-mail pattern.
REPOSITORY_ID = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$")
EMAIL = re.compile(r"^\S+@(\S+\.)+\S+$")
OAI_DEFAULTS = {"catalogue.localhost", "admin@catalogue.localhost"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "testserver"}


@register()
def oai_repository_configured(app_configs, **kwargs):
    repository_id = settings.CATALOGUE_OAI_REPOSITORY_ID
    email = settings.CATALOGUE_OAI_ADMIN_EMAIL
    errors = []
    if not REPOSITORY_ID.match(repository_id):
        errors.append(
            Error(
                f"CATALOGUE_OAI_REPOSITORY_ID {repository_id!r} is not a domain name.",
                hint="OAI-PMH identifiers need one, for example archive.example.org.",
                id="catalogue.E001",
            )
        )
    if not EMAIL.match(email):
        errors.append(
            Error(
                f"CATALOGUE_OAI_ADMIN_EMAIL {email!r} is not an e-mail address.",
                id="catalogue.E002",
            )
        )
    served = set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS
    if not errors and served and {repository_id, email} & OAI_DEFAULTS:
        errors.append(
            Warning(
                "The site is served to other hosts, but the OAI-PMH repository identifier or "
                "administrator's e-mail is the default.",
                hint=(
                    "Set CATALOGUE_OAI_REPOSITORY_ID to the site's domain name and "
                    "CATALOGUE_OAI_ADMIN_EMAIL to an address that is read."
                ),
                id="catalogue.W002",
            )
        )
    return errors


@register()
def image_roots_apart(app_configs, **kwargs):
    """Drafts' image files are private only if the private root is not served: it must not be
    MEDIA_ROOT or lie inside it (nor the other way round)."""
    public = Path(settings.MEDIA_ROOT).resolve()
    private = Path(settings.CATALOGUE_PRIVATE_MEDIA_ROOT).resolve()
    if private == public or public in private.parents or private in public.parents:
        return [
            Error(
                f"CATALOGUE_PRIVATE_MEDIA_ROOT ({private}) and MEDIA_ROOT ({public}) overlap.",
                hint=(
                    "MEDIA_ROOT is served to everyone; originals and drafts' images in the "
                    "private root would be too. Give them two separate directories."
                ),
                id="catalogue.E004",
            )
        ]
    return []


@register()
def image_base_url_configured(app_configs, **kwargs):
    """Every image's info.json names the public address of its tiles: where the site is served
    to other hosts, that address must be the site's, not the development default."""
    served = set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS
    host = urlsplit(settings.CATALOGUE_BASE_URL).hostname or ""
    if served and host in {"127.0.0.1", "localhost", "::1"}:
        return [
            Warning(
                f"CATALOGUE_BASE_URL is {settings.CATALOGUE_BASE_URL!r}, but the site is served "
                "to other hosts.",
                hint=(
                    "Set CATALOGUE_BASE_URL to the site's public address (for example "
                    "https://archive.example.org), then run manage.py regenerate_images --info."
                ),
                id="catalogue.W003",
            )
        ]
    return []
