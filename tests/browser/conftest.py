"""Chromium from Debian, driven by Playwright against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

from catalogue import models
from tests.public.conftest import catalogue, loud_templates, media_root  # noqa: F401

# Playwright's synchronous API runs an event loop in this thread; the ORM calls the
# fixtures make are still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `make browser` (apt-get install chromium) "
            "or set CHROMIUM_PATH.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(
            f"axe-core is missing at {AXE}: run `make {AXE.relative_to(ROOT)}` "
            "(npm install --ignore-scripts axe-core@4).",
            pytrace=False,
        )
    return AXE.read_text()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
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
    yield page
    context.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def congress_report(catalogue):  # noqa: F811 (the fixture)
    """The Central Committee's report to the Congress, given by Khrushchev [BIB-34], [GSE]."""
    record = models.Record.objects.create(
        reference_code="C20-CC-REPORT",
        collection=catalogue.series,
        kind=models.RecordKind.REPORT,
        title_en="Report of the Central Committee of the CPSU",
        title_ru="Отчетный доклад ЦК КПСС",
        original_title="Отчетный доклад ЦК КПСС, докладчик Хрущев Н. С.",
        original_language=catalogue.russian,
        date="1956-02-14",
        status=models.Status.PUBLISHED,
        published_at="2026-01-01T00:00:00Z",
    )
    record.languages.add(catalogue.russian)
    models.RecordPerson.objects.create(
        record=record, person=catalogue.khrushchev, role=models.PersonRole.SPEAKER
    )
    return record


@pytest.fixture(autouse=True)
def image_addresses_on_the_live_server(settings, live_server):
    """The test server serves MEDIA_ROOT itself, as plain files: each image's info.json must
    name the live server's address (CATALOGUE_BASE_URL), as a deployment's names its own."""
    settings.CATALOGUE_BASE_URL = live_server.url
