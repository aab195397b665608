import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from methods.permissions import EDITORS_GROUP, REVIEWERS_GROUP


class Command(BaseCommand):
    help = (
        "Create or update an editor account from the environment: "
        "SCHOLARGATE_EDITOR_USERNAME, SCHOLARGATE_EDITOR_PASSWORD and "
        "optionally SCHOLARGATE_EDITOR_EMAIL. Editors may use the admin and "
        "change catalogue entries."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reviewer",
            action="store_true",
            help="Add the account to the Reviewers group, who publish and retract.",
        )
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="Make the account a superuser too (for first set-up).",
        )

    @transaction.atomic
    def handle(
        self, *args, reviewer: bool, superuser: bool, verbosity: int, **options
    ) -> None:
        username = os.environ.get("SCHOLARGATE_EDITOR_USERNAME", "").strip()
        password = os.environ.get("SCHOLARGATE_EDITOR_PASSWORD", "")
        email = os.environ.get("SCHOLARGATE_EDITOR_EMAIL", "").strip()
        if not username:
            raise CommandError(
                "Set SCHOLARGATE_EDITOR_USERNAME to the editor's username."
            )
        if not password:
            raise CommandError(
                "Set SCHOLARGATE_EDITOR_PASSWORD to the editor's password."
            )

        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(
                "SCHOLARGATE_EDITOR_PASSWORD is too weak: " + " ".join(error.messages)
            ) from None

        created = user.pk is None
        user.email = email or user.email
        user.is_staff = True
        user.is_superuser = user.is_superuser or superuser
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        if reviewer:
            user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))

        verb = "Created" if created else "Updated"
        roles = ", ".join(
            role
            for role, has in (
                ("editor", True),
                ("reviewer", user.groups.filter(name=REVIEWERS_GROUP).exists()),
                ("superuser", user.is_superuser),
            )
            if has
        )
        self.stdout.write(self.style.SUCCESS(f"{verb} editor “{username}” ({roles})."))
