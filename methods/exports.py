"""An entry's own references and citation as files for reference managers.

The formats are written by `compare.exports`, the one place that knows
BibTeX and RIS; an entry is exported as a comparison of one, minus the table.
"""

import logging
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from methods.cards import Card, latest_cards
from methods.citations.bibtex import write_bibtex
from methods.citations.files import BIBTEX, RIS, attachment, entry_stem, site_url
from methods.citations.records import WebRecord, entry_record
from methods.citations.ris import write_ris

logger = logging.getLogger(__name__)


@require_safe
def references_bibtex(request: HttpRequest, slug: str) -> HttpResponse:
    return _references(request, slug, write_bibtex, "bib", BIBTEX)


@require_safe
def references_ris(request: HttpRequest, slug: str) -> HttpResponse:
    return _references(request, slug, write_ris, "ris", RIS)


def _references(
    request: HttpRequest,
    slug: str,
    write: Callable[[WebRecord, list[Card]], str],
    extension: str,
    content_type: str,
) -> HttpResponse:
    card = latest_cards([slug.lower()], translation.get_language()).get(slug.lower())
    if card is None:
        raise Http404

    url = site_url(request) + reverse("methods:version", args=[card.slug, card.version])
    record = entry_record(card, url=url, accessed=timezone.localdate())
    filename = f"{entry_stem(card.slug)}-references.{extension}"
    logger.info("Exporting %s", filename)
    return attachment(write(record, [card]), content_type, filename)
