import pytest
from django.contrib.auth.models import Group, User


@pytest.fixture
def curator(db) -> User:
    user = User.objects.create_user("curator", password="curator-password-1956", is_staff=True)
    user.groups.add(Group.objects.get(name="Curator"))
    return user


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password="editor-password-1956", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def viewer(db) -> User:
    user = User.objects.create_user("viewer", password="viewer-password-1956", is_staff=True)
    user.groups.add(Group.objects.get(name="Viewer"))
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so cached facet counts never cross tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def image_roots(settings, tmp_path):
    """Each test has public and private media roots of its own (a test may set MEDIA_ROOT
    again), so that no file of one test is seen by another, or written into the project."""
    settings.MEDIA_ROOT = tmp_path / "public-media"
    settings.CATALOGUE_PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
