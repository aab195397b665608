"""What the compare page shows, read from its HTML, for files to be checked against."""

from dataclasses import dataclass

from tests.pages import page, text

REFERENCE = "multitask-learning,knowledge-distillation,transfer-learning"


@dataclass(frozen=True)
class ShownRow:
    label: str
    differs: bool
    cells: list[str]


@dataclass(frozen=True)
class ShownComparison:
    names: list[str]
    rows: list[ShownRow]
    citation: str
    canonical_url: str
    reference_links: list[str]


def shown_comparison(client, language: str, **query: str) -> ShownComparison:
    soup = page(client.get(f"/{language}/compare/", query))
    links = [a["href"] for a in soup.select("td a[rel~=external]")]
    rows = []
    for tr in soup.select("table tbody tr"):
        label = text(tr.find("th", scope="row")).replace("≠", "").strip()
        rows.append(
            ShownRow(
                label,
                "differs" in tr.get("class", []),
                [_as_file_text(td) for td in tr.find_all("td")],
            )
        )
    return ShownComparison(
        names=[text(th) for th in soup.select("table thead th[scope=col]")][1:],
        rows=rows,
        citation=text(soup.select_one("#citation")),
        canonical_url=soup.select_one("link[rel=canonical]")["href"],
        reference_links=links,
    )


def _as_file_text(td) -> str:
    """A cell as files write it: an out-link becomes its address."""
    citations = td.select("p.citation")
    if not citations:
        return text(td)
    lines = []
    for citation in citations:
        link = citation.a.extract()
        lines.append(f"{text(citation)} {link['href']}")
    return "\n".join(lines)


def folded(value: str) -> str:
    """White space folded line by line, as the page's text is."""
    return "\n".join(" ".join(line.split()) for line in value.split("\n"))
