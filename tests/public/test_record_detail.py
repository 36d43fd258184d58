import datetime
import json
import re

from catalogue import models
from tests import factories

from .conftest import add_image
from .helpers import page


def json_ld(body: str) -> dict:
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1]
    return json.loads(raw)


def test_record_detail_shows_the_title_in_the_visitors_language(client, catalogue):
    english = page(client, "/en/records/C20-SPEECH/")
    russian = page(client, "/ru/records/C20-SPEECH/")

    assert "<h1>On the Cult of Personality and Its Consequences</h1>" in english
    assert "<h1>О культе личности и его последствиях</h1>" in russian


def test_record_detail_marks_fallback_text_with_its_language(client, catalogue):
    body = page(client, "/ru/records/C20-LETTER/")

    assert '<h1><span lang="en">Letter to the Congress</span></h1>' in body


def test_record_detail_shows_people_with_roles_and_sources(client, catalogue):
    body = page(client, "/en/records/C20-SPEECH/")

    assert re.search(r"Nikita Khrushchev</a></td>\s*<td>speaker</td>\s*<td><cite", body)
    assert "[WP-SECRET]" in body
    assert re.search(
        r"Joseph Stalin</a></td>\s*<td>subject</td>\s*<td><span class=\"muted\">"
        r"no source recorded",
        body,
    )


def test_record_detail_shows_organizations_with_certainty(client, catalogue):
    link = models.RecordOrganization.objects.get(record=catalogue.resolution)
    link.certainty = models.Certainty.INFERRED
    link.note_en = "Sources call it a resolution of the CC CPSU"
    link.save()

    body = page(client, "/en/records/C20-RESOLUTION/")

    assert "issuing body" in body
    assert "inferred: Sources call it a resolution of the CC CPSU" in body


def test_record_detail_names_relations_both_ways(client, catalogue):
    speech = page(client, "/en/records/C20-SPEECH/")
    resolution = page(client, "/en/records/C20-RESOLUTION/")

    assert "(C20-RESOLUTION) — responds to this record" in speech
    assert 'Responds to: <a href="/en/records/C20-SPEECH/">' in resolution


def test_record_detail_shows_copies_with_unknown_holder_and_identifier(client, catalogue):
    body = page(client, "/en/records/C20-LETTER/")

    assert "<h3>Copy handed to a delegate</h3>" in body
    assert "<dt>Holder or location</dt><dd>unknown</dd>" in body
    assert "<dt>Identifier</dt><dd>unknown (no source gives one)</dd>" in body


def test_record_detail_links_thumbnail_to_display_size(client, catalogue):
    image = add_image(record=catalogue.letter, alt="The first page", size=(3000, 2000))

    body = page(client, "/en/records/C20-LETTER/")

    base = f"/media/iiif/{image.key}/full"
    assert (
        f'<a class="gallery__link" href="{base}/1500,1000/0/default.jpg" '
        f'data-info="/media/iiif/{image.key}/info.json"><img src="{base}/375,250/0/default.jpg" '
        'alt="The first page" width="375" height="250"' in body
    )


def test_record_detail_leaves_out_an_image_whose_tiles_were_never_made(client, catalogue):
    image = add_image(record=catalogue.letter, alt="The first page", tiles=False)

    body = page(client, "/en/records/C20-LETTER/")

    assert "The first page" not in body
    assert image.key not in body and image.file.name not in body


def test_record_detail_shows_conflicting_claims_side_by_side(client, catalogue):
    models.Claim.objects.filter(slug="speech-time-morning").update(preferred=True)

    body = page(client, "/en/records/C20-SPEECH/")

    claims = body.split("<h3>Time of day</h3>", 1)[1].split("</section>", 1)[0]
    assert "Morning closed session" in claims and "[IUDIN]" in claims
    assert "Dated February 24–25" in claims and "[FRUS-9]" in claims
    assert claims.count("The catalogue follows this statement.") == 1
    assert claims.index("Morning closed session") < claims.index("follows this statement")


def test_record_detail_cites_in_chicago_and_in_russian_gost(client, catalogue):
    english = page(client, "/en/records/C20-SPEECH/")
    russian = page(client, "/ru/records/C20-SPEECH/")

    assert (
        "Khrushchev, Nikita. “On the Cult of Personality and Its Consequences.” Speech, "
        "25 February 1956. C20-SPEECH. Documents. http://testserver/en/records/C20-SPEECH/."
    ) in english
    assert "GOST" not in english
    assert (
        "Хрущёв Н. О культе личности и его последствиях : речь, 25 февраля 1956 г. // " in russian
    )


