"""A small catalogue for the public pages, from facts in the shared reference data."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PillowImage

from catalogue import models
from catalogue.images import service
from tests import factories

MISSING = "MISSING-TEMPLATE-VARIABLE"


@pytest.fixture(autouse=True)
def loud_templates(settings):
    """A template that reads a missing variable shows a marker the tests look for."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"]}}
    ]
    settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = MISSING + "[%s]"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (120, 90, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def add_image(
    record=None, copy=None, alt="A page of the document", size=(40, 30), tiles=True
) -> models.Image:
    """An image stored as every path stores one: through the image service, which makes its
    tiles and sizes (``tiles=False``: an image whose tiles were never made)."""
    image = models.Image(record=record, copy=copy, alt_text_en=alt)
    image.file.save("page.png", ContentFile(png_bytes(size)), save=False)
    image.save()
    if tiles:
        service.process(image)
    return image


class Catalogue:
    """Named objects of the small catalogue, for the tests to refer to."""


@pytest.fixture
def catalogue(db) -> Catalogue:
    c = Catalogue()
    c.wp_20c = factories.source(
        key="WP-20C",
        title="20th Congress of the Communist Party of the Soviet Union (Wikipedia)",
        url="https://en.wikipedia.org/wiki/20th_Congress_of_the_Communist_Party_of_the_Soviet_Union",
    )
    c.wp_secret = factories.source(
        key="WP-SECRET",
        title="On the Cult of Personality and Its Consequences (Wikipedia)",
        url="https://en.wikipedia.org/wiki/On_the_Cult_of_Personality_and_Its_Consequences",
    )
    c.marxdic = factories.source(
        key="MARXDIC", title="marxdic.com", url="http://www.marxdic.com/article/967"
    )
    c.iudin = factories.source(key="IUDIN", title="Iudin, excerpt")
    c.frus_9 = factories.source(key="FRUS-9", title="Foreign Relations of the United States")
    c.nv_ua = factories.source(key="NV-UA", title="nv.ua")

    c.fonds = factories.collection(
        slug="congress-20", reference_code="C20", title_en="The 20th Congress", title_ru="XX съезд"
    )
    c.series = factories.collection(
        slug="congress-20-documents",
        reference_code="C20.1",
        title_en="Documents",
        title_ru="Документы",
        level=models.Level.SERIES,
        parent=c.fonds,
    )
    c.russian = models.Language.objects.create(code="ru", name_en="Russian", name_ru="русский")
    c.cult = factories.subject(
        slug="cult-of-personality", label_en="cult of personality", label_ru="культ личности"
    )
    c.khrushchev = factories.person(
        slug="khrushchev",
        name_en="Nikita Khrushchev",
        name_ru="Никита Хрущёв",
        native_name="Никита Сергеевич Хрущёв",
        native_language="ru",
        birth_date="1894-04-15",
        death_date="1971-09-11",
        wikidata_id="Q35314",
    )
    c.stalin = factories.person(
        slug="stalin",
        name_en="Joseph Stalin",
        name_ru="Иосиф Сталин",
        birth_date="1878-12-18",
        death_date="1953-03-05",
    )
    c.bulganin = factories.person(
        slug="bulganin", name_en="Nikolai Bulganin", name_ru="Николай Булганин", birth_date="1895"
    )
    c.cpsu = factories.organization(
        slug="cpsu",
        name_en="Communist Party of the Soviet Union",
        name_ru="Коммунистическая партия Советского Союза",
        abbreviation_en="CPSU",
        kind=models.OrganizationKind.PARTY,
    )
    c.cc = factories.organization(
        slug="central-committee-20",
        name_en="Central Committee elected by the 20th Congress",
        name_ru="ЦК КПСС, избранный XX съездом",
        parent=c.cpsu,
    )
    models.OrganizationSeats.objects.create(
        organization=c.cc, role=models.MembershipRole.MEMBER, count=133, source=c.wp_20c
    )
    models.OrganizationSeats.objects.create(
        organization=c.cc, role=models.MembershipRole.CANDIDATE, count=122, source=c.wp_20c
    )
    c.congress = factories.event(
        slug="congress-20",
        name_en="20th Congress of the CPSU",
        name_ru="XX съезд КПСС",
        kind=models.EventKind.CONGRESS,
        date="1956-02-14/1956-02-25",
        place_en="Moscow",
    )
    c.closed_session = factories.event(
        slug="closed-session",
        name_en="Closed session of the 20th Congress",
        kind=models.EventKind.SESSION,
        date="1956-02-25",
        parent=c.congress,
    )
    member = factories.membership(
        person=c.khrushchev,
        organization=c.cc,
        basis_en="First Secretary of the CC",
        start="1956-02-25",
        elected_by=c.congress,
    )
    member.sources.add(c.marxdic)
    inferred = factories.membership(
        person=c.bulganin,
        organization=c.cc,
        certainty=models.Certainty.INFERRED,
        basis_en="Presidium full member elected by the plenum of 27 Feb 1956",
    )
    inferred.sources.add(c.wp_20c)
    _records(c)
    return c


def _records(c: Catalogue) -> None:
    c.speech = factories.record(
        reference_code="C20-SPEECH",
        collection=c.series,
        kind=models.RecordKind.SPEECH,
        title_en="On the Cult of Personality and Its Consequences",
        title_ru="О культе личности и его последствиях",
        date="1956-02-25",
    )
    c.speech.languages.add(c.russian)
    c.speech.subjects.add(c.cult)
    c.speech.events.add(c.closed_session)
    c.speech.sources.add(c.wp_secret)
    models.RecordPerson.objects.create(
        record=c.speech, person=c.khrushchev, role=models.PersonRole.SPEAKER, source=c.wp_secret
    )
    models.RecordPerson.objects.create(
        record=c.speech, person=c.stalin, role=models.PersonRole.SUBJECT
    )
    models.Claim.objects.create(
        slug="speech-time-morning",
        record=c.speech,
        topic_en="time of day",
        statement_en="Morning closed session",
        source=c.iudin,
    )
    models.Claim.objects.create(
        slug="speech-time-frus",
        record=c.speech,
        topic_en="time of day",
        statement_en="Dated February 24–25",
        source=c.frus_9,
    )
    add_image(record=c.speech)

    c.letter = factories.record(
        reference_code="C20-LETTER",
        collection=c.series,
        kind=models.RecordKind.LETTER,
        title_en="Letter to the Congress",
        date="1922-12-23/1923-01-04",
    )
    c.letter.languages.add(c.russian)
    models.Copy.objects.create(
        record=c.letter, key="delegate-copy", label_en="Copy handed to a delegate"
    ).sources.add(c.wp_20c)

    c.resolution = factories.record(
        reference_code="C20-RESOLUTION",
        collection=c.series,
        kind=models.RecordKind.RESOLUTION,
        title_en="On overcoming the cult of personality and its consequences",
        title_ru="О преодолении культа личности и его последствий",
        date="1956-06-30",
    )
    c.resolution.subjects.add(c.cult)
    models.RecordOrganization.objects.create(
        record=c.resolution,
        organization=c.cc,
        role=models.OrganizationRole.ISSUER,
        source=c.nv_ua,
    )
    models.RecordRelation.objects.create(
        subject=c.resolution, object=c.speech, type=models.RelationType.RESPONDS_TO, source=c.nv_ua
    )

    c.draft = factories.record(
        reference_code="C20-DRAFT",
        collection=c.series,
        kind=models.RecordKind.SPEECH,
        title_en="Unpublished working notes on Khrushchev",
        title_ru="Неопубликованные заметки о Хрущёве",
        date="1956-02-25",
        status=models.Status.DRAFT,
    )
    c.draft.subjects.add(c.cult)
    c.draft.languages.add(c.russian)
    c.draft.events.add(c.closed_session)
    models.RecordPerson.objects.create(
        record=c.draft, person=c.khrushchev, role=models.PersonRole.AUTHOR
    )
    models.RecordOrganization.objects.create(
        record=c.draft, organization=c.cc, role=models.OrganizationRole.MENTIONED
    )
    models.RecordRelation.objects.create(
        subject=c.draft, object=c.speech, type=models.RelationType.REFERS_TO
    )
    models.RecordRelation.objects.create(
        subject=c.speech, object=c.draft, type=models.RelationType.VERSION_OF
    )
    add_image(record=c.draft)
