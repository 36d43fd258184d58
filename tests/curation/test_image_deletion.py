"""Every file of an image goes when its image does: deleted alone, in bulk, with its record or
its copy; a deletion that is rolled back keeps them."""

import pytest

from catalogue import history, publishing
from catalogue.models import Copy, Image
from tests.curation.conftest import stored_files
from tests.curation.test_images import draft, expected_pyramid, saved_image


def all_files_of(media, *images) -> list[str]:
    names = []
    for image in images:
        names.append(f"private/{image.file.name}")
        names.extend(f"private/iiif/{image.key}/{name}" for name in expected_pyramid(image))
    return sorted(names)


def test_deleting_an_image_removes_its_files(media, curator, django_capture_on_commit_callbacks):
    image = saved_image(draft())
    kept = saved_image(draft(), "other.jpg")
    assert stored_files(media) == all_files_of(media, image, kept)

    with django_capture_on_commit_callbacks(execute=True):
        history.delete(image, curator)

    assert stored_files(media) == all_files_of(media, kept)


def test_deleting_images_in_bulk_removes_their_files(
    media, curator, django_capture_on_commit_callbacks
):
    record = draft()
    saved_image(record, "one.jpg")
    saved_image(record, "two.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        history.delete_all(Image.objects.filter(record=record), curator)

    assert stored_files(media) == []


def test_deleting_records_removes_their_and_their_copies_images_files(
    media, curator, django_capture_on_commit_callbacks
):
    record = draft()
    saved_image(record)
    saved_image(copy=Copy.objects.create(record=record, key="delegates", label_en="Copies"))
    second = draft()
    saved_image(second, "second.jpg")
    kept = saved_image(draft(), "other.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        publishing.delete_records([record, second], user=curator)

    assert stored_files(media) == all_files_of(media, kept)


def test_rolled_back_deletion_keeps_the_files(media, curator, django_capture_on_commit_callbacks):
    image = saved_image(draft())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), history.revision(curator, "Undone"):
            history.delete(image, curator)
            raise RuntimeError("the deletion is rolled back")

    assert callbacks == []
    assert stored_files(media) == all_files_of(media, image)


def test_deleting_a_copy_removes_its_images_files(
    media, curator, django_capture_on_commit_callbacks
):
    record = draft()
    copy = Copy.objects.create(record=record, key="delegates", label_en="Copies")
    saved_image(copy=copy)
    kept = saved_image(record, "record.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        history.delete(copy, curator)

    assert stored_files(media) == all_files_of(media, kept)
