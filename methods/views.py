from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from methods.cards import card_from_content, cards_for, latest_cards, localize
from methods.content import method_content
from methods.models import Method, MethodVersion, Status
from methods.versions import diff_contents


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
    if "preview" in request.GET and request.user.is_staff:
        return _preview(request, slug)
    card = latest_cards([slug], translation.get_language()).get(slug)
    if card is None:
        raise Http404
    return render(request, "methods/detail.html", {"card": card})


@never_cache
def _preview(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff see the working copy on the public page, clearly marked."""
    method = get_object_or_404(
        Method.objects.prefetch_related("aliases", "references", "sources", "related"),
        slug=slug,
    )
    card = card_from_content(
        method_content(method), translation.get_language(), version=0
    )
    return render(request, "methods/detail.html", {"card": card})


@require_safe
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A version's permanent address: the same content forever."""
    card = cards_for([(slug, number)], translation.get_language()).get((slug, number))
    if card is None:
        raise Http404
    return render(request, "methods/detail.html", {"card": card, "permalink": True})


@require_safe
def history(request: HttpRequest, slug: str) -> HttpResponse:
    versions = list(
        MethodVersion.objects.filter(method__slug=slug)
        .select_related("method")
        .order_by("-number")
    )
    if not versions:
        raise Http404
    by_number = {version.number: version for version in versions}
    newer = _version_number(request.GET.get("to"), by_number, versions[0].number)
    older = _version_number(
        request.GET.get("from"), by_number, versions[min(1, len(versions) - 1)].number
    )
    context = {
        "slug": slug,
        "name": localize(versions[0].content["name"], translation.get_language()),
        "versions": versions,
        "older": by_number[older],
        "newer": by_number[newer],
        "changes": diff_contents(by_number[older].content, by_number[newer].content),
    }
    return render(request, "methods/history.html", context)


def _version_number(
    raw: str | None, known: dict[int, MethodVersion], default: int
) -> int:
    """A version asked for in the query string, or the default if it is not one."""
    try:
        number = int(raw or "")
    except ValueError:
        return default
    return number if number in known else default


@require_safe
def suggest(request: HttpRequest) -> HttpResponse:
    # Replaced by the catalogue search (#4); the compare page already calls it.
    return HttpResponse("")
