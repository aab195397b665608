"""An entry's own references and citation as files for reference managers.

The formats are written by `compare.exports`, the one place that knows
BibTeX and RIS; an entry is exported as a comparison of one, minus the table.

The entry's files follow its latest version and carry the day they were
made; a version's files cite that version, like its page, without a date.
"""

import logging
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from methods.cards import Card, cards_for, latest_cards
from methods.citations.bibtex import write_bibtex
from methods.citations.files import BIBTEX, RIS, attachment, entry_stem, site_url
from methods.citations.records import WebRecord, entry_record
from methods.citations.ris import write_ris

logger = logging.getLogger(__name__)

Writer = Callable[[WebRecord, list[Card]], str]


@require_safe
def references_bibtex(request: HttpRequest, slug: str) -> HttpResponse:
    return _latest(request, slug, write_bibtex, "bib", BIBTEX)


@require_safe
def references_ris(request: HttpRequest, slug: str) -> HttpResponse:
    return _latest(request, slug, write_ris, "ris", RIS)


@require_safe
def version_references_bibtex(
    request: HttpRequest, slug: str, number: int
) -> HttpResponse:
    return _version(request, slug, number, write_bibtex, "bib", BIBTEX)


@require_safe
def version_references_ris(
    request: HttpRequest, slug: str, number: int
) -> HttpResponse:
    return _version(request, slug, number, write_ris, "ris", RIS)


def _latest(
    request: HttpRequest, slug: str, write: Writer, extension: str, content_type: str
) -> HttpResponse:
    card = latest_cards([slug.lower()], translation.get_language()).get(slug.lower())
    if card is None:
        raise Http404

    record = entry_record(
        card, url=_version_url(request, card), accessed=timezone.localdate()
    )
    filename = f"{entry_stem(card.slug)}-references.{extension}"
    return _file(write(record, [card]), content_type, filename)


def _version(
    request: HttpRequest,
    slug: str,
    number: int,
    write: Writer,
    extension: str,
    content_type: str,
) -> HttpResponse:
    # As on the version's page: a retracted version is still shown, and its
    # record says it was retracted and why.
    key = (slug.lower(), number)
    card = cards_for([key], translation.get_language()).get(key)
    if card is None:
        raise Http404

    record = entry_record(card, url=_version_url(request, card), accessed=None)
    filename = f"{entry_stem(card.slug, card.version)}-references.{extension}"
    return _file(write(record, [card]), content_type, filename)


def _version_url(request: HttpRequest, card: Card) -> str:
    """The version's permanent address, which both files cite."""
    return site_url(request) + reverse(
        "methods:version", args=[card.slug, card.version]
    )


def _file(content: str, content_type: str, filename: str) -> HttpResponse:
    logger.info("Exporting %s", filename)
    return attachment(content, content_type, filename)