def test_record_bibtex_download(client, catalogue):
    response = client.get("/en/records/C20-SPEECH/cite.bib")

    assert response["Content-Disposition"] == 'attachment; filename="C20-SPEECH.bib"'
    assert response.content.decode() == (
        "@misc{C20-SPEECH,\n"
        "  author = {Khrushchev, Nikita},\n"
        "  title = {{On the Cult of Personality and Its Consequences}},\n"
        "  year = {1956},\n"
        "  date = {1956-02-25},\n"
        "  howpublished = {Documents},\n"
        "  note = {speech; C20-SPEECH},\n"
        "  url = {http://testserver/en/records/C20-SPEECH/},\n"
        "}\n"
    )


def test_record_ris_download(client, catalogue):
    response = client.get("/en/records/C20-LETTER/cite.ris")

    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response.content.decode().split("\r\n") == [
        "TY  - GEN",
        "TI  - Letter to the Congress",
        "PY  - 1922",
        "M3  - letter",
        "AN  - C20-LETTER",
        "DB  - Documents",
        "UR  - http://testserver/en/records/C20-LETTER/",
        "ER  - ",
        "",
    ]


def test_record_detail_json_ld_describes_the_record_and_its_people(client, catalogue):
    data = json_ld(page(client, "/en/records/C20-SPEECH/"))

    assert data["@type"] == "ArchiveComponent"
    assert data["identifier"] == "C20-SPEECH"
    assert data["dateCreated"] == "1956-02-25"
    speaker = data["creator"][0]
    assert speaker["@type"] == "Person"
    assert speaker["name"] == "Nikita Khrushchev"
    assert speaker["sameAs"] == "https://www.wikidata.org/wiki/Q35314"
    assert speaker["memberOf"] == [
        {
            "@type": "OrganizationRole",
            "roleName": "member",
            "memberOf": {
                "@type": "Organization",
                "name": "Central Committee elected by the 20th Congress",
                "url": "http://testserver/en/organizations/central-committee-20/",
            },
            "startDate": "1956-02-25",
        }
    ]
    assert data["about"] == [{"@type": "DefinedTerm", "name": "cult of personality"}]


def test_record_detail_json_ld_cannot_close_its_script_element(client, catalogue):
    catalogue.speech.description_en = "</script><script>alert(1)</script>"
    catalogue.speech.save()

    body = page(client, "/en/records/C20-SPEECH/")

    assert "<script>alert(1)" not in body
    assert json_ld(body)["description"] == "</script><script>alert(1)</script>"


def test_record_detail_sends_a_strict_content_security_policy(client, catalogue):
    response = client.get("/en/records/C20-SPEECH/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert " style=" not in response.content.decode()


def test_record_detail_shows_when_it_was_last_updated_in_the_visitors_language(client, catalogue):
    moment = datetime.datetime(2026, 3, 5, 12, 0, tzinfo=datetime.UTC)
    models.Record.objects.filter(pk=catalogue.speech.pk).update(updated_at=moment)

    english = page(client, "/en/records/C20-SPEECH/")
    russian = page(client, "/ru/records/C20-SPEECH/")

    time = '<time datetime="2026-03-05">'
    assert f"Last updated: {time}March 5, 2026</time>" in english
    assert f"Последнее обновление: {time}5 марта 2026 г.</time>" in russian


def test_record_detail_lists_people_of_a_role_by_name_in_the_page_language(client, db):
    record = factories.record(reference_code="TEST-ORDER")
    for english, russian in (("Alpha Tester", "Яков Тестов"), ("Beta Tester", "Антон Тестов")):
        person = factories.person(name_en=english, name_ru=russian)
        models.RecordPerson.objects.create(
            record=record, person=person, role=models.PersonRole.SPEAKER
        )

    english = page(client, "/en/records/TEST-ORDER/")
    russian = page(client, "/ru/records/TEST-ORDER/")

    assert english.index("Alpha Tester</a>") < english.index("Beta Tester</a>")
    assert russian.index("Антон Тестов</a>") < russian.index("Яков Тестов</a>")


def test_record_detail_shows_a_link_added_after_the_page_was_first_shown(client, db):
    record = factories.record(reference_code="TEST-AGAIN")
    page(client, "/en/records/TEST-AGAIN/")
    record.subjects.add(factories.subject(label_en="Added Later"))

    body = page(client, "/en/records/TEST-AGAIN/")

    assert "Added Later</a>" in body
