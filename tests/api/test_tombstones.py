"""The API says what the record's page says of a withdrawn or renamed record."""

from catalogue import models, publishing, tombstones

from .conftest import API


def test_record_withdrawn_answers_410_with_when_and_the_note(client, catalogue, curator):
    speech = models.Record.objects.get(reference_code="C20-SPEECH")
    assert client.get(f"{API}/records/C20-SPEECH/").status_code == 200
    publishing.unpublish(models.Record.objects.filter(pk=speech.pk), user=curator)
    models.Tombstone.objects.filter(reference_code="C20-SPEECH").update(
        note_en="Withdrawn while its source is checked."
    )

    response = client.get(f"{API}/records/C20-SPEECH/")

    assert response.status_code == 410
    body = response.json()
    assert body["reference_code"] == "C20-SPEECH"
    assert body["title_ru"] == "О культе личности и его последствиях"
    assert body["note_en"] == "Withdrawn while its source is checked."
    assert body["detail"].startswith("This record was withdrawn from the catalogue on ")


def test_record_published_again_answers_200_not_410(client, catalogue, curator):
    records = models.Record.objects.filter(reference_code="C20-SPEECH")
    records.update(extent_en="1 file")  # ready to be published again
    publishing.unpublish(records, user=curator)
    assert client.get(f"{API}/records/C20-SPEECH/").status_code == 410

    publishing.publish(records, user=curator)

    assert client.get(f"{API}/records/C20-SPEECH/").status_code == 200


def test_record_renamed_redirects_from_its_former_code(client, catalogue):
    speech = models.Record.objects.get(reference_code="C20-SPEECH")
    speech.reference_code = "C20-SPEECH-A"
    speech.save()
    tombstones.renamed(speech, "C20-SPEECH", was_published=True)

    response = client.get(f"{API}/records/C20-SPEECH/")

    assert response.status_code == 301
    assert response["Location"] == f"{API}/records/C20-SPEECH-A/"
    assert client.get(response["Location"]).json()["reference_code"] == "C20-SPEECH-A"


def test_record_never_published_answers_404(client, catalogue):
    draft = models.Record.objects.get(reference_code="C20-DRAFT")

    response = client.get(f"{API}/records/{draft.reference_code}/")

    assert response.status_code == 404
