"""Suggestions for slips (checks.suggest): one rule for ids, fields and citation keys."""

from __future__ import annotations

from checks.suggest import closest, did_you_mean, hint, id_hint


def test_the_closest_known_name_is_suggested_in_the_messages_words() -> None:
    assert did_you_mean("b-singel", {"b-single", "b-order"}) == " (did you mean 'b-single'?)"
    assert did_you_mean("zzz", {"b-single", "b-order"}) == ""
    assert did_you_mean("anything", []) == ""


def test_a_stricter_cutoff_offers_fewer_names() -> None:
    """Field names are short: 'kd' is 0.67 like 'kind', near enough for an id, too far for a field."""
    assert closest("kd", ["kind"]) == "kind"
    assert closest("kd", ["kind"], cutoff=0.75) is None
    assert closest("knid", ["kind", "id"], cutoff=0.75) == "kind"


def test_the_answer_does_not_depend_on_the_order_names_come_in() -> None:
    """Two names equally close: the same one is offered whether the names come from a list or a set."""
    names = ["b-ordex", "b-ordey", "c-other"]
    assert len({closest("b-order", order) for order in (names, names[::-1], set(names))}) == 1


def test_a_hint_quotes_the_name_or_says_nothing() -> None:
    assert hint("kind") == " (did you mean 'kind'?)"
    assert hint(None) == ""


def test_a_name_in_other_case_is_the_one_meant() -> None:
    """Capitals typed by habit or by a word processor are no slip of the letters: the name is offered whatever
    difflib makes of them, and before a name closer by characters."""
    assert closest("HOW-CANCER-SPREADS", ["how-cancer-spreads", "diagnosis"]) == "how-cancer-spreads"
    assert closest("Student", ["students", "student"], cutoff=0.75) == "student"
    assert closest("Cruk-Liver", ["cruk-liver", "Cruk-Livers"]) == "cruk-liver"  # difflib would offer the second


def test_an_id_of_a_chapter_no_bank_has_is_offered_no_other_chapters_id() -> None:
    """Each bank's ids begin with its chapter's prefix: an id with a prefix none has is of a chapter without a
    bank, and an id of another chapter that ends alike is no slip for it."""
    banks = [["c2-sites-top", "c2-rare-which"], ["c3-next-step"]]
    said = " (no bank has exercise ids beginning 'c9-'; the banks' ids begin c2-, c3-)"
    assert id_hint("c9-sites-top", banks) == said
    assert id_hint("c9-next-step", banks) == said
    assert id_hint("c10-sites-top", banks).startswith(" (no bank has exercise ids beginning 'c10-';")
    # A slip after a prefix the banks have, or in capitals, is told the id meant, as before.
    assert id_hint("c3-nextstep", banks) == " (did you mean 'c3-next-step'?)"
    assert id_hint("c2-sites-tops", banks) == " (did you mean 'c2-sites-top'?)"
    assert id_hint("C3-NEXT-STEP", banks) == " (did you mean 'c3-next-step'?)"
    assert id_hint("zzz", banks) == ""  # no prefix, nothing close
    # Banks whose ids follow no prefix of their own: every id is a candidate, as for any other name.
    mixed = [["single-choice", "text-answer"], ["c3-next-step"]]
    assert id_hint("singel-choice", mixed) == " (did you mean 'single-choice'?)"
    assert id_hint("c9-next-step", mixed) == " (did you mean 'c3-next-step'?)"
