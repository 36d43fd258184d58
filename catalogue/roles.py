"""The curators' roles: which permissions each group of the admin holds.

Used by the migration that creates the groups and by the tests, so the two cannot drift.
"""

CATALOGUE_MODELS = [
    "claim",
    "collection",
    "copy",
    "event",
    "image",
    "language",
    "membership",
    "organization",
    "organizationseats",
    "person",
    "personname",
    "record",
    "recordorganization",
    "recordperson",
    "recordrelation",
    "source",
    "subject",
]


def _all(actions: tuple[str, ...]) -> set[str]:
    return {f"{action}_{model}" for model in CATALOGUE_MODELS for action in actions}


ROLE_PERMISSIONS: dict[str, set[str]] = {
    # Edits everything, publishes and unpublishes, imports and deletes.
    "Curator": _all(("add", "change", "delete", "view")) | {"publish_record", "import_catalogue"},
    # Creates and edits drafts; the admin keeps published records out of an editor's reach.
    "Editor": _all(("add", "change", "delete", "view")),
    # Reads the admin, changes nothing.
    "Viewer": _all(("view",)),
}

# Tombstones are written by withdrawing or deleting a record; curators add the public note.
# Granted by the migration that creates the model (0007), after the groups exist.
TOMBSTONE_PERMISSIONS: dict[str, set[str]] = {
    "Curator": {"change_tombstone", "view_tombstone", "view_formerreference"},
    "Editor": {"view_tombstone", "view_formerreference"},
    "Viewer": {"view_tombstone", "view_formerreference"},
}
