from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from methods import listing, search, tray
from methods.cards import Card, alias_groups, citation_line, latest_cards
from methods.models import CatalogueEntry
from methods.tray import compare_selection


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    choices = listing.filter_choices()
    wanted = listing.read_listing(request.GET, choices)

    paginator = Paginator(
        listing.entries(wanted, language).values_list("slug", flat=True),
        listing.PAGE_SIZE,
    )
    page = paginator.get_page(_page_number(request.GET.get("page")))
    slugs = list(page)
    # Nothing found: offer the names that come closest instead.
    closest = search.closest_names(wanted.query) if wanted.query and not slugs else []

    ticked = tray.tray_slugs(request.session)
    cards = latest_cards([*slugs, *closest, *ticked], language)
    rows = [(cards[slug], slug in ticked) for slug in slugs if slug in cards]
    context = {
        "listing": wanted,
        "choices": choices,
        "page": page,
        "rows": rows,
        "closest": [cards[slug] for slug in closest if slug in cards],
        "canonical": _absolute(request, request.path),
        **_tray_context(request, cards, ticked, shown=slugs),
    }
    return render(request, "methods/list.html", context)


@require_safe
def suggest(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    selection = compare_selection(request.GET.get("compare", ""))
    slugs = search.suggest(request.GET.get("q", ""), language, exclude=selection)
    cards = latest_cards(slugs, language)

    suggestions = []
    for slug in slugs:
        if slug in cards:
            href = (
                tray.compare_url([*selection, slug])
                if selection
                else reverse("methods:detail", args=[slug])
            )
            suggestions.append((cards[slug], href))
    return render(request, "methods/suggestions.html", {"suggestions": suggestions})


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = translation.get_language()
    slug = slug.lower()
    card = latest_cards([slug], language).get(slug)
    if card is None:
        raise Http404

    ticked = tray.tray_slugs(request.session)
    cards = latest_cards([*card.related, *ticked], language)
    page_url = _absolute(request, reverse("methods:detail", args=[slug]))
    context = {
        "card": card,
        "aliases": alias_groups(card),
        "related": [cards[other] for other in card.related if other in cards],
        "alternates": [
            (code, _absolute(request, path)) for code, path in _alternates(slug)
        ],
        "page_url": page_url,
        "citation": citation_line(card, page_url, timezone.localdate()),
        "in_tray": slug in ticked,
        **_tray_context(request, {**cards, slug: card}, ticked, entry=slug),
    }
    return render(request, "methods/detail.html", context)


@require_POST
def tray_update(request: HttpRequest) -> HttpResponse:
    """Tick or untick a method; htmx gets the tray back, others a redirect."""
    action = request.POST.get("action", "")
    slug = request.POST.get("slug", "")
    if action not in {"add", "remove", "clear"}:
        return HttpResponseBadRequest(_("Say whether to add or remove a method."))
    if action == "add" and not CatalogueEntry.objects.filter(slug=slug).exists():
        raise Http404

    notice = ""
    if action == "add" and not tray.add(request.session, slug):
        notice = _(
            "You can compare at most %(count)d methods at once. Remove one from "
            "the tray to add another."
        ) % {"count": tray.LIMIT}
    elif action == "remove":
        tray.remove(request.session, slug)
    elif action == "clear":
        tray.clear(request.session)

    next_url = request.POST.get("next", "")
    if not request.htmx:
        if notice:
            messages.warning(request, notice)
        if not url_has_allowed_host_and_scheme(
            next_url, {request.get_host()}, request.is_secure()
        ):
            next_url = reverse("methods:list")
        return HttpResponseRedirect(next_url)

    language = translation.get_language()
    ticked = tray.tray_slugs(request.session)
    cards = latest_cards([*ticked, slug], language)
    shown = compare_selection(request.POST.get("shown", ""), limit=None)
    entry = request.POST.get("entry", "")
    context = {
        **_tray_context(
            request, cards, ticked, shown=shown, entry=entry, next=next_url
        ),
        "tray_notice": notice,
        "changed": cards.get(slug),
        "changed_in_tray": slug in ticked,
        "update_tick": slug in shown,
        "update_entry": slug == entry,
    }
    return render(request, "methods/tray.html#update", context)


def _absolute(request: HttpRequest, path: str) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def _page_number(raw: str | None) -> int:
    """A page number; Paginator.get_page turns one past the end into the last."""
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _alternates(slug: str) -> list[tuple[str, str]]:
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append((code, reverse("methods:detail", args=[slug])))
    return paths


def _tray_context(
    request: HttpRequest,
    cards: dict[str, Card],
    ticked: list[str],
    *,
    shown: list[str] = (),
    entry: str = "",
    next: str = "",
) -> dict:
    """What the tray partial needs, on a page or alone for htmx."""
    in_tray = [slug for slug in ticked if slug in cards]
    return {
        "tray_cards": [cards[slug] for slug in in_tray],
        "tray_compare_url": tray.compare_url(in_tray),
        "tray_limit": tray.LIMIT,
        # The no-JS compare form already sends the ticked boxes it shows.
        "tray_hidden": [slug for slug in in_tray if slug not in shown],
        "tray_shown": ",".join(shown),
        "tray_entry": entry,
        "tray_next": next or request.get_full_path(),
    }
