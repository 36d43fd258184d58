"""Create a staff account in the Curator group, or add an existing account to the group."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

CURATOR_GROUP = "Curator"


class Command(BaseCommand):
    help = (
        "Create a staff user in the Curator group, asking for the password; "
        "for an existing user, add the Curator group."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The curator's email address.")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of asking.",
        )

    def handle(self, *args, username: str, email: str, password_from_env: str | None, **options):
        try:
            group = Group.objects.get(name=CURATOR_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                "The Curator group does not exist; run `manage.py migrate`."
            ) from None
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is not None:
            self.add_to_group(user, group)
            return
        user = User(**{User.USERNAME_FIELD: username}, email=email, is_staff=True)
        password = self.read_password(password_from_env)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"Created curator {username}."))

    def add_to_group(self, user, group: Group) -> None:
        username = user.get_username()
        if user.groups.filter(pk=group.pk).exists() and user.is_staff:
            self.stdout.write(f"User {username} already exists and is a curator; nothing changed.")
            return
        with transaction.atomic():
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                f"User {username} already exists: added to the Curator group "
                "(the password is unchanged)."
            )
        )

    def read_password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable)
            if not password:
                raise CommandError(f"The environment variable {variable} is not set or empty.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was created.")
        if not password:
            raise CommandError("The password is empty; nothing was created.")
        return password
