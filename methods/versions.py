"""Comparing two versions of an entry field by field, words marked inside texts."""

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from methods.cards import Citation
from methods.content import normalize_content

# Chinese has no spaces: each character is a word for the diff.
_WORDS = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+|\s+"
)


@dataclass(frozen=True)
class Segment:
    text: str
    change: str  # "same", "removed" or "added"


@dataclass(frozen=True)
class FieldChange:
    label: Promise
    before: tuple[Segment, ...]
    after: tuple[Segment, ...]
    changed: bool


def _flatten(content: dict[str, Any]) -> list[tuple[Promise, str]]:
    content = normalize_content(content)
    texts: list[tuple[Promise, str]] = []
    for key, label in [
        ("name", _("Name")),
        ("type", _("Type")),
        ("origin_year_text", _("Origin year")),
        ("summary", _("Summary")),
    ]:
        texts.append((label, content[key].get("en", "")))
        texts.append(
            (_("%(label)s (Chinese)") % {"label": label}, content[key].get("zh", ""))
        )
    texts += [
        (_("Proposed by"), content["proposers"]),
        (_("Field"), content["field"] or ""),
        (_("Method family"), content["family"] or ""),
        (
            _("Aliases"),
            "; ".join(f"{a['name']} [{a['language']}]" for a in content["aliases"]),
        ),
        (
            _("Seminal references"),
            "\n".join(
                f"{Citation(**ref).text} {ref['doi'] or ref['url']}"
                for ref in content["references"]
            ),
        ),
        (_("Related"), ", ".join(content["related"])),
        (
            _("Sources"),
            "\n".join(f"{s['title']} ({s['accessed']})" for s in content["sources"]),
        ),
        (_("Attribution"), content["attribution"]["text"]),
    ]
    return texts


def diff_contents(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    return [
        _field_change(label, old, new)
        for (label, old), (_label, new) in zip(
            _flatten(before), _flatten(after), strict=True
        )
    ]


def _field_change(label: Promise, old: str, new: str) -> FieldChange:
    if old == new:
        same = (Segment(old, "same"),) if old else ()
        return FieldChange(label, same, same, changed=False)
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    before: list[Segment] = []
    after: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            before.append(Segment("".join(old_words[a1:a2]), "same"))
            after.append(Segment("".join(new_words[b1:b2]), "same"))
            continue
        if a2 > a1:
            before.append(Segment("".join(old_words[a1:a2]), "removed"))
        if b2 > b1:
            after.append(Segment("".join(new_words[b1:b2]), "added"))
    return FieldChange(label, tuple(before), tuple(after), changed=True)
