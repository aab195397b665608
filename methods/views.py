from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from methods.cards import latest_cards
from methods.models import Method, Status


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    # TODO: search, filters and pagination arrive with the catalogue issue (#4).
    slugs = Method.objects.filter(versions__status=Status.PUBLISHED).values_list(
        "slug", flat=True
    )
    cards = latest_cards(slugs, translation.get_language())
    ordered = sorted(cards.values(), key=lambda card: card.name.text.casefold())
    return render(request, "methods/list.html", {"cards": ordered})


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    card = latest_cards([slug.lower()], translation.get_language()).get(slug.lower())
    if card is None:
        raise Http404
    return render(request, "methods/detail.html", {"card": card})


@require_safe
def suggest(request: HttpRequest) -> HttpResponse:
    # Replaced by the catalogue search (#4); the compare page already calls it.
    return HttpResponse("")
