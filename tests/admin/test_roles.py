from django.contrib.auth.models import Group
from django.core.management import call_command

from catalogue.roles import ROLE_PERMISSIONS, TOMBSTONE_PERMISSIONS


def test_roles_missing_after_a_flush_come_back_with_migrate(db):
    editor_permissions = set(
        Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    )
    Group.objects.filter(name__in=["Editor", "Viewer"]).delete()

    call_command("migrate", verbosity=0)

    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_PERMISSIONS)
    restored = Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    assert set(restored) == editor_permissions
    assert editor_permissions == ROLE_PERMISSIONS["Editor"] | TOMBSTONE_PERMISSIONS["Editor"]


def test_roles_a_site_changed_are_left_as_they_are(db):
    viewer = Group.objects.get(name="Viewer")
    viewer.permissions.clear()

    call_command("migrate", verbosity=0)

    assert viewer.permissions.count() == 0
