from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from methods import freshness
from methods.cards import latest_cards

FEATURED = ["multitask-learning", "knowledge-distillation", "transfer-learning"]


@require_safe
def language_redirect(request: HttpRequest) -> HttpResponse:
    """Send `/` to the reader's language, as the browser states it."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = HttpResponseRedirect(reverse("home"))
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    etag = freshness.page_etag(request, dated=False)
    if unchanged := freshness.not_modified(request, etag, shared=True):
        return unchanged

    cards = latest_cards(FEATURED, translation.get_language())
    featured = [cards[slug] for slug in FEATURED if slug in cards]
    response = render(
        request,
        "home.html",
        {"featured": featured, "featured_slugs": ",".join(FEATURED)},
    )
    return freshness.mark_fresh(response, etag, shared=True)


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """A trivial answer through the whole stack: for load balancers and the
    benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
