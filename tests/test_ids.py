"""What a clause id and a label say of a provision's number, however it is printed."""

from __future__ import annotations

import pytest

from legcompare.ids import label_designation, numbered_path


@pytest.mark.parametrize(("label", "designation"), [
    ("(A)", "a"), ("A.", "a"), ("(a)", "a"), ("SEC. 5.", "5"), ("Section 5.", "5"),
    ("§15.2-1723.2.", "15.2-1723.2"), ("§ 15.2-1723.2.", "15.2-1723.2"), ("(iv)", "iv"),
])
def test_a_labels_designation_is_the_same_however_printed(label: str, designation: str
                                                          ) -> None:
    assert label_designation(label) == designation


@pytest.mark.parametrize(("one", "other", "same"), [
    ("t-i/p1/proviso-4", "t-i/p1/proviso-5", True),  # a proviso inserted before it
    ("t-i/p2/proviso-1", "t-i/p3/proviso-1", True),  # an unnumbered paragraph before it
    ("a/1~2", "a/1", True),  # a namesake before it went
    ("t-v/p1", "t-vi/p1", False),  # title V is now title VI
    ("s2/a", "s3/a", False),
    ("sp2/a", "sp3/a", False),  # (a part that only starts with "p" is numbered)
])
def test_a_numbered_path_leaves_out_what_only_counts_siblings(one: str, other: str,
                                                              same: bool) -> None:
    assert (numbered_path(one) == numbered_path(other)) is same
