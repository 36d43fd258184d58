from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes, checks, history, lookups, roles  # noqa: F401 (checks registers itself)
        from .search import signals

        connection_created.connect(lookups.register_sqlite_functions)
        signals.connect()
        changes.connect()
        history.register_models()
        post_migrate.connect(history.create_link_content_types, sender=self)
        post_migrate.connect(roles.ensure_roles, sender=self)
