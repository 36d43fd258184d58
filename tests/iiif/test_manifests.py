"""A published record's IIIF manifest: schema-valid, bilingual, and every image service it
names answering with its info.json."""

import io

import pytest
from PIL import Image as Pillow

from catalogue import models

from .conftest import add_image, schema_errors
from .helpers import body, canvases, fetch, metadata, path, repeated_ids

SPEECH = "/iiif/C20-SPEECH/manifest.json"


def test_manifest_is_valid_iiif_presentation_3(client, catalogue, presentation_schema):
    add_image(record=catalogue.speech, alt="The second page", size=(1200, 900))
    copy = models.Copy.objects.create(
        record=catalogue.speech, key="typescript", label_en="Typescript"
    )
    add_image(copy=copy, alt="A typescript page")

    manifest = fetch(client, SPEECH)

    assert schema_errors(presentation_schema, manifest) == []
    assert repeated_ids(manifest) == []
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["type"] == "Manifest"
    assert manifest["id"] == "http://testserver" + SPEECH


def test_manifest_speaks_english_and_russian(client, catalogue):
    manifest = fetch(client, SPEECH)

    assert manifest["label"] == {
        "en": ["On the Cult of Personality and Its Consequences"],
        "ru": ["О культе личности и его последствиях"],
    }
    english, russian = metadata(manifest, "en"), metadata(manifest, "ru")
    assert english["Reference code"] == russian["Шифр"] == ["C20-SPEECH"]
    assert english["Kind"] == ["Speech"] and russian["Вид"] == ["Речь"]
    assert english["Date"] == ["25 February 1956"] and russian["Дата"] == ["25 февраля 1956"]
    assert english["People"] == ["Nikita Khrushchev (speaker)", "Joseph Stalin (subject)"]
    assert russian["Люди"] == ["Никита Хрущёв (докладчик)", "Иосиф Сталин (тема)"]
    assert english["Subjects"] == ["cult of personality"] and russian["Темы"] == ["культ личности"]
    assert english["Extent"] == ["unknown"] and russian["Объём"] == ["неизвестно"]


def test_manifest_leaves_out_a_russian_value_the_record_does_not_hold(client, catalogue):
    add_image(record=catalogue.letter)
    models.Record.objects.filter(pk=catalogue.letter.pk).update(
        description_en="Lenin's letter, dictated in December 1922."
    )

    manifest = fetch(client, "/iiif/C20-LETTER/manifest.json")

    assert manifest["label"] == {"en": ["Letter to the Congress"]}
    assert manifest["summary"] == {"en": ["Lenin's letter, dictated in December 1922."]}


def test_manifest_links_the_record_page_and_its_json(client, catalogue):
    manifest = fetch(client, SPEECH)

    pages = {page["language"][0]: page["id"] for page in manifest["homepage"]}
    assert pages == {
        "en": "http://testserver/en/records/C20-SPEECH/",
        "ru": "http://testserver/ru/records/C20-SPEECH/",
    }
    (json_description,) = manifest["seeAlso"]
    assert json_description["type"] == "Dataset"
    assert json_description["format"] == "application/json"
    response = client.get(path(json_description["id"]))
    assert response.json()["reference_code"] == "C20-SPEECH"


def test_manifest_has_one_canvas_per_image_at_its_size(client, catalogue):
    add_image(record=catalogue.speech, alt="The second page", size=(3000, 2000))

    manifest = fetch(client, SPEECH)

    sizes = [(canvas["width"], canvas["height"]) for canvas in canvases(manifest)]
    assert sizes == [(40, 30), (3000, 2000)]
    labels = [canvas["label"]["en"] for canvas in canvases(manifest)]
    assert labels == [["A page of the document"], ["The second page"]]
    second = body(canvases(manifest)[1])
    assert (second["type"], second["format"]) == ("Image", "image/jpeg")
    assert (second["width"], second["height"]) == (1500, 1000)


def test_every_image_service_answers_its_info_json(client, settings, catalogue):
    settings.SERVE_MEDIA = True
    add_image(record=catalogue.speech, alt="The second page", size=(3000, 2000))
    manifest = fetch(client, SPEECH)

    for canvas in canvases(manifest):
        image = body(canvas)
        (service,) = image["service"]
        assert (service["type"], service["profile"]) == ("ImageService3", "level0")
        info = client.get(path(service["id"]) + "/info.json").json()
        assert info["id"] == service["id"]
        assert (info["width"], info["height"]) == (canvas["width"], canvas["height"])
        picture = b"".join(client.get(path(image["id"])).streaming_content)
        assert Pillow.open(io.BytesIO(picture)).size == (image["width"], image["height"])


def test_manifest_thumbnail_is_the_first_image_small(client, catalogue):
    add_image(record=catalogue.speech, alt="The second page", size=(3000, 2000))
    models.Image.objects.filter(record=catalogue.speech, width=40).update(position=5)

    (thumbnail,) = fetch(client, SPEECH)["thumbnail"]

    assert (thumbnail["width"], thumbnail["height"]) == (375, 250)
    assert thumbnail["service"][0]["type"] == "ImageService3"


