"""The curators' roles: which permissions each group of the admin holds.

Used by the migration that creates the groups and by the tests, so the two cannot drift.
"""

from django.db import DEFAULT_DB_ALIAS

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


def ensure_roles(sender=None, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create any role group that is missing, with its permissions (after ``migrate``, and
    after ``flush``, which empties the groups the migration made). Groups that exist are
    left as they are, whatever a site has changed in them."""
    from django.contrib.auth.models import Group, Permission

    for name, codenames in ROLE_PERMISSIONS.items():
        group, created = Group.objects.using(using).get_or_create(name=name)
        if created:
            wanted = codenames | TOMBSTONE_PERMISSIONS.get(name, set())
            group.permissions.set(
                Permission.objects.using(using).filter(
                    content_type__app_label="catalogue", codename__in=wanted
                )
            )
