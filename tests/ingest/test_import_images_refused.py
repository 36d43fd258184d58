"""import_images refuses a folder with one bad row or file whole, naming each row, file and
reason; nothing of it is stored, in the database or in either root."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from PIL import Image as Pillow

from catalogue.models import Copy, Image

from .conftest import HEADER, picture, row, run, stored, write_folder

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect/></svg>"
)


def truncated_jpeg() -> bytes:
    whole = picture((800, 600))
    return whole[: len(whole) // 2]


def bomb() -> bytes:
    buffer = io.BytesIO()
    Pillow.new("1", (10000, 10000), 1).save(buffer, "PNG")
    return buffer.getvalue()


def refusal(scans) -> str:
    """What the command says when it refuses the folder (and that it did refuse it)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_images", str(scans), stdout=out, stderr=err)
    assert "no image was imported" in str(caught.value)
    return err.getvalue()


HOSTILE_FILES = [
    ("text.jpg", lambda: b"Minutes of the session, typed.\n" * 20, "This is not an image"),
    ("half.jpg", truncated_jpeg, "The image is damaged or incomplete"),
    ("drawing.svg", lambda: SVG_WITH_SCRIPT, "This is not an image"),
    ("bomb.png", bomb, "The image has too many pixels"),
    ("large.png", lambda: picture((600, 600), "PNG") + b"\0" * 1024 * 1024, "The file is 1."),
]


@pytest.mark.parametrize(
    "name, make_data, reason",
    HOSTILE_FILES,
    ids=["text-renamed-jpg", "truncated-jpeg", "svg-with-script", "bomb", "oversize"],
)
def test_import_images_refuses_folder_with_one_hostile_file(
    media, scans, report, settings, name, make_data, reason
):
    settings.CATALOGUE_IMAGE_MAX_BYTES = 1024 * 1024
    write_folder(
        scans,
        [row("good.jpg", "INGEST-1"), row(name, "INGEST-1")],
        {"good.jpg": picture(), name: make_data()},
    )

    said = refusal(scans)

    assert said.startswith(f"images.csv row 3 ({name}): file: {reason}")
    assert "row 2" not in said
    assert Image.objects.count() == 0
    assert stored(media) == []


@pytest.mark.parametrize(
    "bad, reason",
    [
        (row("good2.jpg", "NO-SUCH-1"), "record: there is no record “NO-SUCH-1”."),
        (row("good2.jpg", "INGEST-1", copy="nowhere"), "copy: record INGEST-1 has no copy"),
        (row("good2.jpg", "INGEST-1", alt_en=""), "alt_en: the column is empty"),
        (row("good2.jpg", "INGEST-1", rights="All rights reserved"), "rights: All rights"),
        (row("../x.jpg", "INGEST-1"), "file: the path leaves the folder (..)"),
        (row("/etc/hostname", "INGEST-1"), "file: an absolute path"),
        (row("missing.jpg", "INGEST-1"), "file: there is no such file in the folder."),
        (
            row("good.jpg", "INGEST-1"),
            "repeats row 2: the same image (an identical file) for the same record",
        ),
        (row("good2.jpg", "INGEST-1", caption_en="A\x00B"), "caption_en: the value holds"),
    ],
    ids=[
        "unknown-record",
        "unknown-copy",
        "missing-alt",
        "bad-rights",
        "path-traversal",
        "absolute-path",
        "missing-file",
        "duplicate-row",
        "nul-character",
    ],
)
def test_import_images_refuses_folder_with_one_bad_row(media, scans, report, bad, reason):
    Copy.objects.create(record=report, key="delegates", label="A delegate's copy")
    (scans.parent / "x.jpg").write_bytes(picture())
    write_folder(
        scans,
        [row("good.jpg", "INGEST-1"), bad],
        {"good.jpg": picture(), "good2.jpg": picture(colour=(9, 9, 9))},
    )

    said = refusal(scans)

    assert said.startswith(f"images.csv row 3 ({bad['file']}): {reason}")
    assert Image.objects.count() == 0
    assert stored(media) == []


def test_import_images_refuses_link_to_a_file_outside_the_folder(media, scans, report):
    (scans.parent / "elsewhere.jpg").write_bytes(picture())
    (scans / "linked.jpg").symlink_to(scans.parent / "elsewhere.jpg")
    write_folder(scans, [row("linked.jpg", "INGEST-1")], {})

    said = refusal(scans)

    assert "row 2 (linked.jpg): file: a link to a file outside the folder" in said
    assert Image.objects.count() == 0


def test_import_images_names_every_bad_row(media, scans, report):
    write_folder(
        scans,
        [row("missing.jpg", "INGEST-1"), row("good.jpg", "NOPE"), row("good.jpg", "INGEST-1")],
        {"good.jpg": picture()},
    )

    said = refusal(scans).splitlines()

    assert said == [
        "images.csv row 2 (missing.jpg): file: there is no such file in the folder.",
        "images.csv row 3 (good.jpg): record: there is no record “NOPE”.",
    ]


def test_import_images_refuses_listing_not_in_utf8(media, scans, report):
    (scans / "good.jpg").write_bytes(picture())
    text = ",".join(HEADER) + "\ngood.jpg,INGEST-1,,Страница,,,,,\n"
    (scans / "images.csv").write_bytes(text.encode("cp1251"))

    said = refusal(scans)

    assert said.startswith("images.csv is not UTF-8")
    assert Image.objects.count() == 0


def test_import_images_reads_listing_with_byte_order_mark(media, scans, report):
    (scans / "good.jpg").write_bytes(picture())
    text = ",".join(HEADER) + "\ngood.jpg,INGEST-1,,A page,,,,,\n"
    (scans / "images.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    out, _err = run(scans)

    assert "1 images added" in out


def test_import_images_refuses_listing_without_a_required_column(media, scans, report):
    header = [name for name in HEADER if name != "alt_en"]
    listed = [{"file": "good.jpg", "record": "INGEST-1"}]
    write_folder(scans, listed, {"good.jpg": picture()}, header)

    assert refusal(scans).startswith("images.csv lacks the column(s) alt_en.")


def test_import_images_refuses_listing_with_unknown_column(media, scans, report):
    listed = [row("good.jpg", "INGEST-1", shelf="A1")]
    write_folder(scans, listed, {"good.jpg": picture()}, [*HEADER, "shelf"])

    assert "images.csv has column(s) the import does not know: shelf" in refusal(scans)


def test_import_images_refuses_unreadable_csv(media, scans, report):
    (scans / "images.csv").write_text('file,record,alt_en\n"good.jpg,INGEST-1,A page\n')

    assert "not a readable CSV file" in refusal(scans)


def test_import_images_refuses_folder_without_listing(media, scans):
    assert refusal(scans).startswith(f"{scans} has no images.csv")


def test_import_images_names_every_reason_of_a_row(media, scans, report):
    write_folder(scans, [row("../x.jpg", "NOPE", alt_en="", rights="nope")], {})

    said = refusal(scans).splitlines()

    assert [line.split(": ", 2)[1] for line in said] == ["file", "record", "rights", "alt_en"]


def test_import_images_refusal_in_russian(media, scans, report):
    write_folder(scans, [row("good.jpg", "NOPE")], {"good.jpg": picture()})

    with translation.override("ru"):
        said = refusal(scans)

    assert said == "images.csv, строка 2 (good.jpg): record: записи «NOPE» нет.\n"
