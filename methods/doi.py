"""DOIs are stored bare (`10.1109/TKDE.2009.191`) whatever form was typed."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Matches what the DOI handbook allows: a 10.<registrant> prefix, a slash,
# and a suffix of printable characters without spaces.
DOI_PATTERN = r"^10\.[0-9]{4,9}(\.[0-9]+)*/\S+$"
_DOI_RE = re.compile(DOI_PATTERN)
_PREFIXES = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|urn:doi:)", flags=re.IGNORECASE
)


def normalize_doi(value: str) -> str:
    """Strip the resolver link or `doi:` label an editor may have typed."""
    value = (value or "").strip()
    return _PREFIXES.sub("", value).strip()


def is_valid_doi(value: str) -> bool:
    return bool(_DOI_RE.match(value))


def validate_doi(value: str) -> None:
    if value and not is_valid_doi(normalize_doi(value)):
        raise ValidationError(
            _(
                "“%(value)s” is not a DOI. Enter one like 10.1109/TKDE.2009.191 "
                "(a https://doi.org/ link or a doi: prefix is fine too)."
            ),
            code="invalid_doi",
            params={"value": value},
        )
