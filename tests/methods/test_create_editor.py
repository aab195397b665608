import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_creates_an_editor_from_the_environment(monkeypatch):
    monkeypatch.setenv("SCHOLARGATE_EDITOR_USERNAME", "ada")
    monkeypatch.setenv("SCHOLARGATE_EDITOR_PASSWORD", "correct-horse-battery")

    call_command("create_editor")

    user = User.objects.get(username="ada")
    assert user.is_staff and not user.is_superuser
    assert user.check_password("correct-horse-battery")
    assert user.groups.filter(name="Editors").exists()


def test_running_it_again_updates_the_password(monkeypatch):
    monkeypatch.setenv("SCHOLARGATE_EDITOR_USERNAME", "ada")
    monkeypatch.setenv("SCHOLARGATE_EDITOR_PASSWORD", "correct-horse-battery")
    call_command("create_editor")
    monkeypatch.setenv("SCHOLARGATE_EDITOR_PASSWORD", "another-long-passphrase")

    call_command("create_editor")

    assert User.objects.get(username="ada").check_password("another-long-passphrase")


def test_missing_variables_are_named(monkeypatch):
    monkeypatch.delenv("SCHOLARGATE_EDITOR_USERNAME", raising=False)

    with pytest.raises(CommandError, match="SCHOLARGATE_EDITOR_USERNAME"):
        call_command("create_editor")


def test_a_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("SCHOLARGATE_EDITOR_USERNAME", "ada")
    monkeypatch.setenv("SCHOLARGATE_EDITOR_PASSWORD", "123")

    with pytest.raises(CommandError, match="too weak"):
        call_command("create_editor")

    assert not User.objects.filter(username="ada").exists()


def test_a_reviewer_may_publish(monkeypatch):
    monkeypatch.setenv("SCHOLARGATE_EDITOR_USERNAME", "rosa")
    monkeypatch.setenv("SCHOLARGATE_EDITOR_PASSWORD", "correct-horse-battery")

    call_command("create_editor", "--reviewer")

    assert User.objects.get(username="rosa").has_perm("methods.publish_method")


def test_it_says_which_roles_the_account_has(monkeypatch):
    monkeypatch.setenv("SCHOLARGATE_EDITOR_USERNAME", "rosa")
    monkeypatch.setenv("SCHOLARGATE_EDITOR_PASSWORD", "correct-horse-battery")
    output = io.StringIO()

    call_command("create_editor", "--reviewer", stdout=output)

    assert output.getvalue().strip() == "Created editor “rosa” (editor, reviewer)."
