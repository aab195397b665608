"""Permalinks, history and previews: what readers and staff see of versions."""

import pytest
from django.contrib.auth.models import Group, User

from methods.models import Method, MethodVersion
from methods.publishing import publish, retract
from methods.versions import diff_contents
from tests.pages import page, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_version() -> MethodVersion:
    method = Method.objects.get(slug="transfer-learning")
    method.proposers = "Pan, S. J. & Yang, Q."
    method.summary_en = method.summary_en.replace("less data", "far less data")
    method.save()
    return publish(method, note="Shorter proposers; clearer summary.")


def test_a_version_keeps_its_content_at_its_permanent_address(client, second_version):
    first = client.get("/en/methods/transfer-learning/v/1/")
    second = client.get("/en/methods/transfer-learning/v/2/")

    assert first.status_code == second.status_code == 200
    assert "with less data" in first.content.decode()
    assert "with far less data" in second.content.decode()


def test_the_entry_page_shows_the_latest_version_and_links_to_its_permalink(
    client, second_version
):
    response = client.get("/en/methods/transfer-learning/")

    soup = page(response)
    assert "with far less data" in text(soup.main)
    assert soup.select_one("a[href='/en/methods/transfer-learning/v/2/']")
    assert soup.select_one("a[href='/en/methods/transfer-learning/history/']")


def test_an_unknown_version_is_a_404(client):
    response = client.get("/zh/methods/transfer-learning/v/9/")

    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_an_unknown_version_points_to_the_latest_one(client):
    response = client.get("/en/methods/transfer-learning/v/9/")

    main = page(response).main
    assert response.status_code == 404
    assert "Transfer Learning has no version 9: its latest is version 1." in text(main)
    assert main.find("a", string="Go to version 1")["href"] == (
        "/en/methods/transfer-learning/v/1/"
    )


def test_an_unknown_version_of_an_unknown_entry_is_a_plain_404(client):
    response = client.get("/en/methods/no-such-method/v/1/")

    assert response.status_code == 404
    assert "Go to version" not in response.content.decode()


@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999999"])
def test_a_version_number_beyond_any_stored_one_is_a_404(client, number):
    response = client.get(f"/en/methods/transfer-learning/v/{number}/")

    assert response.status_code == 404


def test_a_retracted_version_shows_its_reason(client):
    version = MethodVersion.objects.get(method__slug="fitnets")
    retract(version, user=None, reason="The venue was wrong.")

    response = client.get("/en/methods/fitnets/v/1/")

    assert response.status_code == 200
    assert "Version 1 was retracted" in text(page(response).main)
    assert "The venue was wrong." in text(page(response).main)


def test_history_lists_every_version_with_date_note_and_status(client, second_version):
    response = client.get("/en/methods/transfer-learning/history/")

    rows = [text(tr) for tr in page(response).select("table.versions tbody tr")]
    assert rows[0].startswith("v2 ") and "Published" in rows[0]
    assert "Shorter proposers; clearer summary." in rows[0]
    assert rows[1].startswith("v1 ")


def test_history_compares_two_versions_field_by_field(client, second_version):
    response = client.get(
        "/en/methods/transfer-learning/history/", {"from": 1, "to": 2}
    )

    soup = page(response)
    changed = {
        text(tr.th).replace("≠", "").strip()
        for tr in soup.select(".version-diff tr.differs")
    }
    assert changed == {"Summary", "Proposed by"}
    assert [text(ins) for ins in soup.select(".version-diff ins")] == ["far"]
    assert [text(d) for d in soup.select(".version-diff del")] == [
        "(survey); Bengio, Y. (deep learning framing)"
    ]


def test_a_repeated_history_request_is_answered_with_not_modified(client):
    etag = client.get("/en/methods/transfer-learning/history/")["ETag"]

    response = client.get(
        "/en/methods/transfer-learning/history/", headers={"If-None-Match": etag}
    )

    assert response.status_code == 304


def test_a_new_version_changes_the_history_validator(client):
    etag = client.get("/en/methods/transfer-learning/history/")["ETag"]
    method = Method.objects.get(slug="transfer-learning")
    method.proposers = "Pan, S. J. & Yang, Q."
    method.save()
    publish(method, note="Shorter proposers.")

    response = client.get(
        "/en/methods/transfer-learning/history/", headers={"If-None-Match": etag}
    )

    assert response.status_code == 200
    assert "Shorter proposers." in text(page(response).main)


def test_history_runs_a_fixed_number_of_queries(
    client, second_version, django_assert_num_queries
):
    # The catalogue generation, then every version of the entry.
    with django_assert_num_queries(2):
        client.get("/en/methods/transfer-learning/history/", {"from": 1, "to": 2})


