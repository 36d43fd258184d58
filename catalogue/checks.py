"""System checks for settings that start but would hurt in production."""

import re

from django.conf import settings
from django.core.checks import Error, Warning, register


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
