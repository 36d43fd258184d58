"""Uploads in an S3-compatible bucket, through django-storages, against moto's S3 API.

No S3 service is reachable from the test machines; moto answers S3's API in the process.
"""

import io
from urllib.parse import urlsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from moto import mock_aws
from PIL import Image as PillowImage

from archive.settings import media_origins, media_storage

BUCKET = "catalogue-media"


def _png() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (400, 300), (120, 90, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def bucket(settings, monkeypatch):
    """The bucket, and the settings CATALOGUE_S3_BUCKET and CATALOGUE_S3_REGION make."""
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


def _image_sources(policy: str) -> list[str]:
    """The sources a page's Content-Security-Policy allows images from."""
    (sources,) = [part.split()[1:] for part in policy.split(";") if part.split()[:1] == ["img-src"]]
    return sources


def test_an_upload_is_kept_in_the_bucket_byte_for_byte(bucket):
    original = _png()

    name = default_storage.save("images/page.png", ContentFile(original))

    stored = bucket.get_object(Bucket=BUCKET, Key=name)["Body"].read()
    assert stored == original
    assert default_storage.open(name).read() == original


def test_an_upload_is_linked_through_a_signed_address_that_pages_allow_images_from(
    bucket, client, db
):
    name = default_storage.save("images/page.png", ContentFile(_png()))

    address = urlsplit(default_storage.url(name))
    policy = client.get("/en/")["Content-Security-Policy"]

    assert (address.netloc, address.path) == (f"{BUCKET}.s3.amazonaws.com", f"/{name}")
    assert "X-Amz-Signature=" in address.query and "X-Amz-Expires=3600" in address.query
    assert f"{address.scheme}://{address.netloc}" in _image_sources(policy)
