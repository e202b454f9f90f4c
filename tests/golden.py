"""Golden outlines: per clause its id, label, kind, citation, span, first five words and the
SHA-256 of its text — never the text. Regenerate after a deliberate change with

    python -m tests.golden            # rewrites tests/golden/outline/*.tsv from the corpus

and review the diff: every changed line is a changed split.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from legcompare.ingest import load_path
from legcompare.model import Outline
from legcompare.split import split

GOLDEN = Path(__file__).resolve().parent / "golden" / "outline"
HEADER = "id\tlabel\tkind\tcitation\tstart\tend\tfirst_words\tsha256"

# The texts whose split is pinned: every drafting style in the corpus.
FILES = (
    "us-ca-pen-832.19-2019-chaptered.txt",
    "us-ca-sb1038-2022-introduced.txt",
    "us-ca-oakland-omc-9.64.txt",
    "us-ny-s4457-2023-original.txt",
    "us-ny-s4457a-2024-amended.txt",
    "us-ny-a48d-2024-amended.txt",
    "us-ny-a3712-2023-introduced.txt",
    "us-wa-rcw-43.386-current.txt",
    "us-il-bipa-740ilcs14-current.txt",
    "us-va-hb2031-2021-introduced.txt",
    "us-va-hb1339-2022-engrossed.txt",
    "us-federal-hr2157-116-enrolled.txt",
    "us-federal-hr4695-119-introduced.txt",
    "us-federal-hr7356-116-introduced.txt",
    "us-federal-ethical-use-frt-act-2020-slc-draft.txt",
    "us-ma-s1429-2019-introduced.txt",
    "us-ma-springfield-code-facial-surveillance.txt",
    "us-or-portland-pcc-34.10.txt",
    "raw/H2157_IH.XML",
    "raw/BILLS-116hr2001ih.xml",
)


def rows(outline: Outline) -> list[str]:
    out = [HEADER]
    for c in outline.walk():
        words = " ".join(c.text.split()[:5]).replace("\t", " ")
        digest = hashlib.sha256(c.text.encode("utf-8")).hexdigest()
        out.append("\t".join([c.id, c.label, c.kind.value, c.citation, str(c.span[0]),
                              str(c.span[1]), words, digest]))
    return out


def golden_path(name: str) -> Path:
    return GOLDEN / (name.replace("/", "__") + ".tsv")


def render(corpus: Path, name: str) -> str:
    return "\n".join(rows(split(load_path(corpus / name)))) + "\n"


def main() -> None:
    from tests.conftest import corpus_dir

    corpus = corpus_dir()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        golden_path(name).write_text(render(corpus, name), encoding="utf-8")
        print(f"wrote {golden_path(name).relative_to(GOLDEN.parent.parent.parent)}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
