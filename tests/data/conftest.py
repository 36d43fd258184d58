import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def _catalogue_for_module(django_db_setup, django_db_blocker):
    """Load the collection once per test module, inside a transaction rolled back after it.

    Each test still runs in its own savepoint (the ``db`` fixture), so tests cannot see each
    other's changes, and no other module sees the collection.
    """
    out = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def catalogue_loaded(_catalogue_for_module, db) -> str:
    """The collection as ``load_catalogue`` loads it; returns what the command printed."""
    return _catalogue_for_module
