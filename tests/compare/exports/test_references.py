"""Reading structure back from the catalogue's APA-like reference strings."""

import pytest

from methods.cards import Citation
from methods.citations.records import Person, kind, page_range, split_authors


def citation(**overrides) -> Citation:
    fields = {
        "authors": "Tester, T.",
        "year": 2001,
        "title": "On testing",
        "venue": "",
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "url": "https://example.org",
    }
    fields.update(overrides)
    return Citation(**fields)


@pytest.mark.parametrize(
    ("authors", "people"),
    [
        ("Caruana, R.", [Person("Caruana", "R.")]),
        (
            "Hinton, G., Vinyals, O. & Dean, J.",
            [Person("Hinton", "G."), Person("Vinyals", "O."), Person("Dean", "J.")],
        ),
        ("Pan, S. J., & Yang, Q.", [Person("Pan", "S. J."), Person("Yang", "Q.")]),
        (
            "Deville, J.-C., & Särndal, C.-E.",
            [Person("Deville", "J.-C."), Person("Särndal", "C.-E.")],
        ),
        ("Ward, J. H., Jr.", [Person("Ward", "J. H.", "Jr.")]),
        (
            "van der Laan, M. J., & Rubin, D.",
            [Person("van der Laan", "M. J."), Person("Rubin", "D.")],
        ),
        (
            "Medical Research Council",
            [Person("Medical Research Council", corporate=True)],
        ),
        ("Student", [Person("Student", corporate=True)]),
    ],
)
def test_author_lists_split_into_people(authors, people):
    assert split_authors(authors) == people


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"venue": "Machine Learning", "volume": "28"}, "article"),
        ({"venue": "Proceedings of the IEEE Conference on CVPR"}, "inproceedings"),
        ({"venue": "NeurIPS Deep Learning Workshop"}, "inproceedings"),
        ({"venue": "arXiv preprint arXiv:1607.06450"}, "misc"),
        ({"venue": ""}, "misc"),
        ({"venue": "Oliver and Boyd"}, "book"),
    ],
)
def test_the_kind_of_reference_follows_its_venue(overrides, expected):
    assert kind(citation(**overrides)) == expected


def test_page_ranges_split_on_any_dash():
    assert page_range("41–75") == ("41", "75")
    assert page_range("41-75") == ("41", "75")
    assert page_range("e1002") == ("e1002", "")
