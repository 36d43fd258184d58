"""A draft's images are nowhere public: their tiles and sizes reach the public root when the
record is published and leave it when it is withdrawn; originals never have an address."""

import json

import pytest
from django.test import Client

from catalogue import publishing
from catalogue.images import iiif
from catalogue.models import Copy
from tests.admin.builders import copy as copy_of
from tests.admin.builders import ready_record
from tests.curation.conftest import stored_files
from tests.curation.test_images import picture_bytes, saved_image


@pytest.fixture
def served(settings, media):
    settings.SERVE_MEDIA = True
    return media


def addresses(image) -> list[str]:
    """Every address a published image's files would have."""
    base = iiif.public_path(image.key)
    names = ["info.json"]
    names += [iiif.size_path(size) for size in iiif.sizes(image.width, image.height)]
    names += [tile.path for tile in iiif.tiles(image.width, image.height)]
    return [f"{base}/{name}" for name in names]


def test_draft_image_files_answer_404_at_every_address(served):
    record = ready_record()
    image = saved_image(record, data=picture_bytes((1200, 900)))
    client = Client()

    answers = {address: client.get(address).status_code for address in addresses(image)}

    assert set(answers.values()) == {404}
    assert client.get(f"/media/{image.file.name}").status_code == 404
    assert stored_files(served / "media") == []


def test_publishing_moves_the_files_to_the_public_root_and_withdrawing_back(
    served, curator, django_capture_on_commit_callbacks
):
    record = ready_record()
    image = saved_image(record, data=picture_bytes((1200, 900)))
    on_copy = saved_image(copy=copy_of(record), data=picture_bytes((300, 200)))
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish([record], user=curator)

    for each in (image, on_copy):
        for address in addresses(each):
            response = client.get(address)
            assert response.status_code == 200, address
            assert response["Access-Control-Allow-Origin"] == "*"

    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish([record], user=curator)

    for each in (image, on_copy):
        assert {client.get(address).status_code for address in addresses(each)} == {404}
    assert stored_files(served / "media") == []
    assert Copy.objects.get(record=record).images.get() == on_copy


def test_rolled_back_publication_leaves_the_files_private(
    served, curator, django_capture_on_commit_callbacks
):
    record = ready_record()
    image = saved_image(record)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with publishing.transaction.atomic():
                publishing.publish([record], user=curator)
                raise RuntimeError("rolled back")

    assert callbacks == []
    assert Client().get(addresses(image)[0]).status_code == 404


def test_info_json_names_the_address_it_was_asked_at(
    served, curator, django_capture_on_commit_callbacks
):
    record = ready_record()
    image = saved_image(record, data=picture_bytes((1200, 900)))
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish([record], user=curator)

    stored = served / "media" / "iiif" / image.key / "info.json"
    assert json.loads(stored.read_text())["id"] == f"http://127.0.0.1:8000/media/iiif/{image.key}"

    response = Client().get(f"{iiif.public_path(image.key)}/info.json")

    info = json.loads(response.content)
    assert info["id"] == f"http://testserver/media/iiif/{image.key}"
    assert info["profile"] == "level0"
    assert info["sizes"] == [
        {"width": 300, "height": 225},
        {"width": 600, "height": 450},
        {"width": 1200, "height": 900},
    ]
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}]


def test_media_is_not_served_when_a_web_server_serves_it(settings, media):
    settings.SERVE_MEDIA = False

    assert Client().get("/media/iiif/anything/info.json").status_code == 404
