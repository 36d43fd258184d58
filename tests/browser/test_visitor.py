"""A visitor finds Khrushchev's report, reads it in Russian and reaches the Central Committee."""

import re

import pytest

NARROW = 360


def check_page(page, axe_source: str, screenshots, name: str) -> None:
    """No axe violation, no CSP violation, no sideways scrolling at 360 px; a screenshot."""
    page.evaluate(axe_source)
    result = page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                 "wcag22aa", "best-practice"]},
            });
            return result.violations.map(v => ({
                id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")),
            }));
        }"""
    )
    assert result == [], f"{name}: {result}"
    assert page.csp_violations == [], f"{name}: {page.csp_violations}"
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)

    size = page.viewport_size
    page.set_viewport_size({"width": NARROW, "height": 800})
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    page.screenshot(path=str(screenshots / f"{name}-360.png"), full_page=True)
    page.set_viewport_size(size)
    assert widths[0] <= widths[1], f"{name} scrolls sideways at {NARROW} px: {widths}"


@pytest.mark.django_db(transaction=True)
def test_visitor_finds_a_record_reads_it_in_russian_and_reaches_the_committee(
    live_server, browser_page, axe_source, screenshots, congress_report
):
    page = browser_page
    page.goto(f"{live_server.url}/en/")
    assert page.locator("h1").inner_text() == "The 20th Congress archive"
    check_page(page, axe_source, screenshots, "01-home")

    page.get_by_label("Search the catalogue").fill("хрущев")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/en/search/\?q="))
    people = page.locator("section", has=page.locator("#results-people"))
    assert people.get_by_role("link", name="Nikita Khrushchev").is_visible()
    check_page(page, axe_source, screenshots, "02-search")

    page.get_by_role("link", name="Search records with filters and facets").click()
    page.wait_for_url(re.compile(r"/en/records/\?q="))
    page.locator("#id_kind").select_option("report")
    page.locator("#id_date_from").fill("1956-02")
    page.locator("#id_date_to").fill("1956-02")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"kind=report"))
    assert "date_from=1956-02" in page.url
    assert page.get_by_role("status").inner_text() == "1 record found"
    assert page.locator(".chips").inner_text().count("×") == 4
    check_page(page, axe_source, screenshots, "03-records-narrowed")

    page.get_by_role("link", name="Report of the Central Committee of the CPSU").click()
    page.wait_for_url(re.compile(r"/en/records/C20-CC-REPORT/$"))
    assert page.locator("h1").inner_text() == "Report of the Central Committee of the CPSU"
    check_page(page, axe_source, screenshots, "04-record")

    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(re.compile(r"/ru/records/C20-CC-REPORT/$"))
    assert page.locator("h1").inner_text() == "Отчетный доклад ЦК КПСС"
    assert page.locator("html").get_attribute("lang") == "ru"
    check_page(page, axe_source, screenshots, "05-record-ru")

    page.get_by_role("link", name="Никита Хрущёв").first.click()
    page.wait_for_url(re.compile(r"/ru/people/khrushchev/$"))
    check_page(page, axe_source, screenshots, "06-person-ru")

    page.get_by_role("link", name="ЦК КПСС, избранный XX съездом").first.click()
    page.wait_for_url(re.compile(r"/ru/organizations/central-committee-20/$"))
    assert "в каталоге 2 из 133 членов" in page.locator("main").inner_text()
    table = page.get_by_role("table")
    assert table.get_by_role("link", name="Никита Хрущёв").is_visible()
    check_page(page, axe_source, screenshots, "07-central-committee-ru")


@pytest.mark.django_db(transaction=True)
def test_keyboard_user_reaches_the_content_with_the_skip_link(live_server, browser_page, catalogue):
    page = browser_page
    page.goto(f"{live_server.url}/en/records/")

    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    page.keyboard.press("Enter")

    assert focused == "Skip to the main content"
    assert page.url.endswith("#main")
    assert page.evaluate("() => document.activeElement.id") == "main"
