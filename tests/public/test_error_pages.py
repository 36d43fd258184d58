"""Error pages in the catalogue's look and the address's language; a 500 without the database."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from catalogue.views.errors import gone

SITE_HEADER = '<header class="site-header">'


def test_unknown_record_under_ru_is_a_russian_404_page(client, catalogue):
    served = client.get("/ru/records/C20-SPEECH/")

    response = client.get("/ru/records/NO-SUCH-RECORD/")

    body = response.content.decode()
    assert served.status_code == 200
    assert response.status_code == 404
    assert '<html lang="ru">' in body
    assert "<h1>Страница не найдена</h1>" in body
    assert "В каталоге нет страницы по этому адресу." in body
    assert SITE_HEADER in body and "Архив XX съезда" in body
    assert "Page not found" not in body and "Not Found" not in body


def test_unknown_address_under_en_is_an_english_404_page(client, catalogue):
    response = client.get("/en/no-such-page/")

    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in body
    assert SITE_HEADER in body and 'role="search"' in body
    assert "Страница не найдена" not in body


def test_bad_request_under_ru_is_a_russian_400_page(client, catalogue):
    response = client.get("/ru/records/?person=%00")

    body = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Неверный запрос</h1>" in body
    assert "содержит управляющий символ" in body
    assert SITE_HEADER in body and "Документы</a>" in body


def test_refused_export_format_is_a_403_page_in_the_visitors_language(curator_client):
    allowed = curator_client.get("/admin/catalogue/record/export/csv/")

    response = curator_client.get("/admin/catalogue/record/export/xls/", HTTP_ACCEPT_LANGUAGE="ru")

    body = response.content.decode()
    assert allowed.status_code == 200
    assert response.status_code == 403
    assert "<h1>Доступ запрещён</h1>" in body
    assert SITE_HEADER in body


def test_gone_page_says_why_in_the_language_of_the_address(db):
    request = RequestFactory().get("/ru/records/C20-WITHDRAWN/")

    with translation.override("ru"):
        response = gone(request, "Снято с публикации по просьбе держателя.")

    body = response.content.decode()
    assert response.status_code == 410
    assert "<h1>Больше недоступно</h1>" in body
    assert "<p>Снято с публикации по просьбе держателя.</p>" in body
    assert SITE_HEADER in body


@pytest.fixture
def failing_site(settings, client):
    settings.ROOT_URLCONF = "tests.public.failing_urls"
    client.raise_request_exception = False
    return client


def test_server_error_under_ru_is_a_russian_500_page_made_without_the_database(failing_site):
    # No database fixture: any query while the page is made would raise here.
    response = failing_site.get("/ru/failing/")

    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ru">' in body
    assert "<h1>Ошибка сервера</h1>" in body
    assert SITE_HEADER in body and "Архив XX съезда" in body
    assert "a fault inside the catalogue" not in body


def test_server_error_under_en_is_an_english_500_page(failing_site):
    response = failing_site.get("/en/failing/")

    body = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Server error</h1>" in body
    assert "nothing you did caused it" in body


def test_refused_form_token_is_a_403_page_in_the_visitors_language(catalogue):
    browser = Client(enforce_csrf_checks=True)
    served = browser.get("/ru/records/")

    response = browser.post(
        "/i18n/setlang/", {"language": "en", "next": "/en/"}, HTTP_ACCEPT_LANGUAGE="ru"
    )

    body = response.content.decode()
    assert served.status_code == 200
    assert response.status_code == 403
    assert "<h1>Доступ запрещён</h1>" in body
    assert "Форма отклонена: её защитный токен отсутствует или устарел" in body
    assert SITE_HEADER in body
