"""One crosswalk from a record to Dublin Core, for OAI-PMH and every other machine surface.

``dublin_core(record, address)`` gives ``(element, value, language)`` triples, ``language``
being a BCP 47 code for ``xml:lang`` or ``None``. The record comes from
``Record.objects.for_dublin_core()``, so it costs no query of its own.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.utils import translation

from .models import OrganizationRole, PersonRole, Record, RecordKind

LANGUAGES = ("en", "ru")
CREATOR_ROLES = {PersonRole.AUTHOR, PersonRole.SPEAKER}
CREATOR_BODIES = {OrganizationRole.ISSUER, OrganizationRole.AUTHOR}
SUBJECT_ROLES = {PersonRole.SUBJECT, OrganizationRole.SUBJECT}
# The DCMI Type Vocabulary term for each kind: a photograph is an image, the rest are text.
DCMI_TYPE = {kind: "Text" for kind in RecordKind.values} | {RecordKind.PHOTOGRAPH: "StillImage"}

Triple = tuple[str, str, str | None]


@functools.cache
def _labels(choices: type, value: str) -> dict[str, str]:
    """A choice's label in each interface language (translated once per process)."""
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = str(choices(value).label)
    return labels


def _both(obj, field: str) -> list[tuple[str, str]]:
    """``(value, language)`` for each language in which ``obj.field`` is filled."""
    pairs = []
    for language in LANGUAGES:
        value = getattr(obj, f"{field}_{language}", "") or ""
        if value.strip():
            pairs.append((value, language))
    return pairs


def _agents(links, name_of, choices, element_for) -> list[Triple]:
    triples = []
    for link in links:
        element = element_for(link.role)
        if element is None:
            continue
        agent = name_of(link)
        roles = _labels(choices, link.role)
        for name, language in _both(agent, "name"):
            value = name if element == "subject" else f"{name} ({roles[language]})"
            triples.append((element, value, language))
    return triples


def _person_element(role: str) -> str | None:
    if role in CREATOR_ROLES:
        return "creator"
    if role in SUBJECT_ROLES:
        return "subject"
    if role == PersonRole.ADDRESSEE:
        return "contributor"
    return None


def _body_element(role: str) -> str | None:
    if role in CREATOR_BODIES:
        return "creator"
    if role == OrganizationRole.PUBLISHER:
        return "publisher"
    if role in SUBJECT_ROLES:
        return "subject"
    if role == OrganizationRole.ADDRESSEE:
        return "contributor"
    return None


def _source(source) -> str:
    parts = [f"[{source.key}]", source.title]
    parts += [part for part in (source.author, source.date, source.url) if part]
    return ", ".join(parts)


def dublin_core(record: Record, address: Callable[[str], str]) -> list[Triple]:
    """The record as Dublin Core; ``address(reference_code)`` gives a record's absolute URL."""
    triples: list[Triple] = [("title", value, lang) for value, lang in _both(record, "title")]
    if record.original_title:
        language = record.original_language.code if record.original_language else None
        triples.append(("title", record.original_title, language))
    triples += _agents(record.people.all(), lambda link: link.person, PersonRole, _person_element)
    triples += _agents(
        record.organizations.all(), lambda link: link.organization, OrganizationRole, _body_element
    )
    for subject in record.subjects.all():
        triples += [("subject", value, lang) for value, lang in _both(subject, "label")]
    triples += [("description", value, lang) for value, lang in _both(record, "description")]
    if record.date:
        triples.append(("date", record.date, None))
    triples.append(("type", DCMI_TYPE[record.kind], None))
    triples += [("type", label, lang) for lang, label in _labels(RecordKind, record.kind).items()]
    triples += [("format", value, lang) for value, lang in _both(record, "extent")]
    triples.append(("identifier", address(record.reference_code), None))
    triples += [("language", language.code, None) for language in record.languages.all()]
    triples += [
        ("relation", address(relation.object.reference_code), None)
        for relation in record.relations.all()
    ]
    triples += [("source", _source(source), None) for source in record.sources.all()]
    if settings.CATALOGUE_RIGHTS:
        triples.append(("rights", settings.CATALOGUE_RIGHTS, None))
    return triples
