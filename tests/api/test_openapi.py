import re

from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

from .conftest import API


def test_openapi_document_is_valid_openapi_3(client, db):
    response = client.get(f"{API}/openapi.json")

    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert sorted(spec["paths"]) == [
        f"{API}/collections/",
        f"{API}/events/",
        f"{API}/organizations/",
        f"{API}/people/",
        f"{API}/records/",
        f"{API}/records/{{reference}}/",
        f"{API}/subjects/",
    ]
    parameters = {p["name"] for p in spec["paths"][f"{API}/records/"]["get"]["parameters"]}
    assert {"q", "kind", "date_from", "person", "modified_since", "sort", "cursor"} <= parameters
    assert sorted(spec["paths"][f"{API}/records/"]["get"]["responses"]) == ["200", "400", "429"]


def test_documentation_page_keeps_the_strict_csp_and_uses_local_files(client, db):
    response = client.get(f"{API}/docs/")

    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "style-src 'self'" in response["Content-Security-Policy"]
    # Every script is a file of our own static files; none is inline, none from elsewhere.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    sources = [re.search(r'src="/static/([^"]+)"', attributes)[1] for attributes, _ in scripts]
    assert all(body.strip() == "" for _attributes, body in scripts)
    assert sources == ["ninja/swagger-ui-bundle.js", "catalogue/api-docs.js"]
    assert all(finders.find(path) for path in sources)
    assert "style=" not in html and "<style" not in html
    assert 'data-openapi-url="/api/v1/openapi.json"' in html


def test_api_address_that_does_not_exist_answers_json_naming_the_description(client, db):
    english = client.get(f"{API}/")
    russian = client.get(f"{API}/record/C20-SPEECH/", HTTP_ACCEPT_LANGUAGE="ru")

    assert (english.status_code, russian.status_code) == (404, 404)
    assert english.json() == {
        "detail": "The API has no such address. "
        "Its description is at http://testserver/api/v1/openapi.json."
    }
    assert russian.json() == {
        "detail": "В API нет такого адреса. Его описание: http://testserver/api/v1/openapi.json."
    }
    assert client.get(f"{API}/openapi.json").status_code == 200
