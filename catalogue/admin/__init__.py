"""The curators' admin: every catalogue model, with the roles' rules and edit-conflict checks."""

from . import claims, copies, events, organizations, people, records, tombstones, vocabularies

__all__ = [
    "claims",
    "copies",
    "events",
    "organizations",
    "people",
    "records",
    "tombstones",
    "vocabularies",
]
