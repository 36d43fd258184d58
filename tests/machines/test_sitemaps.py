"""The sitemap read as a crawler reads it, and robots.txt as a crawler obeys it."""

import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest
from protego import Protego

from catalogue import models
from catalogue.sitemaps import CatalogueSitemap
from tests.public.test_query_counts import build

from .conftest import DRAFT

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
HOST = "http://testserver"


def fetch_xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def read_urlset(root: ElementTree.Element) -> dict[str, dict]:
    """Each <url>: its address, last modification and hreflang alternates."""
    assert root.tag == f"{{{NS['sm']}}}urlset"
    found = {}
    for url in root.findall("sm:url", NS):
        location = url.findtext("sm:loc", namespaces=NS)
        assert location not in found, f"{location} listed twice"
        found[location] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return found


def crawl(client) -> dict[str, dict]:
    """Every address the sitemap gives, following a sitemap index if there is one."""
    root = fetch_xml(client, "/sitemap.xml")
    if root.tag == f"{{{NS['sm']}}}urlset":
        return read_urlset(root)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    found = {}
    for location in root.findall("sm:sitemap/sm:loc", NS):
        parts = urlsplit(location.text)
        assert f"{parts.scheme}://{parts.netloc}" == HOST
        page = read_urlset(fetch_xml(client, f"{parts.path}?{parts.query}"))
        assert not set(page) & set(found), "an address in two sitemap files"
        found.update(page)
    return found


def expected_paths() -> set[str]:
    objects = [
        *models.Record.objects.published(),
        *models.Person.objects.all(),
        *models.Organization.objects.all(),
        *models.Event.objects.all(),
        *models.Collection.objects.all(),
        *models.Subject.objects.all(),
    ]
    return {
        f"/{language}{item.get_absolute_url()[3:]}" for item in objects for language in ("en", "ru")
    }


def test_sitemap_lists_every_public_page_in_both_languages(client, planted_draft):
    urls = crawl(client)

    assert {urlsplit(location).path for location in urls} == expected_paths()
    assert f"{HOST}/en/records/C20-SPEECH/" in urls
    assert f"{HOST}/ru/people/khrushchev/" in urls
    assert f"{HOST}/en/collections/congress-20-documents/" in urls


def test_sitemap_never_lists_a_draft(client, planted_draft):
    urls = crawl(client)

    assert not [location for location in urls if DRAFT in location]
    assert len([location for location in urls if "/records/" in location]) == 2 * 3


def test_sitemap_addresses_carry_hreflang_alternates_and_lastmod(client, planted_draft):
    urls = crawl(client)
    speech = models.Record.objects.get(reference_code="C20-SPEECH")

    english = urls[f"{HOST}/en/records/C20-SPEECH/"]
    russian = urls[f"{HOST}/ru/records/C20-SPEECH/"]

    alternates = {
        "en": f"{HOST}/en/records/C20-SPEECH/",
        "ru": f"{HOST}/ru/records/C20-SPEECH/",
    }
    assert english["alternates"] == alternates
    assert russian["alternates"] == alternates
    assert english["lastmod"] == speech.updated_at.date().isoformat()
    assert all(set(url["alternates"]) == {"en", "ru"} for url in urls.values())


def test_sitemap_addresses_answer_in_their_language(client, planted_draft):
    urls = crawl(client)

    for location in (f"{HOST}/ru/records/C20-SPEECH/", f"{HOST}/ru/subjects/cult-of-personality/"):
        response = client.get(urlsplit(location).path)
        assert response.status_code == 200
        assert '<html lang="ru">' in response.content.decode()
    assert len(urls) == len(expected_paths())


def test_sitemap_becomes_an_index_beyond_its_limit(client, planted_draft, monkeypatch):
    monkeypatch.setattr(CatalogueSitemap, "limit", 4)

    root = fetch_xml(client, "/sitemap.xml")
    urls = crawl(client)

    files = [location.text for location in root.findall("sm:sitemap/sm:loc", NS)]
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    # Three published records in two languages: six addresses, two files of at most four.
    assert f"{HOST}/sitemap-records.xml" in files
    assert f"{HOST}/sitemap-records.xml?p=2" in files
    assert f"{HOST}/sitemap-records.xml?p=3" not in files
    assert {urlsplit(location).path for location in urls} == expected_paths()


def test_sitemap_page_beyond_the_last_is_not_found(client, planted_draft):
    assert client.get("/sitemap-records.xml?p=9").status_code == 404
    assert client.get("/sitemap-records.xml?p=nine").status_code == 404
    assert client.get("/sitemap-drafts.xml").status_code == 404


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(
    ("url", "limit", "queries", "shown"),
    [
        # Six sections, each counted once and read in one slice.
        ("/sitemap.xml", 50_000, 12, "/en/records/MAIN/"),
        # The index: each section's count and latest change.
        ("/sitemap.xml", 2, 12, "/sitemap-records.xml?p=2<"),
        ("/sitemap-records.xml", 2, 2, "/ru/records/MAIN/"),
        ("/sitemap-records.xml?p=2", 2, 2, "/ru/records/TEST-R"),
    ],
)
def test_sitemap_query_count_does_not_grow_with_rows(
    client, db, django_assert_num_queries, monkeypatch, rows, url, limit, queries, shown
):
    build(rows)
    monkeypatch.setattr(CatalogueSitemap, "limit", limit)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert shown in response.content.decode()


def robots(client) -> Protego:
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return Protego.parse(response.content.decode())


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/en/records/C20-SPEECH/", True),
        ("/ru/records/C20-SPEECH/", True),
        ("/en/records/", True),
        ("/en/people/khrushchev/", True),
        ("/en/feed/", True),
        ("/en/records/?kind=speech", False),
        ("/ru/records/?subject=cult-of-personality&person=khrushchev", False),
        ("/en/records/?page=2", False),
        ("/en/people/?organization=central-committee-20", False),
        ("/en/search/", False),
        ("/ru/search/?q=хрущёв", False),
        ("/en/records/export.csv?kind=speech", False),
        ("/admin/", False),
        ("/admin/catalogue/record/", False),
    ],
)
def test_robots_keeps_crawlers_out_of_facets_search_and_downloads(client, db, path, allowed):
    assert robots(client).can_fetch(HOST + path, "Googlebot") is allowed


def test_robots_names_the_sitemap_by_its_absolute_address(client, db):
    assert list(robots(client).sitemaps) == [f"{HOST}/sitemap.xml"]


def test_robots_allows_every_address_of_the_sitemap(client, planted_draft):
    rules = robots(client)

    refused = [location for location in crawl(client) if not rules.can_fetch(location, "bot")]

    assert refused == []
