"""schema.org JSON-LD for a record page, built as data and escaped for a <script> element."""

import json
import re

from django.utils.safestring import SafeString, mark_safe

from .iiif import manifests
from .models import OrganizationRole, PersonRole, Record

# The same escapes as django.utils.html.json_script: the data cannot close its element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_ISO = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")


def iso_date(edtf: str) -> str | None:
    """An EDTF value schema.org can take as it is (1956, 1956-02, 1956-02-25), else None."""
    return edtf if edtf and _ISO.match(edtf) else None


def _membership(membership, request) -> dict:
    role = {
        "@type": "OrganizationRole",
        "roleName": str(membership.get_role_display()),
        "memberOf": {
            "@type": "Organization",
            "name": membership.organization.name,
            "url": request.build_absolute_uri(membership.organization.get_absolute_url()),
        },
    }
    for key, value in (("startDate", membership.start), ("endDate", membership.end)):
        if iso_date(value):
            role[key] = value
    return role


def _person(person, request) -> dict:
    data = {
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }
    if person.native_name:
        data["alternateName"] = person.native_name
    if person.wikidata_id:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{person.wikidata_id}"
    memberships = [_membership(m, request) for m in person.memberships.all()]
    if memberships:
        data["memberOf"] = memberships
    return data


def record_data(record: Record, url: str, request) -> dict:
    """The record as a schema.org ArchiveComponent; expects ``for_detail()`` prefetches."""
    data = {
        "@context": "https://schema.org",
        "@type": "ArchiveComponent",
        "@id": url,
        "url": url,
        "identifier": record.reference_code,
        "name": record.title,
        "genre": str(record.get_kind_display()),
        "isPartOf": {
            "@type": "ArchiveComponent",
            "name": record.collection.title,
            "identifier": record.collection.reference_code,
            "url": request.build_absolute_uri(record.collection.get_absolute_url()),
        },
    }
    if record.original_title:
        data["alternativeHeadline"] = record.original_title
    if record.description:
        data["description"] = record.description
    if record.date:
        data["temporalCoverage"] = record.date
        if iso_date(record.date):
            data["dateCreated"] = record.date
    languages = [language.code for language in record.languages.all()]
    if languages:
        data["inLanguage"] = languages
    creators = [
        _person(link.person, request)
        for link in record.people.all()
        if link.role in (PersonRole.AUTHOR, PersonRole.SPEAKER)
    ]
    mentioned = [
        _person(link.person, request)
        for link in record.people.all()
        if link.role not in (PersonRole.AUTHOR, PersonRole.SPEAKER)
    ]
    bodies = [
        {"@type": "Organization", "name": link.organization.name}
        for link in record.organizations.all()
        if link.role in (OrganizationRole.ISSUER, OrganizationRole.AUTHOR)
    ]
    if creators or bodies:
        data["creator"] = creators + bodies
    if mentioned:
        data["mentions"] = mentioned
    subjects = [{"@type": "DefinedTerm", "name": s.label} for s in record.subjects.all()]
    if subjects:
        data["about"] = subjects
    images = [
        request.build_absolute_uri(image.display_url)
        for image in record.images.all()
        if image.tiled
    ]
    if images:
        data["image"] = images
    if manifests.has_manifest(record):
        data["subjectOf"] = [_manifest(record, request)]
    return data


def _manifest(record: Record, request) -> dict:
    """The record's IIIF manifest, as a work about it in the IIIF Presentation 3 format: the
    media type with its profile, and the IIIF class as ``additionalType``."""
    address = request.build_absolute_uri(manifests.manifest_url(record))
    return {
        "@type": "CreativeWork",
        "@id": address,
        "url": address,
        "name": "IIIF manifest",
        "additionalType": "http://iiif.io/api/presentation/3#Manifest",
        "encodingFormat": manifests.CONTENT_TYPE,
    }


def script_content(data: dict) -> SafeString:
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES))


def record_script(record: Record, url: str, request) -> SafeString:
    return script_content(record_data(record, url, request))
