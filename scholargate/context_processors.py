from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

# Each language is offered under its own name, as readers look for it.
OWN_NAMES = {"en": "English", "zh": "中文"}


def site(request: HttpRequest) -> dict:
    return {"language_links": language_links(request)}


def language_links(request: HttpRequest) -> list[dict]:
    """The current page in each language, query string included.

    Every public URL is the same path under each language prefix, so
    swapping the prefix is exact, even on a 404 page.
    """
    current = translation.get_language()
    path = request.get_full_path()
    prefix = f"/{current}/"
    rest = path[len(prefix) :] if path.startswith(prefix) else ""
    return [
        {
            "code": code,
            "name": OWN_NAMES[code],
            "url": f"/{code}/{rest}",
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
