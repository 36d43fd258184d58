"""A record's page tells a researcher when it was published and what changed in public since."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from reversion.models import Revision, Version

from catalogue import history, models
from tests import factories

from .helpers import page

DRAFT_WORDING = "A sentence the curator never published"


def on_day(day: datetime.date) -> None:
    """Date the newest revision ``day``, as if it had been saved then."""
    newest = Revision.objects.latest("pk")
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    Revision.objects.filter(pk=newest.pk).update(date_created=moment)


def save(record, user, comment: str, day: datetime.date, **changes) -> None:
    with history.revision(user, comment):
        for name, value in changes.items():
            setattr(record, name, value)
        record.save()
    on_day(day)


@pytest.fixture
def curator(db):
    return get_user_model().objects.create_user("anna.curator", password="x")


@pytest.fixture
def edited_record(curator):
    """Published on 1 March, retitled on 5 March, taken back to draft on 8 March with a new
    description, republished with another on 10 March."""
    with history.revision(curator, "Catalogued"):
        record = factories.record(
            reference_code="C20-HIST", title_en="First title", description_en="First text."
        )
    on_day(datetime.date(2026, 3, 1))
    save(record, curator, "Typo in the title", datetime.date(2026, 3, 5), title_en="Better title")
    save(
        record,
        curator,
        "Withdrawn for review",
        datetime.date(2026, 3, 8),
        status=models.Status.DRAFT,
        published_at=None,
        description_en=DRAFT_WORDING,
    )
    save(
        record,
        curator,
        "Reviewed",
        datetime.date(2026, 3, 10),
        status=models.Status.PUBLISHED,
        published_at=timezone.now(),
        description_en="Second text.",
    )
    return record


def history_section(body: str) -> str:
    return body.split('id="history-heading"', 1)[1].split("</section>", 1)[0]


def test_record_page_lists_first_publication_and_public_changes(client, edited_record):
    section = history_section(page(client, "/en/records/C20-HIST/"))

    assert '<li id="published-2026-03-01"><time datetime="2026-03-01">1 March 2026</time>' in (
        section
    )
    assert "first published." in section
    assert "5 March 2026</time>: changed title (English)." in section
    assert "10 March 2026</time>: changed scope and content (English)." in section
    # The day it was a draft is no public change.
    assert "8 March 2026" not in section


def test_record_history_names_no_curator_comment_or_draft(client, edited_record):
    assert Version.objects.filter(serialized_data__contains=DRAFT_WORDING).exists()
    body = page(client, "/en/records/C20-HIST/")

    for private in ("anna.curator", "Typo in the title", "Withdrawn for review", DRAFT_WORDING):
        assert private not in body
    assert "draft" not in history_section(body).lower()


def test_record_history_reads_in_russian(client, edited_record):
    section = history_section(page(client, "/ru/records/C20-HIST/"))

    assert "1 марта 2026</time>: впервые опубликовано." in section
    assert "5 марта 2026</time>: изменено: название (английский)." in section


def test_cite_this_version_links_to_the_last_public_change(client, edited_record):
    body = page(client, "/en/records/C20-HIST/")

    link = "http://testserver/en/records/C20-HIST/#version-2026-03-10"
    assert f'<a class="address" href="{link}">{link}</a>' in body
    assert "(as it stands since 10 March 2026)" in body
    assert 'id="version-2026-03-10"' in body


def test_a_record_without_versions_gives_its_publication_day(client, catalogue):
    models.Record.objects.filter(reference_code="C20-SPEECH").update(
        published_at=datetime.datetime(2026, 2, 25, 9, tzinfo=datetime.UTC)
    )
    section = history_section(page(client, "/en/records/C20-SPEECH/"))

    assert "25 February 2026</time>: first published." in section


@pytest.mark.parametrize("changes", [1, 3])
def test_record_history_costs_one_query_however_many_changes(
    client, curator, changes, django_assert_num_queries
):
    with history.revision(curator, "Catalogued"):
        record = factories.record(reference_code="C20-MANY", title_en="Title 0")
    on_day(datetime.date(2026, 3, 1))
    for index in range(changes):
        save(record, curator, "", datetime.date(2026, 3, 2 + index), title_en=f"Title {index + 1}")

    with django_assert_num_queries(12):
        body = page(client, "/en/records/C20-MANY/")

    assert history_section(body).count("changed title (English).") == changes
