"""Reading rendered pages the way a reader sees them."""

from bs4 import BeautifulSoup, Tag


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(element: Tag) -> str:
    """The visible text of an element, white space folded, screen-reader-only text left out."""
    for hidden in element.select(".visually-hidden"):
        hidden.extract()
    return " ".join(element.get_text(" ").split()).replace(" ,", ",")
