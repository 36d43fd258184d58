"""Uploads in an S3-compatible bucket, through django-storages, against moto's S3 API.

No S3 service is reachable from the test machines; moto answers S3's API in the process.
"""

import html
import io
import re
from urllib.parse import urlsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from moto import mock_aws
from PIL import Image as PillowImage

from archive.settings import media_origins, media_storage
from catalogue import models
from catalogue.images import service
from tests import factories

BUCKET = "catalogue-media"


def _png() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (400, 300), (120, 90, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def bucket(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "EXAMPLEKEYID")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "example-secret-key")
    monkeypatch.setenv("CATALOGUE_S3_REGION", "eu-central-1")
    with mock_aws():
        client = boto3.client("s3", region_name="eu-central-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        settings.STORAGES = {**settings.STORAGES, "default": media_storage(BUCKET)}
        policy = settings.CONTENT_SECURITY_POLICY
        settings.CONTENT_SECURITY_POLICY = {
            **policy,
            "DIRECTIVES": {
                **policy["DIRECTIVES"],
                "img-src": [*policy["DIRECTIVES"]["img-src"], *media_origins(BUCKET)],
            },
        }
        yield client


def test_an_image_and_its_derivatives_are_stored_in_the_bucket_and_linked_signed(
    db, bucket, client
):
    record = factories.record(
        reference_code="C20-SPEECH",
        kind=models.RecordKind.SPEECH,
        title_en="On the Cult of Personality and Its Consequences",
        date="1956-02-25",
    )
    original = _png()
    image = models.Image(record=record, alt_text_en="The first page")
    image.file.save("page.png", ContentFile(original), save=False)
    image.save()
    service.process(image)

    stored = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    response = client.get("/en/records/C20-SPEECH/")
    addresses = re.findall(r'<img[^>]* src="([^"]+)"', response.content.decode())
    allowed = _image_sources(response["Content-Security-Policy"])

    assert stored == {image.file.name, image.thumbnail.name, image.display.name}
    assert bucket.get_object(Bucket=BUCKET, Key=image.file.name)["Body"].read() == original
    assert addresses, "the record page shows no image"
    for address in addresses:
        parts = urlsplit(html.unescape(address))
        assert (parts.path.lstrip("/"), parts.netloc) == (
            image.thumbnail.name,
            f"{BUCKET}.s3.amazonaws.com",
        )
        assert "X-Amz-Signature=" in parts.query
        assert f"{parts.scheme}://{parts.netloc}" in allowed


def _image_sources(policy: str) -> list[str]:
    """The sources the page's Content-Security-Policy allows images from."""
    (directive,) = [
        part.split()[1:] for part in policy.split(";") if part.split()[:1] == ["img-src"]
    ]
    return directive
