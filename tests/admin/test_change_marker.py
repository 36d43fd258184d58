"""Every write to records and their links moves the change marker and keeps the facet counts
table equal to a fresh count: the service, the admin, imports, the history, fixtures."""

import pytest
from django.core.management import call_command
from django.http import QueryDict

from catalogue import changes, facet_counts, history, models, publishing
from catalogue.filters import RecordFilterSet
from catalogue.filters.facets import by_grouping, from_table
from tests import factories

from .builders import ready_record
from .helpers import change_url, open_change_form


@pytest.fixture
def indexed(db):
    """Two published records and a draft, linked to subjects, people, a body, languages."""
    found = {
        "fonds": factories.collection(slug="congress"),
        "cult": factories.subject(slug="cult", label_en="cult of personality"),
        "thaw": factories.subject(slug="thaw", label_en="thaw"),
        "khrushchev": factories.person(slug="khrushchev", name_en="Nikita Khrushchev"),
        "cc": factories.organization(slug="cc", name_en="Central Committee"),
        "russian": models.Language.objects.create(code="ru", name_en="Russian"),
    }
    speech = ready_record(
        reference_code="TEST-SPEECH",
        kind=models.RecordKind.SPEECH,
        collection=found["fonds"],
        status=models.Status.PUBLISHED,
        published_at="2026-01-01T00:00:00Z",
    )
    speech.subjects.add(found["cult"], found["thaw"])
    speech.languages.add(found["russian"])
    models.RecordPerson.objects.create(
        record=speech, person=found["khrushchev"], role=models.PersonRole.SPEAKER
    )
    resolution = ready_record(
        reference_code="TEST-RESOLUTION",
        kind=models.RecordKind.RESOLUTION,
        collection=found["fonds"],
        status=models.Status.PUBLISHED,
        published_at="2026-01-01T00:00:00Z",
    )
    resolution.subjects.add(found["cult"])
    models.RecordOrganization.objects.create(
        record=resolution, organization=found["cc"], role=models.OrganizationRole.ISSUER
    )
    draft = ready_record(reference_code="TEST-DRAFT", collection=found["fonds"])
    draft.subjects.add(found["thaw"])
    found.update(speech=speech, resolution=resolution, draft=draft)
    return found


def table_counts() -> dict:
    return {
        (row.filter_facet, row.filter_value, row.facet, row.value): row.count
        for row in models.FacetCount.objects.filter(count__gt=0)
    }


def assert_counts_are_fresh() -> None:
    """The table as the writes left it is what a recount gives, and every list it serves
    shows what grouping its records afresh shows."""
    kept = table_counts()
    lists = [("", "")] + sorted(
        {
            (facet, value)
            for facet, value in models.RecordFacet.objects.values_list("facet", "value")
        }
    )
    for name, pk in lists:
        data = QueryDict(mutable=True)
        if name:
            key = {"kind": "kind", "language": "code"}.get(name, "slug")
            data[name] = pk if name == "kind" else _address_value(name, pk, key)
        filterset = RecordFilterSet(data)
        assert filterset.is_valid(), filterset.errors
        from_the_table = from_table(name, pk)
        fresh = by_grouping(filterset._filtered)
        for facet in facet_counts.FACET_NAMES:
            assert sorted(from_the_table[facet]) == sorted(fresh[facet]), (name, pk, facet)
    facet_counts.rebuild()
    assert kept == table_counts()


def _address_value(name: str, pk: str, key: str) -> str:
    model = {
        "subject": models.Subject,
        "person": models.Person,
        "organization": models.Organization,
        "collection": models.Collection,
        "language": models.Language,
    }[name]
    return getattr(model.objects.get(pk=pk), key)


def test_facet_counts_are_fresh_after_records_and_links_are_created(indexed):
    assert table_counts()[("", "", "subject", str(indexed["cult"].pk))] == 2
    assert table_counts()[("", "", "total", "")] == 2
    assert_counts_are_fresh()


def test_facet_counts_are_fresh_after_an_edit(indexed):
    speech = indexed["speech"]
    speech.kind = models.RecordKind.REPORT
    speech.save()
    speech.subjects.remove(indexed["thaw"])

    assert ("", "", "kind", "speech") not in table_counts()
    assert_counts_are_fresh()


def test_facet_counts_are_fresh_after_publishing_and_unpublishing(indexed, curator):
    publishing.publish([indexed["draft"]], user=curator)
    assert table_counts()[("", "", "subject", str(indexed["thaw"].pk))] == 2
    assert_counts_are_fresh()

    publishing.unpublish([indexed["speech"]], user=curator)
    assert table_counts()[("", "", "total", "")] == 2
    assert_counts_are_fresh()


