import pytest

from .helpers import facet_counts, page


def test_russian_record_page_shows_russian_interface_and_choices(client, catalogue):
    body = page(client, "/ru/records/C20-SPEECH/")

    assert "<dt>Шифр</dt>" in body
    assert "<dt>Вид</dt><dd>Речь</dd>" in body
    assert "докладчик" in body
    assert "Как сослаться на документ" in body
    assert "Reference code" not in body


def test_russian_records_list_shows_russian_form_and_facets(client, catalogue):
    body = page(client, "/ru/records/?kind=zzz", status=400)

    assert "Часть адреса не удалось использовать:" in body
    assert ">Поиск и фильтры</h2>" in body
    assert '<option value="letter">письмо</option>' in body
    assert "культ личности</a>" in body


def test_english_page_has_no_russian_interface_strings(client, catalogue):
    body = page(client, "/en/records/C20-SPEECH/")

    assert "<dt>Reference code</dt>" in body
    assert "Шифр" not in body


def test_content_security_policy_is_sent_on_public_pages_not_the_admin(client, catalogue):
    public = client.get("/en/")
    admin = client.get("/admin/login/")

    header = public["Content-Security-Policy"]
    policy = dict(directive.strip().split(" ", 1) for directive in header.split(";"))
    assert (policy["default-src"], policy["img-src"]) == ("'self'", "'self' data:")
    assert "Content-Security-Policy" not in admin


@pytest.mark.parametrize(("first", "second"), [("en", "ru"), ("ru", "en")])
def test_facet_labels_follow_the_language_after_the_other_language_was_cached(
    client, catalogue, first, second
):
    kinds = {
        "en": {"speech": 1, "letter": 1, "resolution": 1},
        "ru": {"речь": 1, "письмо": 1, "постановление": 1},
    }
    subjects = {"en": {"cult of personality": 2}, "ru": {"культ личности": 2}}

    earlier = page(client, f"/{first}/records/")
    later = page(client, f"/{second}/records/")

    assert facet_counts(earlier, "kind") == kinds[first]
    assert facet_counts(later, "kind") == kinds[second]
    assert facet_counts(later, "subject") == subjects[second]
