"""A record page with images points to its IIIF manifest, in its head, its text and its JSON-LD."""

import html
import json
import re

from catalogue import models
from tests.public.helpers import page

from .conftest import PROFILE, add_image


def json_ld(body: str) -> dict:
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1]
    return json.loads(raw)


def test_record_page_links_its_manifest_in_head_and_text(client, catalogue):
    body = page(client, "/en/records/C20-SPEECH/")

    head = body.split("</head>", 1)[0]
    assert (
        f'<link rel="alternate" type="{html.escape(PROFILE)}" '
        'href="/iiif/C20-SPEECH/manifest.json" title="IIIF manifest">'
    ) in head
    assert re.search(r'<a href="/iiif/C20-SPEECH/manifest.json"[^>]*>IIIF manifest</a>', body)


def test_record_page_in_russian_names_the_manifest_in_russian(client, catalogue):
    body = page(client, "/ru/records/C20-SPEECH/")

    assert re.search(r'<a href="/iiif/C20-SPEECH/manifest.json"[^>]*>Манифест IIIF</a>', body)


def test_record_page_json_ld_names_its_manifest(client, catalogue):
    data = json_ld(page(client, "/en/records/C20-SPEECH/"))

    assert data["subjectOf"] == [
        {
            "@type": "CreativeWork",
            "@id": "http://testserver/iiif/C20-SPEECH/manifest.json",
            "url": "http://testserver/iiif/C20-SPEECH/manifest.json",
            "name": "IIIF manifest",
            "additionalType": "http://iiif.io/api/presentation/3#Manifest",
            "encodingFormat": PROFILE,
        }
    ]


def test_record_page_with_images_only_on_a_copy_links_its_manifest(client, catalogue):
    add_image(copy=models.Copy.objects.get(record=catalogue.letter))

    body = page(client, "/en/records/C20-LETTER/")

    assert 'href="/iiif/C20-LETTER/manifest.json"' in body


def test_record_page_without_images_names_no_manifest(client, catalogue):
    add_image(record=catalogue.resolution, tiles=False)

    body = page(client, "/en/records/C20-RESOLUTION/")

    assert "/iiif/" not in body and "subjectOf" not in json_ld(body)