def test_facet_counts_are_fresh_after_a_deletion(indexed, curator):
    publishing.delete_records([indexed["resolution"]], user=curator)

    assert ("", "", "kind", "resolution") not in table_counts()
    assert_counts_are_fresh()


def test_facet_counts_are_fresh_after_a_subject_is_deleted(indexed, curator):
    history.delete(indexed["thaw"], curator)

    assert ("", "", "subject", str(indexed["thaw"].pk)) not in table_counts()
    assert_counts_are_fresh()


def test_facet_counts_are_fresh_after_an_import(indexed, curator, tmp_path):
    path = tmp_path / "records.csv"
    path.write_text(
        "reference_code,collection,level,kind,title_en,date,extent_en,status\n"
        "TEST-IMPORTED,congress,item,speech,Test imported,1956-02-25,1 item,published\n"
        "TEST-RESOLUTION,congress,item,letter,Test resolution,1956-06-30,1 item,published\n",
        encoding="utf-8",
    )

    call_command("import_catalogue", str(path), "--user", "curator")

    assert table_counts()[("", "", "kind", "letter")] == 1
    assert table_counts()[("", "", "kind", "speech")] == 2
    assert_counts_are_fresh()


def test_facet_counts_are_fresh_after_a_revert(indexed, curator):
    speech = indexed["speech"]
    publishing.unpublish([speech], user=curator)
    published_version = history.versions_of(speech)[0].version
    publishing.publish([speech], user=curator)
    publishing.unpublish([speech], user=curator)
    assert ("", "", "kind", "speech") not in table_counts()

    history.revert(history.versions_of(speech)[1].version, curator)

    assert published_version is not None
    assert table_counts()[("", "", "kind", "speech")] == 1
    assert_counts_are_fresh()


def test_facet_counts_are_fresh_after_the_admin_changes_a_record(indexed, curator_client):
    speech = indexed["speech"]
    data = open_change_form(curator_client, speech)
    data["kind"] = models.RecordKind.LETTER
    data["subjects"] = [str(indexed["thaw"].pk)]

    response = curator_client.post(change_url(speech), data)

    assert response.status_code == 302
    assert table_counts()[("kind", "letter", "subject", str(indexed["thaw"].pk))] == 1
    assert_counts_are_fresh()


# The marker: each path moves it


def moves_the_marker(write) -> bool:
    before = changes.version()
    write()
    return changes.version() > before


def test_change_marker_moves_with_the_service(indexed, curator):
    draft, speech = indexed["draft"], indexed["speech"]

    assert moves_the_marker(lambda: publishing.publish([draft], user=curator))
    assert moves_the_marker(lambda: publishing.unpublish([speech], user=curator))
    assert moves_the_marker(lambda: publishing.delete_records([speech], user=curator))


def test_change_marker_moves_with_each_link(indexed):
    speech = indexed["speech"]

    assert moves_the_marker(lambda: speech.subjects.remove(indexed["cult"]))
    assert moves_the_marker(lambda: speech.languages.clear())
    assert moves_the_marker(
        lambda: models.RecordOrganization.objects.create(
            record=speech, organization=indexed["cc"], role=models.OrganizationRole.ISSUER
        )
    )
    assert moves_the_marker(lambda: models.RecordPerson.objects.filter(record=speech).delete())


def test_change_marker_moves_with_the_admin(indexed, curator_client):
    person = indexed["khrushchev"]
    data = open_change_form(curator_client, person)
    data["name_en"] = "Nikita Sergeyevich Khrushchev"

    assert moves_the_marker(lambda: curator_client.post(change_url(person), data))


def test_change_marker_moves_with_history_recovery(indexed, curator):
    publishing.delete_records([indexed["speech"]], user=curator)
    deleted = history.deleted_versions(models.Record)[0]

    assert moves_the_marker(lambda: history.recover(deleted, curator))
    assert table_counts()[("", "", "kind", "speech")] == 1
    assert_counts_are_fresh()


def test_rebuild_facet_counts_command_recounts_and_moves_the_marker(indexed, capsys):
    models.FacetCount.objects.all().delete()

    assert moves_the_marker(lambda: call_command("rebuild_facet_counts"))
    assert capsys.readouterr().out.startswith("Counted ")
    assert table_counts()[("", "", "total", "")] == 2
    assert_counts_are_fresh()


def test_records_list_shows_a_new_link_at_once(indexed, client):
    url = "/en/records/?subject=cult"
    client.get(url)

    indexed["resolution"].subjects.add(indexed["thaw"])
    body = client.get(url).content.decode()

    assert 'href="?subject=thaw">thaw</a> <span class="count">(2)</span>' in body
