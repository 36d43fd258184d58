"""OAI-PMH responses, parsed and validated against the protocol's schemas on every request."""

from pathlib import Path

import pytest
from lxml import etree

from catalogue import models
from tests import factories

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_schema = None


def schema() -> etree.XMLSchema:
    global _schema
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "harvest.xsd")))
    return _schema


def valid(content: bytes) -> etree._Element:
    """The response parsed, after checking it against OAI-PMH, oai_dc and oai-identifier."""
    document = etree.fromstring(content)
    schema().assertValid(document)
    return document


def oai(client, method: str = "get", **arguments) -> etree._Element:
    response = getattr(client, method)("/oai", arguments)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return valid(response.content)


def error_codes(document) -> list[str]:
    return [error.get("code") for error in document.findall("oai:error", NS)]


def identifiers(document) -> list[str]:
    return [node.text for node in document.iterfind(".//oai:header/oai:identifier", NS)]


def token(document) -> etree._Element | None:
    return document.find(".//oai:resumptionToken", NS)


def harvest_all(client, verb: str = "ListIdentifiers", **arguments) -> list[etree._Element]:
    """Every page of a list, following the resumption tokens to the end."""
    pages = [oai(client, verb=verb, **arguments)]
    while (node := token(pages[-1])) is not None and node.text:
        pages.append(oai(client, verb=verb, resumptionToken=node.text))
    return pages


def oai_id(reference_code: str) -> str:
    return f"oai:catalogue.localhost:{reference_code}"


@pytest.fixture(autouse=True)
def repository_settings(settings):
    settings.CATALOGUE_OAI_REPOSITORY_ID = "catalogue.localhost"
    settings.CATALOGUE_OAI_ADMIN_EMAIL = "admin@catalogue.localhost"


@pytest.fixture
def arrangement(db) -> dict:
    """A fonds with a series in it, and a draft planted in each that must never be harvested."""
    fonds = factories.collection(slug="fonds", title_en="The fonds")
    series = factories.collection(slug="series", title_en="The series", parent=fonds)
    drafts = [
        factories.record(reference_code=f"DRAFT-{unit.slug}", collection=unit, status="draft")
        for unit in (fonds, series)
    ]
    return {"fonds": fonds, "series": series, "drafts": drafts}


def published(count: int, collection, **fields) -> list[models.Record]:
    return [
        factories.record(
            collection=collection, reference_code=f"{collection.slug}-{n:04d}", **fields
        )
        for n in range(count)
    ]
