import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from catalogue import models
from tests import factories

from .builders import ready_record
from .helpers import logged_in


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor_client(editor) -> Client:
    return logged_in(editor)


@pytest.fixture
def viewer_client(viewer) -> Client:
    return logged_in(viewer)


@pytest.fixture
def staff_client(db) -> Client:
    return logged_in(User.objects.create_user("staff", password="staff-1956", is_staff=True))


@pytest.fixture
def second_curator_client(db) -> Client:
    """Another curator, in another browser, editing at the same time as ``curator_client``."""
    user = User.objects.create_user("second", password="second-1956", is_staff=True)
    user.groups.add(Group.objects.get(name="Curator"))
    return logged_in(user)


@pytest.fixture
def peace(db) -> models.Subject:
    """A subject of two published records and of a draft."""
    subject = factories.subject(label_en="Peaceful coexistence")
    for code in ("TEST-PUB-2", "TEST-PUB-1"):
        factories.record(reference_code=code).subjects.add(subject)
    ready_record(reference_code="TEST-DRAFT").subjects.add(subject)
    return subject
