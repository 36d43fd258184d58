import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User


def pytest_collection_modifyitems(config, items):
    """A test marked ``engine("postgresql")`` (or sqlite) is collected only on that engine:
    what it checks does not exist on the other one."""
    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1].replace("sqlite3", "sqlite")
    kept, left_out = [], []
    for item in items:
        marker = item.get_closest_marker("engine")
        (kept if marker is None or marker.args[0] == vendor else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


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
def counts_after_response_on_the_spot(settings):
    """Counts left for after a response are made as it closes, not on a thread of their
    own: a test then sees them on its next request, and they read the test's transaction."""
    settings.CATALOGUE_COUNT_IN_THREAD = False


@pytest.fixture(autouse=True)
def image_roots(settings, tmp_path):
    """Each test has public and private media roots of its own (a test may set MEDIA_ROOT
    again), so that no file of one test is seen by another, or written into the project."""
    settings.MEDIA_ROOT = tmp_path / "public-media"
    settings.CATALOGUE_PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(autouse=True)
def replicas_read_the_test_transaction(request):
    """With read replicas configured (DATABASE_REPLICA_URLS), reads routed to them see the test.

    A test's data lives in a transaction no replica can see, and Django's test mirrors share
    only the database's name, not the connection: each replica alias uses the primary's
    connection for the test. Only a test that names the replicas among its databases (and
    commits, so that streaming replication brings its data there) reads the real replicas.
    """
    from django.conf import settings
    from django.db import connections

    replicas = [alias for alias in settings.DATABASES if alias != "default"]
    marker = request.node.get_closest_marker("django_db")
    named = marker.kwargs.get("databases") if marker is not None else None
    wants_replicas = named == "__all__" or bool(set(replicas) & set(named or []))
    fixtures = {"db", "transactional_db"} & set(request.fixturenames)
    if not replicas or wants_replicas or not (fixtures or marker is not None):
        yield
        return
    for name in sorted(fixtures):
        request.getfixturevalue(name)
    originals = {alias: connections[alias] for alias in replicas}
    for alias in replicas:
        connections[alias] = connections["default"]
    yield
    for alias, connection in originals.items():
        connections[alias] = connection
