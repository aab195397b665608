"""Published versions never change, except being retracted with a reason."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from methods.models import FrozenVersionError, Method, MethodVersion
from methods.publishing import publish, retract, submit_for_review
from tests.builders import make_method

pytestmark = pytest.mark.django_db


def member_of(group: str) -> User:
    user = User.objects.create_user(
        f"{group.lower()}-member", password="x-long-password-1"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def published_version() -> MethodVersion:
    return MethodVersion.objects.get(method__slug="transfer-learning")


def test_publishing_creates_the_next_version_with_note_editor_time_and_sources():
    reviewer = member_of("Reviewers")
    method = Method.objects.get(slug="transfer-learning")
    method.proposers = "Someone, S."
    method.save()

    version = publish(method, user=reviewer, note="Fixed the proposers.")

    assert version.number == 2
    assert version.change_note == "Fixed the proposers."
    assert version.published_by == reviewer
    assert version.published_at is not None
    assert len(version.content["sources"]) == 2
    assert version.content["proposers"] == "Someone, S."


def test_editors_cannot_publish():
    editor = member_of("Editors")
    method = Method.objects.get(slug="transfer-learning")

    with pytest.raises(PermissionDenied):
        publish(method, user=editor)

    assert method.versions.count() == 1


def test_a_draft_is_submitted_for_review():
    method = make_method(slug="new-entry")

    submit_for_review(method)

    method.refresh_from_db()
    assert method.status == "in_review"


def test_saving_a_published_version_is_refused():
    version = published_version()
    version.content = {"slug": "tampered"}

    with pytest.raises(FrozenVersionError):
        version.save()

    assert published_version().content["slug"] == "transfer-learning"


def test_deleting_a_published_version_is_refused():
    with pytest.raises(FrozenVersionError):
        published_version().delete()

    assert MethodVersion.objects.filter(method__slug="transfer-learning").exists()


def test_queryset_update_and_delete_are_refused():
    versions = MethodVersion.objects.filter(method__slug="transfer-learning")

    with pytest.raises(FrozenVersionError):
        versions.update(change_note="tampered")
    with pytest.raises(FrozenVersionError):
        versions.delete()

    assert published_version().change_note == "Curated catalogue"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE methods_methodversion SET content = '{}' WHERE id = %s",
        "UPDATE methods_methodversion SET change_note = 'x' WHERE id = %s",
        "UPDATE methods_methodversion SET number = 7 WHERE id = %s",
        "DELETE FROM methods_methodversion WHERE id = %s",
    ],
)
def test_the_database_refuses_changes_below_the_application(sql):
    version = published_version()

    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [version.pk])

    assert published_version().content == version.content


def test_the_database_refuses_a_retraction_without_a_reason():
    version = published_version()

    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE methods_methodversion SET status = 'retracted' WHERE id = %s",
            [version.pk],
        )

    assert published_version().status == "published"


def test_a_reviewer_retracts_a_version_with_a_reason():
    reviewer = member_of("Reviewers")

    version = retract(published_version(), user=reviewer, reason="Wrong year.")

    assert version.status == "retracted"
    assert version.retraction_reason == "Wrong year."
    assert version.retracted_by == reviewer
    assert version.content["slug"] == "transfer-learning"


def test_a_retracted_version_stays_retracted():
    reviewer = member_of("Reviewers")
    version = retract(published_version(), user=reviewer, reason="Wrong year.")

    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE methods_methodversion SET status = 'published' WHERE id = %s",
            [version.pk],
        )

    with pytest.raises(ValidationError):
        retract(version, user=reviewer, reason="Again.")


def test_editors_cannot_retract():
    with pytest.raises(PermissionDenied):
        retract(published_version(), user=member_of("Editors"), reason="No.")

    assert published_version().status == "published"


def test_a_retraction_needs_a_reason():
    with pytest.raises(ValidationError):
        retract(published_version(), user=member_of("Reviewers"), reason="  ")


def test_an_edited_entry_becomes_a_draft_and_readers_keep_the_published_version(client):
    method = Method.objects.get(slug="transfer-learning")
    method.proposers = "Unpublished change"
    method.save()

    response = client.get("/en/compare/", {"m": "transfer-learning"})

    assert "Unpublished change" not in response.content.decode()
