"""Publish or withdraw records by reference code, through the one publishing path."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalogue import publishing
from catalogue.models import Record


class Command(BaseCommand):
    help = (
        "Publish records by reference code: each must have the ISAD(G) essentials and alt text "
        "on its images, or nothing is published. --withdraw returns them to draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference_codes", nargs="+", metavar="reference_code")
        parser.add_argument(
            "--withdraw", action="store_true", help="Return the records to draft instead."
        )
        parser.add_argument("--user", help="The username that signs the change in the history.")

    def handle(self, *args, reference_codes: list[str], withdraw: bool, user: str | None, **opts):
        signer = self._user(user)
        records = Record.objects.filter(reference_code__in=reference_codes)
        unknown = sorted(
            set(reference_codes) - set(records.values_list("reference_code", flat=True))
        )
        if unknown:
            raise CommandError(f"There is no record {', '.join(unknown)}; nothing was changed.")
        if withdraw:
            outcome = publishing.unpublish(records, user=signer)
            self.stdout.write(f"Withdrew {outcome.count} of {len(reference_codes)} records.")
            return
        try:
            outcome = publishing.publish(records, user=signer)
        except publishing.NotReady as error:
            raise CommandError(f"{error} Nothing was published.") from None
        self.stdout.write(f"Published {outcome.count} of {len(reference_codes)} records.")

    def _user(self, username: str | None):
        if username is None:
            return None
        try:
            return get_user_model()._default_manager.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
