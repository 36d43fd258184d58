"""The public pages as people see them: on a phone, a tablet and a desktop, in both languages
and both colour schemes, printed, and with the citation copied."""

import pytest
from playwright.sync_api import expect

from .test_visitor import check_page

PHONE = {"width": 360, "height": 640}
WIDTHS = (360, 768, 1280)
PAGES = {
    "home": "/{language}/",
    "records-filtered": "/{language}/records/?kind=speech",
    "record": "/{language}/records/C20-SPEECH/",
    "person": "/{language}/people/khrushchev/",
    "central-committee": "/{language}/organizations/central-committee-20/",
    "events": "/{language}/events/",
    "error": "/{language}/records/NO-SUCH-RECORD/",
}


def open_page(chromium, url: str, width: int, scheme: str, language: str):
    context = chromium.new_context(
        viewport={"width": width, "height": 900 if width > 360 else PHONE["height"]},
        color_scheme=scheme,
        locale="ru-RU" if language == "ru" else "en-GB",
    )
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(url)
    return context, page


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_type_reads_well_at_every_width_and_in_both_schemes(
    live_server, chromium, axe_source, screenshots, catalogue, language
):
    for name, path in PAGES.items():
        url = live_server.url + path.format(language=language)
        for scheme in ("light", "dark"):
            context, page = open_page(chromium, url, 1280, scheme, language)
            # axe-core (contrast included), the CSP and no sideways scrolling at 360 px.
            check_page(page, axe_source, screenshots, f"room-{name}-{language}-{scheme}")
            context.close()
        for width in WIDTHS:
            context, page = open_page(chromium, url, width, "light", language)
            page.screenshot(
                path=str(screenshots / f"room-{name}-{language}-{width}.png"), full_page=True
            )
            widths = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], f"{name} ({language}) scrolls sideways at {width}"
            context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_first_result_is_on_the_first_screen_of_a_phone(live_server, chromium, catalogue, language):
    url = f"{live_server.url}/{language}/records/?date_from=1922"
    context, page = open_page(chromium, url, PHONE["width"], "light", language)

    first = page.locator(".result-list > li").first.bounding_box()
    filters = page.locator("details.filters")
    search = page.locator(".record-search input[name=q]").bounding_box()

    assert first["y"] + first["height"] <= PHONE["height"], first
    # The search box stays above the results; the filters are folded and say what is active.
    assert search["y"] < first["y"]
    assert filters.get_attribute("open") is None
    assert not page.locator("#id_kind").is_visible()
    summary = filters.locator("summary").inner_text()
    assert summary == (
        "Фильтры (выбрано: 1)" if language == "ru" else "Filters and facets (1 active)"
    )
    filters.locator("summary").click()
    assert page.locator("#id_kind").is_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_filters_stand_beside_the_results_on_a_desktop(live_server, chromium, catalogue):
    context, page = open_page(chromium, f"{live_server.url}/en/records/", 1280, "light", "en")

    kind = page.locator("#id_kind").bounding_box()
    first = page.locator(".result-list > li").first.bounding_box()

    assert page.locator("#id_kind").is_visible()
    assert kind["x"] + kind["width"] < first["x"]
    assert not page.locator("details.filters > summary").is_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_reader_copies_the_citation_with_one_button(live_server, chromium, catalogue):
    context, page = open_page(
        chromium, f"{live_server.url}/en/records/C20-SPEECH/", 1280, "light", "en"
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.get_by_role("button", name="Copy citation (Chicago style)").click()

    # The status is written once the clipboard's promise settles: wait for it.
    expect(page.locator(".citation-copy [role=status]").first).to_have_text("Copied.")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.locator("#citation-chicago").inner_text()
    assert "C20-SPEECH" in copied
    context.close()


@pytest.mark.django_db(transaction=True)
def test_without_scripts_the_citation_is_text_and_no_button_shows(live_server, chromium, catalogue):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/records/C20-SPEECH/")

    assert page.locator("#citation-chicago").is_visible()
    assert not page.get_by_role("button", name="Copy citation (Chicago style)").is_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_printed_record_leaves_out_navigation_and_writes_links_out(
    live_server, chromium, screenshots, catalogue
):
    context, page = open_page(
        chromium, f"{live_server.url}/en/records/C20-SPEECH/", 1280, "light", "en"
    )
    page.emulate_media(media="print")

    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-search").is_visible()
    assert (
        page.locator(".print-address").inner_text() == f"{live_server.url}/en/records/C20-SPEECH/"
    )
    source_link = page.locator(".sources-notes a[href^='http']").first
    after = source_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert source_link.get_attribute("href") in after
    # The sources come last, as notes.
    sections = page.locator("article > section").evaluate_all(
        "sections => sections.map(s => [s.className, s.getBoundingClientRect().top])"
    )
    notes_top = next(top for name, top in sections if name == "sources-notes")
    assert notes_top == max(top for _name, top in sections)
    page.pdf(path=str(screenshots / "room-record-en.pdf"), format="A4")
    context.close()
