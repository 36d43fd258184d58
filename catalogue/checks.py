"""System checks for settings that start but would hurt in production."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def secret_key_configured(app_configs, **kwargs):
    if not getattr(settings, "SECRET_KEY_GENERATED", False):
        return []
    return [
        Warning(
            "DJANGO_SECRET_KEY is not set, so this process made a random key of its own.",
            hint=(
                "Sessions and signed links end when the process restarts and differ between "
                "processes. Set DJANGO_SECRET_KEY wherever the catalogue is served."
            ),
            id="catalogue.W001",
        )
    ]
