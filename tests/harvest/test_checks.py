"""The system check that guards the OAI-PMH repository's identity."""

from catalogue.checks import oai_repository_configured


def test_check_refuses_a_repository_id_that_is_not_a_domain(settings):
    settings.CATALOGUE_OAI_REPOSITORY_ID = "my archive"
    settings.CATALOGUE_OAI_ADMIN_EMAIL = "curators"

    ids = [message.id for message in oai_repository_configured(None)]

    assert ids == ["catalogue.E001", "catalogue.E002"]


def test_check_warns_about_the_defaults_where_the_site_is_served(settings):
    settings.CATALOGUE_OAI_REPOSITORY_ID = "catalogue.localhost"
    settings.ALLOWED_HOSTS = ["localhost"]
    assert oai_repository_configured(None) == []

    settings.ALLOWED_HOSTS = ["archive.example.org"]
    assert [message.id for message in oai_repository_configured(None)] == ["catalogue.W002"]

    settings.CATALOGUE_OAI_REPOSITORY_ID = "archive.example.org"
    settings.CATALOGUE_OAI_ADMIN_EMAIL = "curators@example.org"
    assert oai_repository_configured(None) == []
