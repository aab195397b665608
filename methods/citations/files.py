"""Serving a file made here: the download response and the site's own address."""

import re
import unicodedata

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CSV = "text/csv; charset=utf-8"
BIBTEX = "application/x-bibtex; charset=utf-8"
RIS = "application/x-research-info-systems; charset=utf-8"


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A download; a non-ASCII name is sent as RFC 5987 `filename*` as well."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = disposition(filename)
    return response


def disposition(filename: str) -> str:
    """RFC 6266: an ASCII `filename` for old clients beside the exact `filename*`."""
    header = content_disposition_header(as_attachment=True, filename=filename)
    if "filename*=" not in header:
        return header
    folded = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = re.sub(r"[^A-Za-z0-9._]+", "-", folded.replace("-", " ")).strip("-")
    return f'attachment; filename="{fallback or "download"}"; ' + header.removeprefix(
        "attachment; "
    )


def site_url(request: HttpRequest) -> str:
    """The public address for citations: SITE_URL, or the request's own host."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


# Long enough for any slug, short enough for any file system.
MAX_STEM_LENGTH = 100


def entry_stem(slug: str, version: int | None = None) -> str:
    """`scholargate-<slug>`, or `scholargate-<slug>-v<n>` for one version;
    a cut slug keeps the version."""
    suffix = f"-v{version}" if version is not None else ""
    stem = f"scholargate-{slug}"[: MAX_STEM_LENGTH - len(suffix)].rstrip("-")
    return stem + suffix
