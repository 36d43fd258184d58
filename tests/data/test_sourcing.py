"""The collection keeps to its sources: checks on the fixtures alone, whatever they hold."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from catalogue import models
from catalogue.models import choices
from catalogue.publishing import missing_for_publication

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
# A bracketed citation in prose: [FRUS-24] or [WP-20C, GSE].
CITATION = re.compile(r"\[([A-Z0-9][A-Z0-9-]*(?:, [A-Z0-9][A-Z0-9-]*)*)\]")
QUOTES = '"«»“”„'


def fixture_objects() -> list[dict]:
    objects = []
    for path in sorted(FIXTURES.glob("*.json")):
        objects.extend(json.loads(path.read_text(encoding="utf-8")))
    return objects


def test_no_source_is_cited_that_the_fixtures_do_not_define():
    objects = fixture_objects()
    defined = {obj["fields"]["key"] for obj in objects if obj["model"] == "catalogue.source"}
    cited = set()
    for obj in objects:
        fields = obj["fields"]
        if obj["model"] != "catalogue.organizationseats" and isinstance(fields.get("source"), list):
            cited.add(fields["source"][0])
        if obj["model"] == "catalogue.organizationseats" and fields.get("source"):
            cited.add(fields["source"][0])
        cited.update(key for [key] in fields.get("sources", []))
        for value in fields.values():
            if isinstance(value, str):
                for group in CITATION.findall(value):
                    cited.update(group.split(", "))

    assert "FRUS-24" in cited  # the prose citations are read, not only the references
    assert cited - defined == set()


def test_every_fact_bearing_object_cites_a_source(catalogue_loaded):
    unsourced = []
    for model in (models.Person, models.Event, models.Organization, models.Record):
        unsourced += [str(obj) for obj in model.objects.filter(sources=None)]
    unsourced += [str(m) for m in models.Membership.objects.filter(sources=None)]
    unsourced += [str(c) for c in models.Copy.objects.filter(sources=None)]
    for model in (models.RecordPerson, models.RecordOrganization, models.RecordRelation):
        unsourced += [str(link) for link in model.objects.filter(source=None)]
    unsourced += [str(seats) for seats in models.OrganizationSeats.objects.filter(source=None)]

    assert models.Person.objects.count() > 40
    assert unsourced == []


def test_every_claim_names_a_source_and_says_something(catalogue_loaded):
    claims = list(models.Claim.objects.select_related("source"))

    assert len(claims) > 20
    assert [c.slug for c in claims if not (c.source.key and c.statement_en and c.topic_ru)] == []


def test_every_inferred_membership_gives_its_basis_in_both_languages(catalogue_loaded):
    inferred = models.Membership.objects.filter(certainty="inferred")

    assert inferred.count() == 12
    assert [str(m) for m in inferred if not (m.basis_en.strip() and m.basis_ru.strip())] == []


def test_every_name_variant_is_marked_generated_or_names_its_source():
    objects = fixture_objects()
    keys = {obj["fields"]["key"] for obj in objects if obj["model"] == "catalogue.source"}
    names = [obj["fields"] for obj in objects if obj["model"] == "catalogue.personname"]
    generated = [n for n in names if n.get("generated")]
    attested = [n for n in names if not n.get("generated")]

    assert (len(generated), len(attested)) == (49, 17)
    assert [
        n["name"] for n in generated if "not a spelling found in a source" not in n["note"]
    ] == []
    assert [
        n["name"] for n in attested if not keys & set(re.findall(r"[A-Z0-9-]+", n["note"]))
    ] == []


def test_source_titles_in_quotation_marks_are_only_the_sources_own(catalogue_loaded):
    described = models.Source.objects.filter(title_is_description=True)
    quoted = [s.key for s in models.Source.objects.all() if set(s.title) & set(QUOTES)]

    assert described.count() == 63
    assert [s.key for s in described if set(s.title) & set(QUOTES)] == []
    assert quoted == ["BIB-34"]


def test_source_dates_read_off_web_addresses_are_gone(catalogue_loaded):
    dated = dict(models.Source.objects.exclude(date="").values_list("key", "date"))
    titles = " ".join(models.Source.objects.values_list("title", flat=True))

    assert dated == {
        "CHINAPEDIA": "2019",
        "GSE": "1979",
        "IT-TESTAMENT": "2007",
        "VV-SUSLOV": "1990",
        "VV-VORONOV": "1990",
        "WIKIDIFF-SECRET": "2021",
    }
    assert ("February 2020" in titles, "June 2024" in titles) == (False, False)


def test_compilers_note_is_a_note_not_a_published_source(catalogue_loaded):
    note = models.Source.objects.get(key="COMPILERS-NOTE")

    assert (note.kind, note.url, note.title_is_description) == ("compilers_note", "", True)
    assert "names no published source" in note.note_en
    assert list(models.Source.objects.filter(kind="compilers_note")) == [note]


def test_every_subject_collection_language_and_kind_has_a_russian_label(catalogue_loaded):
    missing = [s.slug for s in models.Subject.objects.all() if not s.label_ru]
    missing += [c.slug for c in models.Collection.objects.all() if not c.title_ru]
    missing += [lang.code for lang in models.Language.objects.all() if not lang.name_ru]
    vocabularies = [
        value
        for value in vars(choices).values()
        if isinstance(value, type) and issubclass(value, choices.models.TextChoices)
    ]
    with translation.override("ru"):
        for vocabulary in vocabularies:
            missing += [
                f"{vocabulary.__name__}.{value}"
                for value, label in vocabulary.choices
                if not re.search("[а-яё]", str(label))
            ]

    assert len(vocabularies) >= 12
    assert missing == []


def test_every_published_record_meets_the_publishing_rule(catalogue_loaded):
    records = models.Record.objects.published().prefetch_related("images")
    refused = {r.reference_code: missing_for_publication(r) for r in records}

    assert len(refused) == 23
    assert {code: missing for code, missing in refused.items() if missing} == {}
