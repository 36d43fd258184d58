"""System checks that keep image files private and their info.json addresses right."""

from catalogue.checks import image_base_url_configured, image_roots_apart


def test_check_refuses_a_private_root_inside_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CATALOGUE_PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [message.id for message in image_roots_apart(None)] == ["catalogue.E004"]

    settings.CATALOGUE_PRIVATE_MEDIA_ROOT = tmp_path / "media"
    assert [message.id for message in image_roots_apart(None)] == ["catalogue.E004"]

    settings.CATALOGUE_PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    assert image_roots_apart(None) == []


def test_check_warns_about_a_local_base_url_where_the_site_is_served(settings):
    settings.CATALOGUE_BASE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["localhost"]
    assert image_base_url_configured(None) == []

    settings.ALLOWED_HOSTS = ["archive.example.org"]
    assert [message.id for message in image_base_url_configured(None)] == ["catalogue.W003"]

    settings.CATALOGUE_BASE_URL = "https://archive.example.org"
    assert image_base_url_configured(None) == []
