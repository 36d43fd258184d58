"""A record's images on the public pages: the viewer's markup and the plain image under it,
and a thumbnail beside each record in lists; constant queries whatever their number."""

import pytest

from catalogue import models
from tests import factories

from .conftest import add_image
from .helpers import page

VIEWER_SCRIPT = "/static/catalogue/vendor/openseadragon/openseadragon.min.js"


def scanned_record(n: int) -> models.Record:
    """A published record with ``n`` page images and ``n`` copies of one image each."""
    record = factories.record(reference_code="SCANNED", title_en="Scanned report")
    for index in range(n):
        add_image(record=record, alt=f"Page {index + 1}")
        copy = models.Copy.objects.create(
            record=record, key=f"copy-{index}", label_en=f"Copy {index + 1}"
        )
        add_image(copy=copy, alt=f"Page 1 of copy {index + 1}")
    return record


@pytest.mark.parametrize("n", [1, 3])
def test_record_page_with_images_costs_the_same_queries(client, db, django_assert_num_queries, n):
    record = scanned_record(n)

    # The record page reads its public history too (one query).
    with django_assert_num_queries(13):
        body = page(client, f"/en/records/{record.reference_code}/")

    assert body.count('class="gallery__link"') == 2 * n
    assert body.count(f'data-group="Copy {n}"') == 1
    assert f'data-info="{record.images.first().service_path}/info.json"' in body


def test_record_page_shows_the_display_image_for_readers_without_javascript(client, db):
    record = scanned_record(1)
    image = record.images.get()
    add_image(record=record, alt="Page 2")

    body = page(client, f"/en/records/{record.reference_code}/")

    width, height = image.display_size
    assert (
        f'<img class="viewer__image" src="{image.display_url}" alt="Page 1" '
        f'width="{width}" height="{height}">' in body
    )
    assert body.count('class="viewer__image"') == 1
    # The viewer's buttons wait, hidden, for the script that makes them work.
    assert 'class="viewer__controls" role="group" aria-label="Image viewer" hidden>' in body
    assert f'<script src="{VIEWER_SCRIPT}" defer></script>' in body


def test_record_page_with_only_a_copys_image_has_the_viewer(client, db):
    record = factories.record(reference_code="COPIED")
    copy = models.Copy.objects.create(record=record, key="delegate", label_en="Delegate's copy")
    image = add_image(copy=copy, alt="The delegate's copy")

    body = page(client, f"/en/records/{record.reference_code}/")

    assert f'<img class="viewer__image" src="{image.display_url}"' in body
    assert 'data-group="Delegate&#x27;s copy"' in body


def test_record_page_without_images_loads_no_viewer(client, db):
    record = factories.record(reference_code="PLAIN")
    add_image(record=record, alt="Never tiled", tiles=False)

    body = page(client, f"/en/records/{record.reference_code}/")

    assert 'id="images-heading"' not in body
    assert VIEWER_SCRIPT not in body and "viewer.js" not in body


def test_record_page_in_russian_names_the_buttons_in_russian(client, db):
    record = scanned_record(1)

    body = page(client, f"/ru/records/{record.reference_code}/")

    assert ">Увеличить</button>" in body and ">Следующее изображение</button>" in body
    assert 'data-page-format="Изображение {page} из {total}"' in body


@pytest.mark.parametrize("rows", [1, 3])
def test_record_list_shows_a_thumbnail_beside_each_record(
    client, db, django_assert_num_queries, rows
):
    collection = factories.collection(slug="fonds")
    images = []
    for index in range(rows):
        record = factories.record(collection=collection, title_en=f"Report {index}")
        images.append(add_image(record=record, alt=f"First page of report {index}"))
        add_image(record=record, alt="Second page")
        copy = models.Copy.objects.create(record=record, key="copy", label_en="A copy")
        add_image(copy=copy, alt="The copy's page")
    only_copy = factories.record(collection=collection, title_en="Known by its copy")
    copy = models.Copy.objects.create(record=only_copy, key="copy", label_en="A copy")
    images.append(add_image(copy=copy, alt="The copy's page"))
    factories.record(collection=collection, title_en="Without an image")

    # The change marker, the counts table, the collection facet's labels, the page, and the
    # thumbnails: the records' first images, their copies, the copies' first images.
    with django_assert_num_queries(7):
        body = page(client, "/en/records/")

    thumbnails = [
        f'<img class="record-thumbnail" src="{image.thumbnail_url}" alt=""' for image in images
    ]
    assert all(thumbnail in body for thumbnail in thumbnails)
    assert body.count('class="record-thumbnail"') == rows + 1


def test_home_shows_thumbnails_of_recent_records(client, db):
    record = factories.record(title_en="Scanned report")
    image = add_image(record=record)

    body = page(client, "/en/")

    assert f'<img class="record-thumbnail" src="{image.thumbnail_url}" alt=""' in body


def test_pages_listing_records_show_their_thumbnails(client, db):
    person = factories.person(slug="reader")
    subject = factories.subject(slug="theme")
    event = factories.event(slug="congress", date="1956-02")
    record = factories.record(reference_code="SCANNED", title_en="Scanned report")
    record.subjects.add(subject)
    record.events.add(event)
    models.RecordPerson.objects.create(record=record, person=person, role=models.PersonRole.AUTHOR)
    copy = models.Copy.objects.create(record=record, key="copy", label_en="A copy")
    image = add_image(copy=copy, alt="The copy's page")
    thumbnail = f'<img class="record-thumbnail" src="{image.thumbnail_url}" alt=""'

    pages = [
        "/en/people/reader/",
        "/en/subjects/theme/",
        "/en/events/congress/",
        f"/en/collections/{record.collection.slug}/",
        "/en/search/?q=scanned",
    ]

    assert [thumbnail in page(client, url) for url in pages] == [True] * len(pages)
