"""Publishing freezes a working copy into the next version.

The search index follows: it always holds each entry's latest published
version.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from methods.content import method_content
from methods.models import Method, MethodVersion, Status
from methods.search import refresh_index


def latest_version(method: Method) -> MethodVersion | None:
    return method.versions.order_by("-number").first()


@transaction.atomic
def publish(
    method: Method, *, user: AbstractBaseUser | None = None, note: str = ""
) -> MethodVersion:
    """Create version N+1 from the working copy.

    The row lock on the entry serialises concurrent publishers, so version
    numbers stay unique and gapless.
    """
    locked = Method.objects.select_for_update().get(pk=method.pk)
    previous = latest_version(locked)
    version = MethodVersion.objects.create(
        method=locked,
        number=previous.number + 1 if previous else 1,
        status=Status.PUBLISHED,
        content=method_content(locked),
        change_note=note,
        published_at=timezone.now(),
        published_by=user if user and user.is_authenticated else None,
    )
    Method.objects.filter(pk=locked.pk).update(status=Status.PUBLISHED)
    method.status = Status.PUBLISHED
    refresh_index([locked.pk])
    return version


def mark_edited(method: Method) -> None:
    """After an edit, the entry is a draft unless it matches its latest version."""
    previous = latest_version(method)
    unchanged = previous is not None and previous.content == method_content(method)
    status = Status.PUBLISHED if unchanged else Status.DRAFT
    if method.status != status:
        Method.objects.filter(pk=method.pk).update(status=status)
        method.status = status
