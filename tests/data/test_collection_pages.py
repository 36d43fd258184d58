"""What a reader sees of the collection's sourcing on its public pages, in English and Russian."""

import lxml.html
import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language_after():
    """A Russian page leaves Russian active in the thread; later tests expect the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def page(client, address: str):
    response = client.get(address)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize(
    ("language", "heading", "where"),
    [
        ("en", "Where the complete list can be found", "Pravda of 26 February 1956"),
        ("ru", "Где найти полный список", "«Правде» от 26 февраля 1956 года"),
    ],
)
def test_central_committee_page_says_where_the_complete_list_is(
    catalogue_loaded, client, language, heading, where
):
    html = page(client, f"/{language}/organizations/cc-20/")

    [found] = html.xpath(f'//h3[normalize-space()="{heading}"]/following-sibling::*[1]')
    assert where in text(found)
    assert "25" in text(found) and "133" in text(found)


def test_generated_spellings_are_shown_apart_from_the_attested_ones(catalogue_loaded, client):
    html = page(client, "/en/people/khrushchev/")

    [attested] = html.xpath('//dt[.="Other forms of the name"]/following-sibling::dd[1]')
    [generated] = html.xpath('//dt[.="Spellings generated for search"]/following-sibling::dd[1]')
    assert "Khruschev" in text(attested)
    assert "Chruschtschow" not in text(attested)
    assert "Chruschtschow" in text(generated)
    assert "not spellings found in the sources" in text(generated)
    assert html.xpath('//li/span[@lang="de"][.="Nikita Chruschtschow"]')


def test_compilers_note_and_described_titles_are_shown_for_what_they_are(catalogue_loaded, client):
    html = page(client, "/en/organizations/cc-20/")
    sources = [text(li) for li in html.xpath('//h2[.="Sources"]/following-sibling::ul[1]/li')]

    assert [s for s in sources if s.startswith("[COMPILERS-NOTE]")] == [
        "[COMPILERS-NOTE] Remarks of the compilers of the collection's reference data "
        "(a note of the catalogue's compilers, not a published source)"
    ]
    assert [s for s in sources if s.startswith("[MARXDIC]")] == [
        "[MARXDIC] Short article on the 20th Congress of the CPSU (marxdic.com, article 967) "
        "(described by the catalogue: the source's own title is not recorded)"
    ]
    assert not html.xpath('//cite[contains(., "COMPILERS-NOTE")]')


def test_a_source_with_its_own_title_is_cited_as_a_title(catalogue_loaded, client):
    html = page(client, "/ru/organizations/cc-20-presidium/")

    cited = html.xpath('//cite[contains(., "[BIB-34]")]')
    assert len(cited) > 1
    assert {text(c) for c in cited} == {
        "[BIB-34] «Мой адрес — Советский Союз», vol. 2, part 1, page 34"
    }
    assert [c for c in cited if "описание каталога" in text(c.getparent())] == []


def test_russian_person_page_marks_an_english_name_and_shows_russian_vocabulary(
    catalogue_loaded, client
):
    html = page(client, "/ru/people/lenin/")

    assert html.xpath('//h1/span[@lang="en"][.="Vladimir Lenin"]')
    assert "Завещание Ленина" in text(page(client, "/ru/subjects/"))
    assert "Доклад на закрытом заседании и его публикации" in text(page(client, "/ru/collections/"))
