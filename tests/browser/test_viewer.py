"""A reader opens a record's scans: the deep-zoom viewer reads the IIIF tiles under the CSP,
from the keyboard; without JavaScript the display-size image is there."""

import re

import pytest

from catalogue import models
from tests.public.conftest import add_image

from .test_visitor import check_page

# Big enough for three scale factors (1, 2, 4): the page opens on the coarse ones.
SCAN = (2048, 1536)
TILE = re.compile(
    r"/media/iiif/(?P<key>[0-9a-f]+)/(?P<region>[^/]+)/(?P<size>[^/]+)/0/default\.jpg$"
)


@pytest.fixture
def scanned_report(congress_report, settings, live_server):
    """The report with two page images of its own and one of a copy, tiles made."""
    settings.SERVE_MEDIA = True
    # The live server answers MEDIA_URL from MEDIA_ROOT itself, before the media view that
    # gives an info.json the address it was asked at: the file must carry the server's own.
    settings.CATALOGUE_BASE_URL = live_server.url
    copy = models.Copy.objects.create(
        record=congress_report, key="delegate-copy", label_en="Copy handed to a delegate"
    )
    congress_report.scans = [
        add_image(record=congress_report, alt="First page of the report", size=SCAN),
        add_image(record=congress_report, alt="Second page of the report", size=SCAN),
        add_image(copy=copy, alt="First page of the delegate's copy", size=SCAN),
    ]
    return congress_report


@pytest.fixture
def watched_page(browser_page):
    """The page, with every response and every CSP violation event kept."""
    page = browser_page
    page.responses = []
    page.on("response", lambda response: page.responses.append((response.url, response.status)))
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    return page


def scale_factors(page, key: str) -> set[int]:
    """The scale factors of the tiles of image ``key`` fetched so far (region ÷ tile width)."""
    factors = set()
    for url, _status in page.responses:
        match = TILE.search(url)
        if not match or match["key"] != key or match["region"] == "full":
            continue
        region_width = int(match["region"].split(",")[2])
        size_width = int(match["size"].split(",")[0])
        factors.add(round(region_width / size_width))
    return factors


def tile_of(key: str, factor: int | None = None):
    """A predicate on responses: a tile of image ``key`` (at ``factor``, if given)."""

    def matches(response) -> bool:
        match = TILE.search(response.url)
        if not match or match["key"] != key or match["region"] == "full":
            return False
        region_width = int(match["region"].split(",")[2])
        size_width = int(match["size"].split(",")[0])
        return factor is None or round(region_width / size_width) == factor

    return matches


def assert_clean(page) -> None:
    """Nothing refused by the CSP, nothing missing."""
    assert page.evaluate("() => window.cspViolations") == []
    assert page.csp_violations == []
    missing = [
        (url, status)
        for url, status in page.responses
        if status >= 400 and ("/media/" in url or "/static/" in url)
    ]
    assert missing == []


def open_record(page, live_server, record):
    page.goto(f"{live_server.url}/en/records/{record.reference_code}/")
    page.locator(".viewer--mounted").wait_for()


@pytest.mark.django_db(transaction=True)
def test_viewer_loads_the_tiles_and_zooms_with_the_keys(live_server, watched_page, scanned_report):
    page = watched_page
    first = scanned_report.scans[0]

    with page.expect_response(tile_of(first.key), timeout=15_000):
        open_record(page, live_server, scanned_report)
    page.wait_for_function("() => document.querySelector('.viewer__image').hidden")
    page.get_by_role("button", name="Full screen").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    coarse = min(scale_factors(page, first.key))
    with page.expect_response(tile_of(first.key, factor=1), timeout=15_000):
        for _press in range(6):
            page.keyboard.press("+")

    assert focused == "First page of the report"
    assert page.get_by_text("Image 1 of 3").is_visible()
    assert coarse > 1
    assert min(scale_factors(page, first.key)) == 1
    tiles = [(url, status) for url, status in page.responses if TILE.search(url)]
    assert tiles and all(status == 200 for _url, status in tiles)
    assert_clean(page)


@pytest.mark.django_db(transaction=True)
def test_viewer_buttons_work_from_the_keyboard(live_server, watched_page, scanned_report):
    page = watched_page
    third = scanned_report.scans[2]

    open_record(page, live_server, scanned_report)
    page.get_by_role("button", name="Next image").focus()
    page.keyboard.press("Enter")
    with page.expect_response(tile_of(third.key), timeout=15_000):
        page.keyboard.press("Enter")
    page.get_by_text("Image 3 of 3 · Copy handed to a delegate").wait_for()
    before = set(scale_factors(page, third.key))
    page.get_by_role("button", name="Zoom in").focus()
    with page.expect_response(tile_of(third.key, factor=1), timeout=15_000):
        for _press in range(3):
            page.keyboard.press("Enter")

    assert page.get_by_role("button", name="Next image").get_attribute("aria-disabled") == "true"
    assert page.locator(".openseadragon-canvas").get_attribute("aria-label") == (
        "First page of the delegate's copy"
    )
    assert min(scale_factors(page, third.key)) < min(before)
    assert_clean(page)


@pytest.mark.django_db(transaction=True)
def test_a_thumbnail_opens_its_image_in_the_viewer(live_server, watched_page, scanned_report):
    page = watched_page
    second = scanned_report.scans[1]
    open_record(page, live_server, scanned_report)

    with page.expect_response(tile_of(second.key), timeout=15_000):
        page.get_by_role("link", name="Second page of the report").click()
    page.get_by_text("Image 2 of 3").wait_for()

    assert page.url.endswith("/en/records/C20-CC-REPORT/")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == (
        "Second page of the report"
    )
    assert_clean(page)


@pytest.mark.django_db(transaction=True)
def test_record_page_with_the_viewer_has_nothing_for_axe(
    live_server, watched_page, axe_source, screenshots, scanned_report
):
    page = watched_page
    open_record(page, live_server, scanned_report)
    page.wait_for_load_state("networkidle")

    check_page(page, axe_source, screenshots, "10-record-viewer")
    assert_clean(page)


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_reader_sees_the_display_image(
    live_server, chromium, scanned_report
):
    context = chromium.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    first = scanned_report.scans[0]

    page.goto(f"{live_server.url}/en/records/{scanned_report.reference_code}/")
    page.wait_for_load_state("load")
    image = page.get_by_role("img", name="First page of the report").first
    shown = image.evaluate("img => [img.getAttribute('src'), img.naturalWidth, img.complete]")
    buttons = page.get_by_role("button", name="Zoom in").count()
    context.close()

    assert shown == [first.display_url, first.display_size[0], True]
    assert buttons == 0
