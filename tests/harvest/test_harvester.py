"""A real OAI-PMH harvester (oaipmh-scythe) takes the whole catalogue from a live server."""

from oaipmh_scythe import Scythe

from catalogue import models, publishing
from tests import factories

from .conftest import oai_id, published


def test_a_harvester_takes_the_whole_catalogue_and_it_matches_the_database(live_server):
    fonds = factories.collection(slug="fonds")
    series = factories.collection(slug="series", parent=fonds)
    published(130, fonds)
    published(100, series, kind=models.RecordKind.LETTER, title_ru="Письмо")
    factories.record(collection=series, reference_code="DRAFT-1", status="draft")
    publishing.unpublish(models.Record.objects.filter(reference_code="fonds-0007"), user=None)
    scythe = Scythe(f"{live_server.url}/oai")

    identify = scythe.identify()
    harvested = list(scythe.list_records(metadata_prefix="oai_dc"))
    letters = list(scythe.list_identifiers(metadata_prefix="oai_dc", set_="kind:letter"))

    assert identify.deletedRecord == "persistent"
    live = {item.header.identifier: item.metadata for item in harvested if not item.deleted}
    expected = {
        oai_id(record.reference_code): record for record in models.Record.objects.published()
    }
    assert len(expected) == 229
    assert set(live) == set(expected)
    for identifier, record in expected.items():
        assert live[identifier]["title"][0] == record.title_en
        assert live[identifier]["identifier"] == [
            f"{live_server.url}/en/records/{record.reference_code}/"
        ]
    assert live[oai_id("series-0000")]["title"] == [
        models.Record.objects.get(reference_code="series-0000").title_en,
        "Письмо",
    ]
    deleted = sorted(item.header.identifier for item in harvested if item.deleted)
    assert deleted == [oai_id("fonds-0007")]
    assert models.Record.objects.filter(reference_code="DRAFT-1", status="draft").exists()
    assert oai_id("DRAFT-1") not in {item.header.identifier for item in harvested}
    assert len(letters) == 100
