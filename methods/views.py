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
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_POST, require_safe

from methods import freshness, listing, search, tray
from methods.cards import (
    Card,
    alias_groups,
    card_from_content,
    cards_for,
    citation_line,
    latest_cards,
    localize,
)
from methods.content import method_content
from methods.models import CatalogueEntry, Method, MethodVersion
from methods.tray import compare_selection
from methods.versions import diff_contents


@require_safe
@ensure_csrf_cookie
def catalogue(request: HttpRequest) -> HttpResponse:
    # Ticking posts with htmx, which reads the token from the cookie.
    etag = _reader_etag(request, dated=False)
    if unchanged := _reader_not_modified(request, etag):
        return unchanged

    language = translation.get_language()
    choices = listing.filter_choices(language)
    wanted = listing.read_listing(request.GET, choices)

    capped = False
    number = _page_number(request.GET.get("page"))
    if wanted.query:
        # Search ranks and pages in the database; the paginator only counts.
        results, number = listing.found(wanted, language, number)
        page = Paginator(range(results.total), listing.PAGE_SIZE).get_page(number)
        slugs, capped = results.slugs, results.capped
    elif not wanted.filtered:
        # The whole catalogue in order is kept: any page is a slice of it.
        ordered = listing.ordered(wanted, language)
        page = Paginator(ordered, listing.PAGE_SIZE).get_page(number)
        slugs = list(page)
    else:
        found = listing.entries(wanted, language).values_list("slug", flat=True)
        paginator = Paginator(found, listing.PAGE_SIZE)
        paginator.count = listing.count(wanted)  # kept; Paginator would count
        page = paginator.get_page(number)
        slugs = list(page)
    # Nothing found: offer the names that come closest instead.
    closest = search.closest_names(wanted.query) if wanted.query and not slugs else []

    ticked = tray.tray_slugs(request.session)
    # Methods of a comparison the reader came from: ticks are added to them.
    carried = tray.compare_selection(request.GET.get("compare", ""))
    cards = latest_cards([*slugs, *closest, *ticked], language)
    rows = listing.rows([cards[slug] for slug in slugs if slug in cards], ticked)
    context = {
        "carried": carried,
        "carried_query": ",".join(carried),
        "listing": wanted,
        "capped": capped,
        "choices": choices,
        "page": page,
        "rows": rows,
        "closest": [cards[slug] for slug in closest if slug in cards],
        "canonical": _absolute(request, request.path),
        **_tray_context(request, cards, ticked, shown=slugs),
    }
    response = render(request, "methods/list.html", context)
    return freshness.mark_fresh(response, etag, shared=False)


@require_safe
def suggest(request: HttpRequest) -> HttpResponse:
    etag = freshness.page_etag(request, dated=False)
    if unchanged := freshness.not_modified(request, etag, shared=True):
        return unchanged

    language = translation.get_language()
    selection = compare_selection(request.GET.get("compare", ""))
    slugs = search.suggest(request.GET.get("q", ""), language, exclude=selection)
    cards = latest_cards(slugs, language)

    # A comparison that is full takes no seventh column: suggestions then
    # lead to the entries' pages, as they do outside a comparison.
    adding = bool(selection) and len(selection) < tray.LIMIT
    suggestions = []
    for slug in slugs:
        if slug in cards:
            href = (
                tray.compare_url([*selection, slug])
                if adding
                else reverse("methods:detail", args=[slug])
            )
            suggestions.append((cards[slug], href))
    response = render(request, "methods/suggestions.html", {"suggestions": suggestions})
    return freshness.mark_fresh(response, etag, shared=True)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    slug = slug.lower()
    if "preview" in request.GET and request.user.is_staff:
        return _preview(request, slug)
    etag = _reader_etag(request)
    if unchanged := _reader_not_modified(request, etag):
        return unchanged
    card = latest_cards([slug], translation.get_language()).get(slug)
    if card is None:
        raise Http404
    response = _entry_page(request, card, reverse("methods:detail", args=[slug]))
    return freshness.mark_fresh(response, etag, shared=False)


