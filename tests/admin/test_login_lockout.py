"""Admin logins are throttled per username and address (django-axes)."""

import pytest
from django.test import Client

LOGIN = "/admin/login/"
PASSWORD = "curator-password-1956"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Dozens of logins per test: a fast hasher, since what is tested is the counting."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client: Client, username: str, password: str, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def fail(client: Client, username: str, times: int, **headers) -> None:
    for _ in range(times):
        log_in(client, username, "not-the-password", **headers)


def is_logged_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def test_admin_login_with_the_right_password_gets_in(client, curator):
    response = log_in(client, "curator", PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert is_logged_in(client)


def test_admin_login_after_25_wrong_passwords_refuses_the_right_one_with_a_message(client, curator):
    fail(client, "curator", 25)

    response = log_in(client, "curator", PASSWORD)

    body = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Too many failed logins</h1>" in body
    assert "After 5 wrong passwords for this username from your address" in body
    assert "Try again in 15 minutes." in body
    assert 'id="site-name"' in body
    assert not is_logged_in(client)


def test_admin_login_lockout_page_speaks_russian(client, curator):
    fail(client, "curator", 5, HTTP_ACCEPT_LANGUAGE="ru")

    response = log_in(client, "curator", PASSWORD, HTTP_ACCEPT_LANGUAGE="ru")

    body = response.content.decode()
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in body
    assert "Попробуйте снова через 15 минут." in body


def test_admin_login_lockout_leaves_another_user_from_the_same_address_alone(
    client, curator, editor
):
    fail(client, "curator", 25)

    response = log_in(client, "editor", "editor-password-1956")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert is_logged_in(client)


def test_admin_login_lockout_leaves_the_same_user_from_another_address_alone(curator):
    fail(Client(REMOTE_ADDR="192.0.2.10"), "curator", 25)
    elsewhere = Client(REMOTE_ADDR="192.0.2.20")

    response = log_in(elsewhere, "curator", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(elsewhere)


def test_admin_login_success_clears_the_count_of_failures(client, curator):
    fail(client, "curator", 4)
    assert log_in(client, "curator", PASSWORD).status_code == 302
    client.post("/admin/logout/")
    fail(client, "curator", 4)

    response = log_in(client, "curator", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.parametrize(
    ("trusted_proxies", "second_address_gets_in"),
    [(1, True), (0, False)],
)
def test_admin_login_reads_the_address_from_trusted_proxies_only(
    settings, curator, trusted_proxies, second_address_gets_in
):
    settings.CATALOGUE_TRUSTED_PROXIES = trusted_proxies
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    fail(Client(**proxy), "curator", 5, HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(**proxy)

    response = log_in(second, "curator", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.2")

    assert (response.status_code == 302) is second_address_gets_in
    assert is_logged_in(second) is second_address_gets_in


def test_admin_login_counts_a_malformed_forwarded_address_against_the_peer(settings, curator):
    settings.CATALOGUE_TRUSTED_PROXIES = 1
    client = Client(REMOTE_ADDR="10.0.0.1")

    statuses = [
        log_in(client, "curator", "not-the-password", HTTP_X_FORWARDED_FOR=forwarded).status_code
        for forwarded in ["not-an-address", "256.1.1.1", "\x00", "", "198.51.100.1\x00"]
    ]

    assert statuses == [200, 200, 200, 200, 429]
    assert log_in(client, "curator", PASSWORD, HTTP_X_FORWARDED_FOR="garbage").status_code == 429
