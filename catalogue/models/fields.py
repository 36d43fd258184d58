"""Model fields shared by the catalogue's models."""

import calendar
import datetime
import functools
import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from PIL import Image as Pillow

from catalogue.images.validation import real_extension

_CALENDAR_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


# The EDTF grammar takes milliseconds a string; plain calendar dates (most of a catalogue)
# are read directly, and every answer is cached because the same dates recur.
@functools.lru_cache(maxsize=65536)
def edtf_bounds(value: str) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the earliest and latest calendar days an EDTF string can mean.

    An open or unknown end (``1956/..``) has no bound and gives ``None``.
    """
    plain = _calendar_bounds(value)
    if plain is not None:
        return plain
    parsed = parse_edtf(value)
    return _as_date(parsed.lower_strict), _as_date(parsed.upper_strict)


def _calendar_bounds(value: str) -> tuple[datetime.date, datetime.date] | None:
    """Bounds of ``1956``, ``1956-02`` or ``1956-02-25``; None for anything else or invalid."""
    match = _CALENDAR_DATE.match(value)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            return datetime.date(year, month, day), datetime.date(year, month, day)
        if month is not None:
            last_day = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last_day)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except ValueError:
        return None  # 1956-02-30, month 13, year 0: the EDTF library gives the verdict


def _as_date(bound) -> datetime.date | None:
    try:
        moment = bound()
        return datetime.date(moment.tm_year, moment.tm_mon, moment.tm_mday)
    except (AttributeError, TypeError, ValueError, OverflowError):
        return None


def validate_edtf(value: str) -> None:
    try:
        earliest, latest = edtf_bounds(value)
    except (EDTFParseException, ValueError, TypeError):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid EDTF date. Write for example 1956-02-25, "
                "1956-02, 1956-02~ (about February 1956) or 1922-12-23/1923-01-04."
            ),
            code="invalid_edtf",
            params={"value": value},
        ) from None
    if earliest and latest and earliest > latest:
        raise ValidationError(
            _("“%(value)s” ends before it begins."),
            code="edtf_reversed",
            params={"value": value},
        )


class EDTFField(models.CharField):
    """An Extended Date/Time Format string that keeps two date columns in step with it.

    ``earliest`` and ``latest`` name the model's DateFields holding the derived bounds, used
    for sorting and range filters. They are set whenever the instance is saved through the ORM
    (declare them after this field) and by ``set_bounds()`` for raw loads such as fixtures.
    An empty value means "unknown" and clears both bounds.
    """

    def __init__(self, *args, earliest: str, latest: str, **kwargs):
        self.earliest = earliest
        self.latest = latest
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_edtf)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["earliest"] = self.earliest
        kwargs["latest"] = self.latest
        if kwargs.get("max_length") == 100:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def set_bounds(self, instance: models.Model, value: str | None = None) -> None:
        if value is None:
            value = getattr(instance, self.attname)
        earliest = latest = None
        if value:
            try:
                earliest, latest = edtf_bounds(value)
            except (EDTFParseException, ValueError, TypeError):
                earliest = latest = None
        setattr(instance, self.earliest, earliest)
        setattr(instance, self.latest, latest)

    def clean(self, value, model_instance):
        value = super().clean(value, model_instance)
        # full_clean() checks the constraints on the bounds before any save derives them.
        if model_instance is not None:
            self.set_bounds(model_instance, value)
        return value

    def pre_save(self, model_instance, add):
        self.set_bounds(model_instance)
        return super().pre_save(model_instance, add)


def set_edtf_bounds(instance: models.Model) -> None:
    """Derive every EDTF field's bounds on ``instance`` (for saves that skip ``pre_save``)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, EDTFField):
            field.set_bounds(instance)


class ModifiedAtField(models.DateTimeField):
    """The time of the last save through the ORM.

    Unlike ``auto_now`` it has a default, so fixtures that omit it still load.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", timezone.now)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = timezone.now()
        setattr(model_instance, self.attname, value)
        return value


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = ModifiedAtField(_("last updated"))

    class Meta:
        abstract = True


class UnguessableImageFile(ImageFieldFile):
    """A stored image named by a random hex and the extension of its real format.

    The uploaded name may say anything (``passport-scan.jpg`` for a PNG) and can be guessed;
    the stored one does neither. Every way a file reaches the field's storage passes here.
    """

    def save(self, name, content, save=True):
        super().save(f"{uuid.uuid4().hex}.{real_extension(content)}", content, save)

    def _get_image_dimensions(self):
        # Django reads the size as soon as a file is assigned, before any validation: a header
        # declaring billions of pixels must not be an error there, validate_image refuses it.
        try:
            return super()._get_image_dimensions()
        except Pillow.DecompressionBombError:
            return (None, None)


class UnguessableImageField(models.ImageField):
    """An ``ImageField`` whose files are stored under unguessable names."""

    attr_class = UnguessableImageFile