def test_manifest_groups_each_copys_images_in_a_range(client, catalogue):
    delegate = models.Copy.objects.get(record=catalogue.letter)
    archive = models.Copy.objects.create(
        record=catalogue.letter,
        key="archive-copy",
        label_en="Archive copy",
        label_ru="Архивный экземпляр",
    )
    own = add_image(record=catalogue.letter, alt="The record's own page")
    first = add_image(copy=delegate, alt="Delegate copy, page 1")
    second = add_image(copy=delegate, alt="Delegate copy, page 2")
    kept = add_image(copy=archive, alt="Archive copy, page 1")

    manifest = fetch(client, "/iiif/C20-LETTER/manifest.json")

    canvas_ids = [canvas["id"].rsplit("/", 1)[1] for canvas in canvases(manifest)]
    assert canvas_ids == [own.key, kept.key, first.key, second.key]
    ranges = {
        str(item["label"]): [canvas["id"].rsplit("/", 1)[1] for canvas in item["items"]]
        for item in manifest["structures"]
    }
    assert ranges == {
        str({"en": ["Archive copy"], "ru": ["Архивный экземпляр"]}): [kept.key],
        str({"en": ["Copy handed to a delegate"]}): [first.key, second.key],
    }


def test_manifest_of_a_record_without_copies_has_no_ranges(client, catalogue):
    assert "structures" not in fetch(client, SPEECH)


def test_manifest_gives_rights_when_every_image_shares_them(client, catalogue):
    second = add_image(record=catalogue.speech, alt="The second page")
    models.Image.objects.filter(record=catalogue.speech).update(
        rights="https://rightsstatements.org/vocab/InC/1.0/",
        credit_en="Russian State Archive",
        credit_ru="Российский государственный архив",
    )

    manifest = fetch(client, SPEECH)

    assert manifest["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert manifest["requiredStatement"] == {
        "label": {"en": ["Attribution"], "ru": ["Атрибуция"]},
        "value": {"en": ["Russian State Archive"], "ru": ["Российский государственный архив"]},
    }
    assert [canvas["rights"] for canvas in canvases(manifest)] == [
        "http://rightsstatements.org/vocab/InC/1.0/"
    ] * 2
    assert second.key in canvases(manifest)[1]["id"]


def test_manifest_leaves_rights_to_the_canvases_when_images_differ(client, catalogue):
    add_image(record=catalogue.speech, alt="The second page")
    first, second = models.Image.objects.filter(record=catalogue.speech)
    first.rights, first.credit_en = "http://creativecommons.org/publicdomain/mark/1.0/", "Archive A"
    first.save()
    second.credit_en = "Archive B"
    second.save()

    manifest = fetch(client, SPEECH)

    assert "rights" not in manifest
    assert manifest["requiredStatement"]["value"] == {"en": ["Archive A", "Archive B"]}
    assert canvases(manifest)[0]["rights"] == "http://creativecommons.org/publicdomain/mark/1.0/"
    assert "rights" not in canvases(manifest)[1]


def test_manifest_leaves_out_an_image_whose_tiles_were_never_made(client, catalogue):
    untiled = add_image(record=catalogue.speech, alt="Not yet tiled", tiles=False)

    manifest = fetch(client, SPEECH)

    assert len(canvases(manifest)) == 1
    assert untiled.key not in str(manifest)


def _record_with_images(count: int, on_copies: bool) -> models.Record:
    record = models.Record.objects.get(reference_code="C20-LETTER")
    copy = models.Copy.objects.get(record=record)
    for index in range(count):
        add_image(
            record=None if on_copies else record,
            copy=copy if on_copies else None,
            alt=f"Page {index}",
        )
    return record


@pytest.mark.parametrize("on_copies", [False, True])
@pytest.mark.parametrize("count", [1, 3])
def test_manifest_query_count_does_not_grow_with_images(
    client, catalogue, django_assert_num_queries, count, on_copies
):
    _record_with_images(count, on_copies)

    # The record, its images, copies, copies' images, languages, subjects, people, bodies.
    with django_assert_num_queries(8):
        manifest = fetch(client, "/iiif/C20-LETTER/manifest.json")

    assert len(canvases(manifest)) == count


def test_manifest_gives_the_original_title_in_its_language(client, catalogue):
    models.Record.objects.filter(pk=catalogue.speech.pk).update(
        original_title="О культе личности и его последствиях", original_language=catalogue.russian
    )

    manifest = fetch(client, SPEECH)

    (entry,) = [
        e for e in manifest["metadata"] if e["label"]["en"] == ["Title in the original language"]
    ]
    assert entry == {
        "label": {"en": ["Title in the original language"], "ru": ["Название на языке оригинала"]},
        "value": {"ru": ["О культе личности и его последствиях"]},
    }
