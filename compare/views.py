from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from compare.comparison import build_comparison
from compare.selection import MAX_PARAMETER_LENGTH, SelectionTooLong, parse_selection


@require_safe
def compare_page(request: HttpRequest) -> HttpResponse:
    try:
        selection = parse_selection(request.GET)
    except SelectionTooLong as error:
        return HttpResponseBadRequest(
            gettext(
                "The parameter “%(name)s” is longer than %(limit)s characters; "
                "a comparison holds at most 6 methods."
            )
            % {"name": str(error)[:40], "limit": f"{MAX_PARAMETER_LENGTH:,}"},
            content_type="text/plain; charset=utf-8",
        )

    comparison = build_comparison(
        selection,
        language=translation.get_language(),
        site_url=settings.SITE_URL or request.build_absolute_uri("/").rstrip("/"),
        today=timezone.localdate(),
    )

    template = "compare/page.html"
    if request.htmx and not request.htmx.boosted:
        template += "#comparison"
    response = render(request, template, {"comparison": comparison})
    patch_vary_headers(response, ["HX-Request"])
    return response
