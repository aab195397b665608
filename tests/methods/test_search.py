"""Search finds an entry by any of its names, in any language and script."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from methods.content import normalize_content
from methods.listing import Listing, entries
from methods.models import CatalogueEntry, MethodVersion, SearchWord, Status
from methods.search import (
    Results,
    clean_query,
    closest_names,
    matches,
    refresh_index,
    search,
    suggest,
)
from tests.builders import entry, make_method, make_published, publish_renamed

pytestmark = pytest.mark.django_db


def first(query: str, language: str = "en") -> str | None:
    slugs = search(query, language).slugs
    return slugs[0] if slugs else None


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("迁移学习", "transfer-learning"),
        ("Transfer learning", "transfer-learning"),
        ("TL", "transfer-learning"),
        ("Çok Görevli Öğrenme", "multitask-learning"),
        ("MMoE", "multi-gate-mixture-of-experts"),
        ("十字绣网络", "cross-stitch-networks"),
        ("知识蒸馏", "knowledge-distillation"),
    ],
)
def test_an_exact_name_or_alias_in_any_language_comes_first(query, slug):
    assert first(query) == slug


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("cok gorevli ogrenme", "multitask-learning"),
        ("BILGI DAMITMA", "knowledge-distillation"),
        ("bilgi damitma", "knowledge-distillation"),
        ("transfer LEARNING", "transfer-learning"),
        ("multitask-learning", "multitask-learning"),
        ("teacher student distillation", "knowledge-distillation"),
    ],
)
def test_accents_case_and_punctuation_do_not_matter(query, slug):
    assert first(query) == slug


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("蒸馏", "knowledge-distillation"),
        ("迁移", "transfer-learning"),
        ("混合专家", "multi-gate-mixture-of-experts"),
    ],
)
def test_part_of_a_chinese_name_finds_the_entry(query, slug):
    assert first(query, "zh") == slug


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("distilation", "knowledge-distillation"),
        ("multitask lerning", "multitask-learning"),
        ("tranfer learning", "transfer-learning"),
        ("cros stitch networks", "cross-stitch-networks"),
        ("knowlege", "knowledge-distillation"),
        ("selftaught", "self-taught-learning"),
        ("netwerk", "cross-stitch-networks"),
    ],
)
def test_a_small_typo_still_finds_the_entry(query, slug):
    assert first(query) == slug


def test_summary_words_find_entries_below_name_matches():
    slugs = search("distillation", "en").slugs

    assert slugs[0] == "knowledge-distillation"
    # FitNets, DistilBERT and TinyBERT mention distillation in their summaries.
    assert {"fitnets", "distilbert", "tinybert"} <= set(slugs[1:])


def test_summary_words_alone_find_an_entry():
    assert search("ensemble", "en").slugs[:1] in (
        ["model-compression"],
        ["knowledge-distillation"],
    )
    assert "self-taught-learning" in search("unlabelled", "en").slugs


def test_words_of_a_chinese_summary_are_found():
    assert "model-compression" in search("集成模型", "zh").slugs


def test_exact_matches_rank_above_partial_ones():
    make_published(slug="tl-variant", name={"en": "TL Variant"})

    assert search("TL", "en").slugs[:2] == ["transfer-learning", "tl-variant"]


def test_search_counts_every_match_and_pages_through_them():
    everything = search("learning", "en")

    page = search("learning", "en", limit=2, offset=2)

    assert everything.total >= 5
    assert page.total == everything.total
    assert page.slugs == everything.slugs[2:4]


@pytest.mark.parametrize("offset", [1000, 10**20])
def test_a_page_past_every_match_is_empty_and_still_counts_them(offset):
    everything = search("learning", "en")

    past = search("learning", "en", limit=2, offset=offset)

    assert past == Results([], everything.total)


def test_nothing_found_is_an_empty_result():
    assert search("zzqxv", "en") == Results([], 0)


def test_unpublished_entries_are_never_found():
    make_method(slug="secret-draft", name={"en": "Secret Draft"})

    assert search("Secret Draft", "en").total == 0


def test_publishing_a_new_version_updates_what_search_finds():
    version = make_published(slug="renamed", name={"en": "Old Name"})

    publish_renamed(version, "Brand New Name")

    assert first("Brand New Name") == "renamed"
    assert search("Old Name", "en").slugs[:1] != ["renamed"]


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "\\", "!!!", "\x00"])
def test_queries_without_letters_search_for_nothing(query):
    assert search(query, "en").total == 0


@pytest.mark.parametrize("query", ["①", "²", "①②", "①②③④", "² ①"])
def test_a_query_that_folds_to_nothing_finds_nothing(query):
    # Letters and digits to Python, punctuation to PostgreSQL's folding.
    assert clean_query(query) == query

    assert search(query, "en") == Results([], 0)
    assert suggest(query, "en") == []


def test_like_wildcards_are_taken_literally():
    assert search("100%", "en").total == 0


def test_clean_query_drops_control_characters_and_cuts_long_input():
    assert clean_query("  a\x00b\n  c ") == "a b c"
    assert len(clean_query("x" * 5000)) == 200


def test_suggestions_are_the_best_eight_at_most():
    assert suggest("dist", "en")[0] == "distilbert"
    assert len(suggest("learning", "en")) <= 8
    assert len(suggest("e", "en")) == 8


def test_suggestions_leave_out_methods_already_compared():
    slugs = suggest("distillation", "en", exclude=["knowledge-distillation"])

    assert "knowledge-distillation" not in slugs
    assert "fitnets" in slugs


def test_closest_names_are_offered_when_nothing_matches():
    assert search("trnsfr lrnng", "en").total == 0
    assert closest_names("trnsfr lrnng") == ["transfer-learning"]


def test_no_close_names_for_a_query_like_no_other():
    assert closest_names("zzqxv") == []


def test_typos_are_corrected_against_names_published_since():
    make_published(slug="wavelet-scattering", name={"en": "Wavelet Scattering"})

    assert first("wavelett scatering") == "wavelet-scattering"


def test_typos_are_not_corrected_to_words_no_name_holds_any_more():
    version = make_published(slug="estimator", name={"en": "Quixotic Estimator"})

    publish_renamed(version, "Plain Estimator")

    assert not SearchWord.objects.filter(word="quixotic").exists()
    assert SearchWord.objects.filter(word="plain").exists()
    assert search("quixotik", "en").total == 0


def test_an_alias_that_folds_longer_than_typed_is_published_and_found():
    # æ folds to "ae": a word of 400 letters, from an alias of 200.
    make_published(slug="long-alias", aliases=[{"name": "æ" * 200, "language": "en"}])

    assert SearchWord.objects.filter(word="ae" * 200).exists()
    assert first("æ" * 200) == "long-alias"


def test_equally_good_matches_go_by_name_then_slug():
    for slug, name in [
        ("tie-b", "Tie Élan"),
        ("tie-a", "tie elan"),
        ("tie-c", "TIE ELAN"),
    ]:
        make_published(slug=slug, name={"en": name})

    assert search("tie elan", "en").slugs[:3] == ["tie-a", "tie-b", "tie-c"]


@pytest.mark.parametrize("sort", ["name", "year", "published"])
def test_a_search_orders_its_matches_as_the_list_orders_them(sort):
    for slug, name in [
        ("tie-b", "Tie Élan"),
        ("tie-a", "tie elan"),
        ("tie-d", "Tie Dusk"),
        ("tie-c", "TIE ELAN"),
    ]:
        make_published(slug=slug, name={"en": name}, origin_year_text={"en": "1990"})
    # Published in the same instant, so that only the ties decide.
    CatalogueEntry.objects.filter(slug__startswith="tie-").update(
        published_at=timezone.now()
    )

    found = matches("tie", "en", sort=sort).slugs
    listed = entries(Listing(sort=sort), "en").values_list("slug", flat=True)

    assert found == [slug for slug in listed if slug in found]


def test_a_search_ranks_and_pages_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        results = search("learning", "en", limit=2, offset=2)

    assert len(results.slugs) == 2


def test_part_of_a_korean_name_finds_the_entry():
    make_published(
        slug="linear-regression",
        aliases=[{"name": "선형회귀", "language": "ko"}],
    )

    assert first("회귀") == "linear-regression"


def _published_again(version: MethodVersion, english_name: str) -> None:
    """A new published version under another name, not yet indexed."""
    MethodVersion.objects.create(
        method=version.method,
        number=version.number + 1,
        status=Status.PUBLISHED,
        content=normalize_content(
            entry(
                slug=version.method.slug,
                name={"en": english_name},
                field=None,
                family=None,
            )
        ),
        published_at=timezone.now(),
    )


def _until_done_or_waiting(done: threading.Event) -> None:
    """Until `done`, or until a transaction in this database waits for a lock."""
    for _attempt in range(1000):
        if done.wait(0.01):
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d"
                " ON d.oid = l.database WHERE d.datname = current_database()"
                " AND NOT l.granted)"
            )
            if cursor.fetchone()[0]:
                return


@pytest.mark.django_db(transaction=True)
def test_a_word_one_entry_drops_while_another_takes_it_stays_in_the_vocabulary():
    dropping = make_published(
        slug="drops-it", name={"en": "Quasar Estimator"}, field=None, family=None
    )
    taking = make_published(
        slug="takes-it", name={"en": "Zircon Method"}, field=None, family=None
    )
    _published_again(dropping, "Lambent Estimator")
    _published_again(taking, "Quasar Method")
    taken, commit = threading.Event(), threading.Event()
    dropped = threading.Event()
    errors: list[Exception] = []

    def take() -> None:
        try:
            with transaction.atomic():
                refresh_index([taking.method_id])
                taken.set()
                commit.wait(10)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def drop() -> None:
        try:
            with transaction.atomic():
                refresh_index([dropping.method_id])
        except Exception as error:
            errors.append(error)
        finally:
            dropped.set()
            connection.close()

    # "quasar" gets its new term, not yet committed, then loses its old one:
    # the taker commits once the dropper is done or waits for it.
    taker = threading.Thread(target=take)
    taker.start()
    taken.wait(10)
    dropper = threading.Thread(target=drop)
    dropper.start()
    _until_done_or_waiting(dropped)
    commit.set()
    taker.join()
    dropper.join()

    assert errors == []
    assert SearchWord.objects.filter(word="quasar").exists()
    assert search("quasr method", "en").slugs[:1] == ["takes-it"]
