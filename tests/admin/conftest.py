import io
import itertools

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PillowImage

from catalogue import models
from tests import factories

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def logged_in(user: User) -> Client:
    """A browser of its own, so that tests can act as two users at once."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor) -> Client:
    return logged_in(editor)


@pytest.fixture
def viewer_client(viewer) -> Client:
    return logged_in(viewer)


@pytest.fixture
def staff_client(db) -> Client:
    return logged_in(User.objects.create_user("staff", password="staff-1956", is_staff=True))


def png_upload(name: str = "page.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 3), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def ready_record(**fields) -> models.Record:
    """A draft with every ISAD(G) essential, ready to be published."""
    fields.setdefault("status", models.Status.DRAFT)
    fields.setdefault("date", "1956-02-25")
    fields.setdefault("extent_en", "1 item")
    return factories.record(**fields)


def copy(record: models.Record, **fields) -> models.Copy:
    n = next(_counter)
    fields.setdefault("key", f"copy-{n}")
    fields.setdefault("label_en", f"Test copy {n}")
    return models.Copy.objects.create(record=record, **fields)


def image(**fields) -> models.Image:
    n = next(_counter)
    fields.setdefault("file", png_upload(f"page-{n}.png"))
    fields.setdefault("alt_text_en", f"Test page {n}")
    return models.Image.objects.create(**fields)


def person_name(person: models.Person, **fields) -> models.PersonName:
    n = next(_counter)
    fields.setdefault("name", f"Variant {n}")
    fields.setdefault("kind", models.NameKind.TRANSLITERATION)
    return models.PersonName.objects.create(person=person, **fields)


def claim(**fields) -> models.Claim:
    n = next(_counter)
    fields.setdefault("slug", f"claim-{n}")
    fields.setdefault("topic_en", "venue")
    fields.setdefault("statement_en", f"Test statement {n}")
    if "source" not in fields:
        fields["source"] = factories.source()
    return models.Claim.objects.create(**fields)


def seats(organization: models.Organization, **fields) -> models.OrganizationSeats:
    fields.setdefault("role", models.MembershipRole.MEMBER)
    fields.setdefault("count", 3)
    return models.OrganizationSeats.objects.create(organization=organization, **fields)


def language(**fields) -> models.Language:
    n = next(_counter)
    fields.setdefault("code", "x" + "abcdefghijklmnopqrstuvwxyz"[n % 26] * 2)
    fields.setdefault("name_en", f"Test language {n}")
    return models.Language.objects.get_or_create(code=fields.pop("code"), defaults=fields)[0]
