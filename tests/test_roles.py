"""What a clause does (``Clause.role``), where the heading or the provision around it decides:
the parts of a findings or purpose section are descriptive whatever their verbs, and a heading
that only uses the word ("for purposes of this paragraph") does not make a provision one."""

from __future__ import annotations

from pathlib import Path

import pytest

from legcompare import load, split
from legcompare.ingest.text import parse_text
from legcompare.model import Provenance


def roles(path: Path, *ids: str) -> list[tuple[str, str | None]]:
    by_id = {c.id: c for c in split(load(str(path))).walk()}
    return [(i, by_id[i].role.value if by_id[i].role else None) for i in ids]


@pytest.mark.parametrize(("text", "expected"), [
    # the items of findings are descriptive whatever their verbs
    (("SEC. 2. FINDINGS.\nCongress finds the following:\n"
      "(1) Agencies may use facial recognition without any rules.\n"
      "(2) Vendors must be trusted with no faces.\n"
      "SEC. 3. PROHIBITION.\nNo agency may use facial recognition.\n"),
     {"s2": "descriptive", "s2/1": "descriptive", "s2/2": "descriptive", "s3": "prohibition"}),
    # a heading that says for what purposes is no purpose section
    (("SEC. 4. USE FOR COMMERCIAL PURPOSES.\n"
      "(a) Purposes.—The purposes of this section are to protect voters.\n"
      "(b) For purposes of this section—\n"
      "(1) no person may sell voter registration information.\n"),
     {"s4": "other", "s4/a": "descriptive", "s4/b": "other", "s4/b/1": "prohibition"}),
    # what frees from a requirement exempts: it prohibits nothing
    (("SEC. 5. GRANTS.\n(a) Individual grants shall not be subject to a non-Federal matching "
      "requirement.\n(b) An appointee who elects to retain pay is not subject to this section.\n"
      "(c) None of these funds shall be subject to section 3011(b) of the Act.\n"
      "(d) An agency shall not use the funds for travel.\n"
      "(e) The stock vests on the date it is not subject to a substantial risk of forfeiture.\n"),
     {"s5": "exemption", "s5/a": "exemption", "s5/b": "exemption", "s5/c": "exemption",
      "s5/d": "prohibition", "s5/e": "other"}),
    # an appropriation's limitation prohibits ("may" alone read it as a permission)
    (("SEC. 6. LIMITATIONS.\n(a) None of the funds made available by this Act may be used to "
      "acquire a facial recognition system.\n(b) None of the funds appropriated by this Act "
      "shall be available for travel.\n"),
     {"s6": "prohibition", "s6/a": "prohibition", "s6/b": "prohibition"}),
    # a provision with no text of its own takes the role its parts that make law mostly have,
    # the first in the text between roles as common (it was the first in the alphabet:
    # "permission" before "prohibition")
    (("SEC. 7. BAN.\n(a) In general.—No agency shall use a face recognition system.\n"
      "(b) Exception.—An agency may use such a system under a warrant.\n"),
     {"s7": "prohibition", "s7/a": "prohibition", "s7/b": "permission"}),
    # a heading makes no law: a title that holds more headings than provisions is none
    (("TITLE I—DEPARTMENT OF AGRICULTURE\nAGRICULTURAL PROGRAMS\nOFFICE OF THE SECRETARY\n"
      "SEC. 101. The Secretary shall report to Congress within 30 days.\n"),
     {"t-i": "obligation", "t-i/h-agricultural-programs": "non-operative",
      "t-i/h-office-of-the-secretary": "non-operative", "t-i/s101": "obligation"}),
])
def test_roles_of_snippets(text: str, expected: dict[str, str]) -> None:
    document = parse_text(text, Provenance("us", "t", None, None, "file"))
    assert {c.id: c.role.value if c.role else None for c in split(document).walk()} == expected


@pytest.mark.corpus
def test_findings_and_for_purposes_headings_in_real_bills(corpus: Path) -> None:
    # 740 ILCS 14/5, "Legislative findings; intent": (a)-(g) were "other", (13) of H.R. 1's
    # § 5001 a "permission" ("... may ..."); "(c) Prohibiting Use of Electronic Mail Addresses
    # for Other Than Official Purposes" and § 5113 ("PROHIBITING USE OF CONTRIBUTIONS ... FOR
    # PURPOSES OTHER THAN CAMPAIGN FOR ELECTION") were descriptive, so left out of the verdict
    # counts, and so was "(B) For purposes of this paragraph—".
    assert roles(corpus / "us-il-bipa-740ilcs14-current.txt", "5", "5/a", "5/g") == [
        ("5", "descriptive"), ("5/a", "descriptive"), ("5/g", "descriptive")]
    hr1 = corpus / "us-federal-hr1-116-reported-house.txt"
    assert roles(hr1, "div-b/t-v/st-a/s5001/13", "div-a/t-i/st-a/pt-1/s1003/a/2/q/c",
                 "div-b/t-v/st-b/pt-2/s5113", "div-b/t-v/st-c/pt-2/s5214/a/q/2/b") == [
        ("div-b/t-v/st-a/s5001/13", "descriptive"),
        ("div-a/t-i/st-a/pt-1/s1003/a/2/q/c", "obligation"),
        ("div-b/t-v/st-b/pt-2/s5113", "amendment"),
        ("div-b/t-v/st-c/pt-2/s5214/a/q/2/b", "other")]


@pytest.mark.corpus
def test_a_heading_broken_at_a_line_end_is_read_whole(corpus: Path) -> None:
    """A. 1891 prints "1.  DEFI-" / "NITIONS. FOR THE PURPOSES OF THIS SECTION, THE FOLLOWING
    TERMS SHALL HAVE ...": read "DEFI- NITIONS", the subdivision was an obligation ("SHALL"),
    and so was its paragraph (B), which only leads into two definitions: an added (B) read
    "A new duty"."""
    document = load(str(corpus / "us-ny-a1891-2023-introduced.txt"))
    by_id = {c.id: c for c in split(document).walk()}
    assert by_id["s2/q/837-x/1"].heading == "DEFINITIONS"
    assert roles(corpus / "us-ny-a1891-2023-introduced.txt", "s2/q/837-x/1", "s2/q/837-x/1/b",
                 "s3/q/236/1") == [("s2/q/837-x/1", "definition"),
                                   ("s2/q/837-x/1/b", "definition"), ("s3/q/236/1", "definition")]
