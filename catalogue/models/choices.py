"""Controlled vocabularies. Each is backed by a CheckConstraint on the models that use it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """ISAD(G) levels of description."""

    FONDS = "fonds", _("fonds")
    SUBFONDS = "subfonds", _("sub-fonds")
    SERIES = "series", _("series")
    SUBSERIES = "subseries", _("sub-series")
    FILE = "file", _("file")
    ITEM = "item", _("item")


class RecordKind(models.TextChoices):
    SPEECH = "speech", _("speech")
    REPORT = "report", _("report")
    LETTER = "letter", _("letter")
    RESOLUTION = "resolution", _("resolution")
    LIST = "list", _("list")
    PHOTOGRAPH = "photograph", _("photograph")
    PUBLICATION = "publication", _("publication")
    MINUTES = "minutes", _("minutes")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class PersonRole(models.TextChoices):
    AUTHOR = "author", _("author")
    SPEAKER = "speaker", _("speaker")
    ADDRESSEE = "addressee", _("addressee")
    SUBJECT = "subject", _("subject")
    MENTIONED = "mentioned", _("mentioned")
    OTHER = "other", _("other part (see the note)")


class OrganizationRole(models.TextChoices):
    ISSUER = "issuer", _("issuing body")
    AUTHOR = "author", _("author")
    ADDRESSEE = "addressee", _("addressee")
    PUBLISHER = "publisher", _("publisher")
    SUBJECT = "subject", _("subject")
    MENTIONED = "mentioned", _("mentioned")


class RelationType(models.TextChoices):
    VERSION_OF = "version_of", _("version of")
    TRANSLATION_OF = "translation_of", _("translation of")
    COPY_OF = "copy_of", _("copy of")
    RESPONDS_TO = "responds_to", _("responds to")
    REFERS_TO = "refers_to", _("refers to")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("member")
    CANDIDATE = "candidate", _("candidate member")
    FIRST_SECRETARY = "first_secretary", _("First Secretary")
    SECRETARY = "secretary", _("secretary")
    CHAIR = "chair", _("chair")


class Certainty(models.TextChoices):
    STATED = "stated", _("stated by a source")
    INFERRED = "inferred", _("inferred")


class SourceKind(models.TextChoices):
    """What a source is: a publication or page one can read, or the compilers' own remark."""

    PUBLISHED = "published", _("published source")
    COMPILERS_NOTE = "compilers_note", _("compilers' note")


class OrganizationKind(models.TextChoices):
    PARTY = "party", _("party")
    COMMITTEE = "committee", _("committee")
    BUREAU = "bureau", _("bureau")
    SECRETARIAT = "secretariat", _("secretariat")
    COMMISSION = "commission", _("commission")
    STATE = "state", _("state body")
    PRESS = "press", _("press or publisher")
    OTHER = "other", _("other")


class EventKind(models.TextChoices):
    CONGRESS = "congress", _("congress")
    SESSION = "session", _("session")
    PLENUM = "plenum", _("plenum")
    MEETING = "meeting", _("meeting")
    PUBLICATION = "publication", _("publication")
    DEMONSTRATION = "demonstration", _("demonstration")
    DEATH = "death", _("death")
    OTHER = "other", _("other")


class NameKind(models.TextChoices):
    TRANSLITERATION = "transliteration", _("transliteration")
    NATIVE = "native", _("native script")
    BIRTH = "birth", _("birth name")
    PRE_REFORM = "pre_reform", _("pre-reform spelling")
    DIACRITIC = "diacritic", _("spelling with diacritics")
    TRANSLATION = "translation", _("other language")
    OTHER = "other", _("other")


def choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    """A CheckConstraint that keeps ``field`` within ``choices`` in the database."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)
