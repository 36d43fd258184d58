"""What a shared or printed page carries: its description, cards, addresses and citation."""

import re
from pathlib import Path
from types import SimpleNamespace

from django.contrib.staticfiles import finders

from catalogue import models
from catalogue.templatetags.catalogue_tags import share_image

from .helpers import page


def meta(body: str, attribute: str, name: str) -> str:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', body)
    return match[1] if match else ""


def test_record_page_describes_itself_from_its_own_text(client, catalogue):
    text = "The report read at the closed session of the Congress on 25 February 1956. " * 4
    models.Record.objects.filter(reference_code="C20-SPEECH").update(description_en=text)
    body = page(client, "/en/records/C20-SPEECH/")

    description = meta(body, "name", "description")
    # On one line, cut at a word before 200 characters.
    assert description.startswith("The report read at the closed session of the Congress on 25")
    assert len(description) <= 200 and description.endswith("…")
    assert meta(body, "property", "og:title") == "On the Cult of Personality and Its Consequences"
    assert meta(body, "property", "og:description") == description
    assert meta(body, "property", "og:type") == "article"


def test_record_without_a_description_is_described_by_its_title(client, catalogue):
    body = page(client, "/en/records/C20-SPEECH/")

    assert meta(body, "name", "description") == "On the Cult of Personality and Its Consequences"


def test_share_card_offers_a_screen_size_image_never_an_original(rf):
    request = rf.get("/en/records/C20-SPEECH/")
    context = {"request": request}
    tiled = SimpleNamespace(tiled=True, display_url="/iiif/abc/full/1200,/0/default.jpg")
    untiled = SimpleNamespace(tiled=False, display_url="/iiif/def/full/1200,/0/default.jpg")
    derivative = SimpleNamespace(display=SimpleNamespace(url="/media/display/page.jpg"))
    original_only = SimpleNamespace(display=None, file=SimpleNamespace(url="/media/page.png"))

    assert share_image(context, [untiled, tiled]) == (
        "http://testserver/iiif/abc/full/1200,/0/default.jpg"
    )
    assert share_image(context, [original_only, derivative]) == (
        "http://testserver/media/display/page.jpg"
    )
    assert share_image(context, [original_only, untiled]) == ""


def test_record_without_an_image_has_a_summary_card(client, catalogue):
    record = models.Record.objects.published().filter(images__isnull=True).first()
    body = page(client, record.get_absolute_url())

    assert meta(body, "property", "og:image") == ""
    assert meta(body, "name", "twitter:card") == "summary"


def test_every_page_names_its_canonical_address_and_its_other_language(client, catalogue):
    body = page(client, "/ru/people/khrushchev/?unused=1")
    server = "http://testserver"

    assert f'<link rel="canonical" href="{server}/ru/people/khrushchev/">' in body
    for code in ("en", "ru"):
        address = f"{server}/{code}/people/khrushchev/"
        alternate = f'<link rel="alternate" hreflang="{code}" href="{address}">'
        assert alternate in body
    assert f'hreflang="x-default" href="{server}/en/people/khrushchev/"' in body
    assert meta(body, "property", "og:locale") == "ru_RU"
    assert meta(body, "name", "description").startswith("Документы, люди")


def test_copy_citation_button_waits_for_its_script_and_the_text_stays(client, catalogue):
    body = page(client, "/en/records/C20-SPEECH/")

    assert '<script src="/static/catalogue/copy-citation.js" defer></script>' in body
    assert '<div class="citation-copy" hidden><button type="button"' in body
    assert '<p class="citation" id="citation-chicago">' in body
    # Nothing inline: every script is a file or the JSON-LD data block.
    scripts = re.findall(r"<script([^>]*)>", body)
    assert all("src=" in attributes or "ld+json" in attributes for attributes in scripts)
    assert " style=" not in body


def test_copy_citation_script_fonts_and_licence_ship_with_the_static_files():
    script = Path(finders.find("catalogue/copy-citation.js")).read_text()
    font = Path(finders.find("catalogue/fonts/pt-serif-cyrillic-400-normal.woff2")).read_bytes()
    licence = Path(finders.find("catalogue/fonts/OFL-PT-Serif.txt")).read_text()

    assert "navigator.clipboard.writeText" in script
    assert font[:4] == b"wOF2"
    assert "SIL Open Font License, Version 1.1" in licence


def test_printed_record_keeps_its_sources_for_the_notes(client, catalogue):
    body = page(client, "/en/records/C20-SPEECH/")

    assert '<section class="sources-notes" aria-labelledby="sources-heading">' in body
    assert '<p class="print-address">http://testserver/en/records/C20-SPEECH/</p>' in body
