"""Renaming ids in a doctree with the references to them (checks.sphinxext.ids)."""

from __future__ import annotations

from docutils import nodes

from checks.sphinxext.ids import rename_ids


def _cited() -> tuple[nodes.paragraph, nodes.footnote_reference, nodes.footnote, nodes.reference]:
    """A footnote and its reference, which name each other (``refid``, ``backrefs``), and a link to an id elsewhere."""
    reference = nodes.footnote_reference("", "1", ids=["id1"], refid="id2")
    footnote = nodes.footnote("", ids=["id2"], backrefs=["id1"])
    elsewhere = nodes.reference("", "see", refid="id9")
    para = nodes.paragraph("", "", reference, elsewhere)
    return para, reference, footnote, elsewhere


def test_ids_and_the_references_to_them_are_renamed_together() -> None:
    para, reference, footnote, elsewhere = _cited()
    renamed = {"id1": "answer-x-id1", "id2": "answer-x-id2"}
    rename_ids((e, renamed) for e in [para, reference, footnote, elsewhere])
    assert (reference["ids"], reference["refid"]) == (["answer-x-id1"], "answer-x-id2")
    assert (footnote["ids"], footnote["backrefs"]) == (["answer-x-id2"], ["answer-x-id1"])
    assert elsewhere["refid"] == "id9"  # not renamed: its target is outside, and keeps its name
    assert para["ids"] == [] and "refid" not in para


def test_each_element_is_renamed_by_its_own_mapping() -> None:
    """Two joined documents both use ``id2``: each reference follows its own document's footnote."""
    _, first_ref, first_note, _ = _cited()
    _, second_ref, second_note, _ = _cited()
    first, second = {"id2": "a-id2"}, {"id2": "b-id2"}
    rename_ids([(first_ref, first), (first_note, first), (second_ref, second), (second_note, second)])
    assert [first_note["ids"], second_note["ids"]] == [["a-id2"], ["b-id2"]]
    assert [first_ref["refid"], second_ref["refid"]] == ["a-id2", "b-id2"]
    assert [first_ref["ids"], first_note["backrefs"]] == [["id1"], ["id1"]]  # id1 is not renamed
