"""Publishing: only curators, only records with the ISAD(G) essentials, always logged."""

from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages

from catalogue import models
from tests import factories

from .builders import image, ready_record
from .helpers import change_url, changelist_url, open_change_form


def run_action(client, action: str, records) -> list[str]:
    response = client.post(
        changelist_url(models.Record),
        {"action": action, "_selected_action": [record.pk for record in records]},
    )
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


def statuses(*records) -> list[str]:
    return [models.Record.objects.get(pk=record.pk).status for record in records]


def test_publish_action_publishes_ready_drafts_and_says_how_many(curator_client):
    first, second = ready_record(), ready_record()

    messages = run_action(curator_client, "publish", [first, second])

    assert messages == ["Published 2 records."]
    assert statuses(first, second) == ["published", "published"]
    assert models.Record.objects.filter(published_at__isnull=False).count() == 2


def test_publish_action_is_logged_with_who_and_when(curator_client, curator):
    record = ready_record()

    run_action(curator_client, "publish", [record])

    entry = LogEntry.objects.get(object_id=str(record.pk))
    record.refresh_from_db()
    assert (entry.user, entry.get_change_message()) == (curator, "Published")
    assert abs(entry.action_time - record.published_at).total_seconds() < 5


def test_publish_action_refuses_a_record_without_the_essentials(curator_client):
    incomplete = factories.record(
        status=models.Status.DRAFT, reference_code="CPSU-20-1", title_en="", date="", extent_en=""
    )
    ready = ready_record()

    messages = run_action(curator_client, "publish", [incomplete, ready])

    assert messages == [
        "CPSU-20-1 was not published; it lacks: English title, date, extent.",
        "Published 1 record.",
    ]
    assert statuses(incomplete, ready) == ["draft", "published"]
    assert not LogEntry.objects.filter(object_id=str(incomplete.pk)).exists()


def test_publish_action_refuses_a_record_whose_image_has_no_alt_text(curator_client):
    record = ready_record(reference_code="CPSU-20-2")
    picture = image(record=record)
    models.Image.objects.filter(pk=picture.pk).update(alt_text_en="", alt_text_ru="Страница")

    messages = run_action(curator_client, "publish", [record])

    assert messages == [
        f"CPSU-20-2 was not published; it lacks: alt text on image {picture.file.name}.",
        "Published 0 records.",
    ]
    assert statuses(record) == ["draft"]


def test_unpublish_action_returns_records_to_draft_and_is_logged(curator_client, curator):
    first, second = factories.record(), factories.record()

    messages = run_action(curator_client, "unpublish", [first, second])

    assert messages == ["Unpublished 2 records."]
    assert statuses(first, second) == ["draft", "draft"]
    assert sorted(LogEntry.objects.values_list("change_message", "user")) == [
        ("Unpublished", curator.pk),
        ("Unpublished", curator.pk),
    ]


def test_publish_action_counts_only_drafts(curator_client):
    published = factories.record()

    messages = run_action(curator_client, "publish", [published])

    assert messages == ["Published 0 records."]
    assert not LogEntry.objects.exists()


def test_change_form_refuses_to_publish_without_the_essentials(curator_client):
    record = factories.record(status=models.Status.DRAFT, title_en="Report", extent_en="")
    data = open_change_form(curator_client, record)
    data["status"] = models.Status.PUBLISHED

    response = curator_client.post(change_url(record), data)

    errors = response.context["adminform"].form.errors["status"]
    assert errors == ["This record cannot be published without: date, extent."]
    assert statuses(record) == ["draft"]


def test_change_form_publishes_a_ready_record_and_logs_it(curator_client, curator):
    record = ready_record()
    data = open_change_form(curator_client, record)
    data["status"] = models.Status.PUBLISHED

    response = curator_client.post(change_url(record), data)

    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.published_at is not None) == ("published", True)
    messages = LogEntry.objects.filter(object_id=str(record.pk), user=curator)
    assert "Published" in list(messages.values_list("change_message", flat=True))


def test_change_form_keeps_a_published_record_complete(curator_client):
    record = ready_record(status=models.Status.PUBLISHED, extent_en="2 pages")
    data = open_change_form(curator_client, record)
    data["extent_en"] = ""

    response = curator_client.post(change_url(record), data)

    assert response.context["adminform"].form.errors["status"] == [
        "This record cannot be published without: extent."
    ]
    record.refresh_from_db()
    assert record.extent_en == "2 pages"


def test_change_form_unpublishes_and_clears_the_publication_time(curator_client):
    record = factories.record()
    data = open_change_form(curator_client, record)
    data["status"] = models.Status.DRAFT

    curator_client.post(change_url(record), data)

    record.refresh_from_db()
    assert (record.status, record.published_at) == ("draft", None)
    assert LogEntry.objects.filter(change_message="Unpublished").count() == 1
