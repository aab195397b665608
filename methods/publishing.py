"""The publishing workflow: draft → in review → published; retracted.

Editors change working copies and submit them for review; reviewers publish
them as the next version or retract a version with a reason. Calls without a
user come from the system itself (loading the curated catalogue, imports).

Each publication refreshes the search index, which always holds each entry's
latest published version.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from methods.content import method_content, normalize_content
from methods.models import Method, MethodVersion, Status
from methods.search import refresh_index

PUBLISH_PERMISSION = "methods.publish_method"


def can_publish(user: AbstractBaseUser | None) -> bool:
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def latest_version(method: Method) -> MethodVersion | None:
    return method.versions.order_by("-number").first()


def submit_for_review(method: Method) -> None:
    if method.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    Method.objects.filter(pk=method.pk).update(status=Status.IN_REVIEW)
    method.status = Status.IN_REVIEW


@transaction.atomic
def publish(
    method: Method, *, user: AbstractBaseUser | None = None, note: str = ""
) -> MethodVersion:
    """Create version N+1 from the working copy.

    The row lock on the entry serialises concurrent publishers, so version
    numbers stay unique and gapless.
    """
    if not can_publish(user):
        raise PermissionDenied(_("Only reviewers may publish."))
    locked = Method.objects.select_for_update().get(pk=method.pk)
    previous = latest_version(locked)
    version = MethodVersion.objects.create(
        method=locked,
        number=previous.number + 1 if previous else 1,
        status=Status.PUBLISHED,
        content=method_content(locked),
        change_note=note,
        published_at=timezone.now(),
        published_by=user,
    )
    Method.objects.filter(pk=locked.pk).update(status=Status.PUBLISHED)
    method.status = Status.PUBLISHED
    refresh_index([locked.pk])
    return version


@transaction.atomic
def retract(
    version: MethodVersion, *, user: AbstractBaseUser | None, reason: str
) -> MethodVersion:
    """Mark a version retracted: the one change a published version allows."""
    if not can_publish(user):
        raise PermissionDenied(_("Only reviewers may retract a version."))
    if not reason.strip():
        raise ValidationError(_("Say why the version is retracted."))
    if version.is_retracted:
        raise ValidationError(_("This version is already retracted."))
    now = timezone.now()
    MethodVersion.objects.filter(pk=version.pk)._retract(
        status=Status.RETRACTED,
        retraction_reason=reason.strip(),
        retracted_at=now,
        retracted_by=user,
    )
    version.refresh_from_db()
    refresh_index([version.method_id])
    return version


def mark_edited(method: Method) -> None:
    """After an edit, the entry is a draft unless it matches its latest version."""
    previous = latest_version(method)
    unchanged = previous is not None and normalize_content(
        previous.content
    ) == method_content(method)
    status = Status.PUBLISHED if unchanged else Status.DRAFT
    if method.status != status:
        Method.objects.filter(pk=method.pk).update(status=status)
        method.status = status
