import logging
from collections.abc import Callable

from django.core.cache import cache
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
)
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from compare.comparison import Comparison, build_comparison
from compare.exports.bibtex import comparison_bibtex
from compare.exports.naming import comparison_stem
from compare.exports.ris import comparison_ris
from compare.exports.slides import comparison_slides
from compare.exports.table_csv import comparison_csv
from compare.selection import (
    MAX_PARAMETER_LENGTH,
    Selection,
    SelectionTooLong,
    parse_selection,
)
from methods import freshness
from methods.citations.files import BIBTEX, CSV, PPTX, RIS, attachment, site_url

logger = logging.getLogger(__name__)

# Rendered compare pages are kept per process; their key names the catalogue
# generation, so a stale copy is never served, only left to expire.
RENDERED_FOR = 60 * 60


@require_safe
def compare_page(request: HttpRequest) -> HttpResponse:
    try:
        selection = parse_selection(request.GET)
    except SelectionTooLong as error:
        return _too_long(error)

    # The page is the same for every reader: it is answered from the copy
    # rendered for its validator, rendered first if this worker has none.
    # Even a 304 needs it: whether caches may keep the page for long
    # depends on what the comparison found.
    etag = freshness.page_etag(request, dated=not selection.all_pinned)
    rendered = cache.get(f"compare:{etag}")
    if rendered is None:
        rendered = _render(request, selection)
        cache.set(f"compare:{etag}", rendered, timeout=RENDERED_FOR)

    html, fixed = rendered
    if unchanged := freshness.not_modified(
        request, etag, shared=True, long_lived=fixed
    ):
        return unchanged
    return freshness.mark_fresh(HttpResponse(html), etag, shared=True, long_lived=fixed)


def _render(request: HttpRequest, selection: Selection) -> tuple[str, bool]:
    """The page's HTML, and whether it never changes."""
    comparison = _comparison(request, selection)
    template = "compare/page.html"
    if request.htmx and not request.htmx.boosted:
        template += "#comparison"
    html = render_to_string(template, {"comparison": comparison}, request)
    # Only pinned versions that all exist make a page that never changes:
    # a notice about one left out names today's catalogue.
    fixed = selection.all_pinned and not (
        comparison.unknown or comparison.unknown_versions
    )
    return html, fixed


@require_safe
def slides(request: HttpRequest) -> HttpResponse:
    return _export(request, comparison_slides, "pptx", PPTX)


@require_safe
def table_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, comparison_csv, "csv", CSV)


@require_safe
def bibtex(request: HttpRequest) -> HttpResponse:
    return _export(request, comparison_bibtex, "bib", BIBTEX)


@require_safe
def ris(request: HttpRequest) -> HttpResponse:
    return _export(request, comparison_ris, "ris", RIS)


def _export(
    request: HttpRequest,
    write: Callable[[Comparison], bytes | str],
    extension: str,
    content_type: str,
) -> HttpResponse:
    """The page's comparison as a file: same parameters, same refusals."""
    try:
        selection = parse_selection(request.GET)
    except SelectionTooLong as error:
        return _too_long(error)
    if not selection.requested:
        return HttpResponseBadRequest(
            gettext(
                "Nothing to export: name the methods to compare, as ?m=slug1,slug2."
            ),
            content_type="text/plain; charset=utf-8",
        )

    comparison = _comparison(request, selection)
    if not comparison.cards:
        return HttpResponseNotFound(
            gettext(
                "Nothing to export: none of the requested methods is in the catalogue."
            ),
            content_type="text/plain; charset=utf-8",
        )

    filename = f"{comparison_stem(comparison.slugs)}.{extension}"
    logger.info("Exporting %s (%s)", filename, comparison.language)
    return attachment(write(comparison), content_type, filename)


def _comparison(request: HttpRequest, selection: Selection) -> Comparison:
    return build_comparison(
        selection,
        language=translation.get_language(),
        site_url=site_url(request),
        today=timezone.localdate(),
    )


def _too_long(error: SelectionTooLong) -> HttpResponse:
    return HttpResponseBadRequest(
        gettext(
            "The parameter “%(name)s” is longer than %(limit)s characters; "
            "a comparison holds at most 6 methods."
        )
        % {"name": str(error)[:40], "limit": f"{MAX_PARAMETER_LENGTH:,}"},
        content_type="text/plain; charset=utf-8",
    )
