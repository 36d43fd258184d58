"""Public reads from a real streaming replica; writes, the admin and the writer on the primary.

Run by .ci/run against the replica it starts (.ci/replica): DATABASE_REPLICA_URLS names it.
The replica's WAL replay is paused to hold it behind the primary, so where a page read its
data shows on the page.
"""

import time

import pytest
from django.db import connections, transaction

from catalogue import models
from catalogue.routers import PrimaryReplicaRouter, _replica
from tests import factories

REPLICA = "replica_1"
# A bound, not a timing: replication on one machine takes milliseconds.
CATCH_UP_LIMIT = 60

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture
def paused_replica():
    """The replica stops applying the primary's changes until the test resumes it."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,), "DATABASE_REPLICA_URLS names no standby"
        cursor.execute("SELECT pg_wal_replay_pause()")
    yield
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_resume()")


def _resume_and_catch_up() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_resume()")
        deadline = time.monotonic() + CATCH_UP_LIMIT
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    pytest.fail(f"the replica did not catch up with the primary in {CATCH_UP_LIMIT} s")


def _record(**fields):
    collection = factories.collection(slug="congress-20", reference_code="C20")
    return factories.record(
        reference_code="C20-SPEECH",
        collection=collection,
        kind=models.RecordKind.SPEECH,
        title_en="On the Cult of Personality and Its Consequences",
        date="1956-02-25",
        extent_en="1 report",
        **fields,
    )


def test_a_record_published_on_the_primary_reaches_the_replica_then_the_public_list(
    paused_replica, client
):
    _record()

    before = client.get("/en/records/").content.decode()
    _resume_and_catch_up()
    after = client.get("/en/records/").content.decode()

    assert "On the Cult of Personality" not in before
    assert "On the Cult of Personality" in after


def test_the_admin_reads_the_primary_while_the_replica_lags(paused_replica, client, curator):
    _record()
    client.force_login(curator)

    public = client.get("/en/records/C20-SPEECH/")
    admin = client.get("/admin/catalogue/record/").content.decode()

    assert public.status_code == 404
    assert "On the Cult of Personality" in admin


def test_a_curator_who_just_published_reads_the_record_on_the_public_page(
    paused_replica, client, curator
):
    record = _record(status=models.Status.DRAFT)
    client.force_login(curator)

    client.post(
        "/admin/catalogue/record/",
        {"action": "publish", "_selected_action": [record.pk], "index": 0},
    )
    page = client.get("/en/records/C20-SPEECH/")
    stranger = client.__class__().get("/en/records/C20-SPEECH/")

    assert page.status_code == 200
    assert "On the Cult of Personality" in page.content.decode()
    assert stranger.status_code == 404


def test_the_router_sends_reads_in_a_transaction_and_every_write_to_the_primary():
    router = PrimaryReplicaRouter()
    token = _replica.set(REPLICA)
    try:
        public_read = router.db_for_read(models.Record)
        with transaction.atomic():
            read_in_transaction = router.db_for_read(models.Record)
        write = router.db_for_write(models.Record)
    finally:
        _replica.reset(token)

    assert (public_read, read_in_transaction, write) == (REPLICA, "default", "default")