@require_safe
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A version's permanent address: the same content forever, for everyone.

    It shows no tray and no form, so caches may keep it (PINNED_FOR).
    """
    etag = freshness.page_etag(request, dated=False)
    if unchanged := freshness.not_modified(request, etag, shared=True, long_lived=True):
        return unchanged
    # The latest version too, in the same query, for a version that is not.
    key, latest = (slug.lower(), number), (slug.lower(), None)
    found = cards_for([key, latest], translation.get_language())
    if key not in found:
        return _no_such_version(request, found.get(latest), number)
    card = found[key]
    path = reverse("methods:version", args=[card.slug, number])
    response = _entry_page(request, card, path, permalink=True)
    return freshness.mark_fresh(response, etag, shared=True, long_lived=True)


def _no_such_version(
    request: HttpRequest, latest: Card | None, number: int
) -> HttpResponse:
    """The site's 404, pointing to the entry's latest version if it has one."""
    if latest is None:
        raise Http404
    context = {"latest": latest, "asked": number}
    return render(request, "404.html", context, status=404)


def _reader_etag(request: HttpRequest, *, dated: bool = True) -> str:
    """Pages with the tray also show the reader's ticks, form tokens and notices.

    The form tokens come from the secret this response's cookie carries, a
    new one on a first visit, so the reader's next request can be a 304.
    """
    get_token(request)
    return freshness.page_etag(
        request,
        tray.tray_slugs(request.session),
        request.META["CSRF_COOKIE"],
        request.COOKIES.get("messages", ""),
        dated=dated,
    )


def _reader_not_modified(request: HttpRequest, etag: str) -> HttpResponse | None:
    """A 304 for a page with the tray, if the reader still has its form token.

    Without the token's cookie they get a new one with the page: a copy
    they kept holds a token for a cookie they no longer have.
    """
    if settings.CSRF_COOKIE_NAME not in request.COOKIES:
        return None
    return freshness.not_modified(request, etag, shared=False)


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
    return _entry_page(request, card, reverse("methods:detail", args=[slug]))


def _entry_page(
    request: HttpRequest, card: Card, path: str, *, permalink: bool = False
) -> HttpResponse:
    language = translation.get_language()
    ticked = [] if permalink else tray.tray_slugs(request.session)
    cards = latest_cards([*card.related, *ticked], language)
    page_url = _absolute(request, path)
    # Cite the version's permanent address: the entry's own page moves on.
    cited_url = (
        page_url
        if card.is_preview
        else _absolute(
            request, reverse("methods:version", args=[card.slug, card.version])
        )
    )
    context = {
        "card": card,
        "permalink": permalink,
        "aliases": alias_groups(card),
        "related": [cards[other] for other in card.related if other in cards],
        "alternates": [
            (code, _absolute(request, path)) for code, path in _alternates(path)
        ],
        "page_url": page_url,
        "citation": citation_line(
            card, cited_url, None if permalink else timezone.localdate()
        ),
    }
    if not permalink:
        context.update(
            in_tray=card.slug in ticked,
            **_tray_context(
                request, {**cards, card.slug: card}, ticked, entry=card.slug
            ),
        )
    return render(request, "methods/detail.html", context)


@require_safe
def history(request: HttpRequest, slug: str) -> HttpResponse:
    # Publishing and retraction bump the catalogue generation: the page
    # changes with them only.
    etag = freshness.page_etag(request, dated=False)
    if unchanged := freshness.not_modified(request, etag, shared=True):
        return unchanged

    versions = list(
        MethodVersion.objects.filter(method__slug=slug.lower())
        .select_related("method")
        .order_by("-number")
    )
    if not versions:
        raise Http404
    by_number = {version.number: version for version in versions}
    defaults = {
        "from": versions[min(1, len(versions) - 1)].number,
        "to": versions[0].number,
    }
    shown, missing = {}, []
    for side, default in defaults.items():
        asked = request.GET.get(side, "")
        known = _known_version(asked, by_number)
        shown[side] = default if known is None else known
        if asked and known is None:
            # Named in a notice, so printable: a NUL byte never reaches a page.
            printable = "".join(char for char in asked if char.isprintable())
            missing.append((printable, default))
    older, newer = by_number[shown["from"]], by_number[shown["to"]]
    context = {
        "missing": missing,
        "slug": versions[0].method.slug,
        "name": localize(versions[0].content["name"], translation.get_language()),
        "versions": versions,
        "older": older,
        "newer": newer,
        "changes": diff_contents(older.content, newer.content),
    }
    response = render(request, "methods/history.html", context)
    return freshness.mark_fresh(response, etag, shared=True)


def _known_version(raw: str, known: dict[int, MethodVersion]) -> int | None:
    """The version a query string names, if the entry has it."""
    try:
        number = int(raw)
    except ValueError:
        return None
    return number if number in known else None


@require_POST
def tray_update(request: HttpRequest) -> HttpResponse:
    """Tick or untick a method; htmx gets the tray back, others a redirect."""
    action = request.POST.get("action", "")
    slug = request.POST.get("slug", "")
    if action not in {"add", "remove", "clear"}:
        return HttpResponseBadRequest(_("Say whether to add or remove a method."))
    if slug and not tray.is_slug(slug):
        raise Http404
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


def _alternates(path: str) -> list[tuple[str, str]]:
    """The same page under each language prefix."""
    current = f"/{translation.get_language()}/"
    rest = path.removeprefix(current)
    return [(code, f"/{code}/{rest}") for code, _name in settings.LANGUAGES]


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
        # Reversed once: the tick of every row on a page posts here.
        "tray_url": reverse("methods:tray"),
        "tray_cards": [cards[slug] for slug in in_tray],
        "tray_compare_url": tray.compare_url(in_tray),
        "tray_limit": tray.LIMIT,
        # The no-JS compare form already sends the ticked boxes it shows.
        "tray_hidden": [slug for slug in in_tray if slug not in shown],
        "tray_shown": ",".join(shown),
        "tray_entry": entry,
        "tray_next": next or request.get_full_path(),
    }