def test_history_is_the_same_page_for_every_reader(client):
    response = client.get("/en/methods/transfer-learning/history/")

    assert "public" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_history_of_an_unknown_entry_is_a_404(client):
    assert client.get("/en/methods/no-such/history/").status_code == 404


@pytest.mark.parametrize(
    "query", [{"from": "x", "to": "99"}, {"from": "-1"}, {"to": "1e9"}]
)
def test_history_ignores_versions_that_do_not_exist(client, second_version, query):
    response = client.get("/en/methods/transfer-learning/history/", query)

    assert response.status_code == 200


@pytest.mark.parametrize(("asked", "shown"), [("7", "2"), ("x\x00", "2")])
def test_a_version_that_does_not_exist_is_named_in_a_notice(
    client, second_version, asked, shown
):
    response = client.get(
        "/en/methods/transfer-learning/history/", {"from": "1", "to": asked}
    )

    notice = text(page(response).select_one(".notice"))
    assert notice == (
        f"There is no version “{asked.strip(chr(0))}” of this entry: "
        f"showing version {shown} instead."
    )


def test_an_entry_with_one_version_names_a_missing_one_too(client):
    response = client.get("/en/methods/transfer-learning/history/", {"to": "2"})

    assert text(page(response).select_one(".notice")) == (
        "There is no version “2” of this entry: showing version 1 instead."
    )


def test_the_chinese_history_names_a_missing_version_in_chinese(client, second_version):
    response = client.get("/zh/methods/transfer-learning/history/", {"from": "9"})

    assert "没有版本“9”" in text(page(response).select_one(".notice"))


def test_changed_words_are_marked_inside_chinese_text():
    before = {"slug": "x", "name": {"en": "X", "zh": "知识蒸馏"}}
    after = {"slug": "x", "name": {"en": "X", "zh": "知识精馏"}}

    change = next(c for c in diff_contents(before, after) if c.changed)

    assert [(s.text, s.change) for s in change.after] == [
        ("知识", "same"),
        ("精", "added"),
        ("馏", "same"),
    ]


def staff_client(client):
    user = User.objects.create_user(
        "staff", password="staff-long-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def test_staff_preview_the_working_draft_clearly_marked(client):
    method = Method.objects.get(slug="transfer-learning")
    method.summary_en = "A draft summary nobody has published."
    method.save()

    response = staff_client(client).get("/en/methods/transfer-learning/?preview=1")

    content = text(page(response).main)
    assert "A draft summary nobody has published." in content
    assert "Preview" in content and "It is not published" in content
    assert "no-cache" in response["Cache-Control"]


def test_nobody_else_sees_drafts(client):
    method = Method.objects.get(slug="transfer-learning")
    method.summary_en = "A draft summary nobody has published."
    method.save()

    response = client.get("/en/methods/transfer-learning/?preview=1")

    assert "A draft summary nobody has published." not in response.content.decode()


def test_not_modified_keeps_a_version_page_for_a_week(client):
    etag = client.get("/en/methods/transfer-learning/v/1/")["ETag"]

    response = client.get(
        "/en/methods/transfer-learning/v/1/", headers={"If-None-Match": etag}
    )

    assert response.status_code == 304
    assert "max-age=604800" in response["Cache-Control"]


def test_a_version_page_is_the_same_for_everyone_and_may_be_kept_for_a_week(client):
    client.post("/en/methods/tray/", {"action": "add", "slug": "fitnets"})

    response = client.get("/en/methods/multitask-learning/v/1/")

    assert "public" in response["Cache-Control"]
    assert "max-age=604800" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    soup = page(response)
    assert soup.select_one("#compare-tray") is None
    assert soup.select_one("form[method=post]") is None
    assert (
        soup.select_one("a[href='/en/compare/?m=multitask-learning@1']").get_text(
            strip=True
        )
        == "Compare this version"
    )


def test_a_version_page_is_cited_without_a_retrieval_date(client):
    response = client.get("/en/methods/multitask-learning/v/1/")

    assert text(page(response).select_one(".citation")) == (
        "ScholarGate: Multitask Learning (v1). "
        "http://testserver/en/methods/multitask-learning/v/1/"
    )


def test_the_chinese_page_of_an_unknown_version_points_to_the_latest_in_chinese(
    client,
):
    response = client.get("/zh/methods/transfer-learning/v/9/")

    main = page(response).main
    assert "迁移学习没有版本 9，最新版本为 1。" in text(main)
    assert main.find("a", string="前往版本 1")
