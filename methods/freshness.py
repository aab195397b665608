"""Telling readers' browsers and caches whether a page has changed.

A reader page depends on the catalogue (published versions, field and
family names), on the code that renders it, on the language and the URL, on
the date (citation lines say when they were retrieved) and, where it shows
the compare tray, on the reader's session. `page_etag` folds all of that
into one validator, computed before anything is rendered, so a repeated
request costs at most one query and gets a 304.
"""

import hashlib
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import quote_etag

from methods.models import CatalogueGeneration

# Where what renders a page lives: a change to any of them is a new release.
_SOURCES = ("templates", "static", "locale", "methods", "compare", "scholargate")
# What changes under a running development server, which restarts only
# for Python.
_EDITED_LIVE = ("templates", "static", "locale")


def release() -> str:
    """A fingerprint of the code, templates, styles and translations.

    Read once per process. With DEBUG on, the sizes and times of templates,
    styles and translations are read again on every call, so an edited
    template gets new validators (and compare pages rendered afresh) at once.
    """
    if not settings.DEBUG:
        return _release()
    edits = _fingerprint(_EDITED_LIVE, _size_and_time)
    return hashlib.sha256(f"{_release()}:{edits}".encode()).hexdigest()[:16]


@cache
def _release() -> str:
    return _fingerprint(_SOURCES, Path.read_bytes)


def _size_and_time(path: Path) -> bytes:
    status = path.stat()
    return f"{status.st_size}:{status.st_mtime_ns}".encode()


def _fingerprint(folders: tuple[str, ...], read: Callable[[Path], bytes]) -> str:
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in folders:
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".js", ".mo"}:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(read(path))
    return digest.hexdigest()[:16]


# A process reads the generation at most once in this many seconds: a
# change shows within a second, and a page served from its rendered copy
# needs no query at all.
GENERATION_TTL = 1.0
_last_read: tuple[float, int] = (-GENERATION_TTL, 0)
# Within one request the generation stays as first read, so everything a
# page keeps under it (cards' field names, filters, counts) agrees.
_request = threading.local()


@receiver(request_started)
def _read_generation_afresh(**kwargs: object) -> None:
    _request.generation = None


@receiver(request_finished)
def _leave_request(**kwargs: object) -> None:
    _request.__dict__.pop("generation", None)


def catalogue_generation() -> int:
    """Bumped by the database whenever what readers see changes."""
    global _last_read
    if (number := getattr(_request, "generation", None)) is not None:
        return number
    read_at, number = _last_read
    now = time.monotonic()
    if now - read_at >= GENERATION_TTL:
        number = (
            CatalogueGeneration.objects.filter(pk=1)
            .values_list("number", flat=True)
            .first()
        ) or 0
        _last_read = (now, number)
    if hasattr(_request, "generation"):
        _request.generation = number
    return number


@dataclass(frozen=True)
class _Kept:
    generation: int | None
    values: dict[Hashable, object] = field(default_factory=dict)


# Values derived from the catalogue, kept by this process for the newest
# generation it has seen: plain objects in a dict, since a cache backend
# would pickle and unpickle hundreds of field and family names on every
# request. A new generation gets a new store rather than a cleared one, so
# a thread still reading the old store never sees it change under it.
_store = _Kept(None)


def kept[T](key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per catalogue generation in this process.

    A request that began before the generation changed computes from what
    it reads, and keeps nothing: its value belongs to an older catalogue.
    """
    global _store
    generation = catalogue_generation()
    store = _store
    if store.generation != generation:
        if store.generation is not None and generation < store.generation:
            return compute()
        store = _store = _Kept(generation)
    try:
        return store.values[key]  # type: ignore[return-value]
    except KeyError:
        value = store.values[key] = compute()
        return value


def forget_kept() -> None:
    """For tests, whose rollbacks bring an earlier generation number back."""
    global _store
    _store = _Kept(None)


def page_etag(request: HttpRequest, *parts: object, dated: bool = True) -> str:
    """A strong validator for the page at this URL, as things stand now.

    Pages that show no date (`dated=False`: pinned versions cite none, and
    the list, history and suggestions show none) stay the same from one day
    to the next.
    """
    key = "\n".join(
        str(part)
        for part in (
            release(),
            catalogue_generation(),
            translation.get_language(),
            request.get_full_path(),
            bool(request.headers.get("HX-Request")),
            timezone.localdate().isoformat() if dated else "",
            *parts,
        )
    )
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def not_modified(
    request: HttpRequest, etag: str, *, shared: bool, long_lived: bool = False
) -> HttpResponse | None:
    """A 304 when the browser already holds this version of the page.

    Django evaluates the request's preconditions (weak validators match,
    as RFC 9110 asks of If-None-Match); the 304 carries the caching headers
    the page itself would, so caches keep it as long as they kept the page.
    """
    page = mark_fresh(HttpResponse(), etag, shared=shared, long_lived=long_lived)
    answer = get_conditional_response(request, etag=etag, response=page)
    return None if answer is page else answer


# How long caches may keep a page of pinned versions without asking again.
# Not forever: a version can still be retracted, and its page then says so.
PINNED_FOR = 7 * 24 * 60 * 60


def mark_fresh(
    response: HttpResponse, etag: str, *, shared: bool, long_lived: bool = False
) -> HttpResponse:
    """Validators and caching rules for a reader page.

    `shared` pages are the same for every reader and may sit in public
    caches; others hold the reader's tray or form tokens and stay private.
    Pages that may change are revalidated on every use (a 304 is cheap);
    `long_lived` pages (every version pinned) are kept for PINNED_FOR.
    """
    response["ETag"] = etag
    if long_lived and shared:
        patch_cache_control(response, public=True, max_age=PINNED_FOR)
    else:
        patch_cache_control(
            response, no_cache=True, **{"public" if shared else "private": True}
        )
    patch_vary_headers(response, ["HX-Request"])
    return response
