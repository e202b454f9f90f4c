"""The catalog of documents (texts/catalog.toml) against the real corpus files it names."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from legcompare import catalog as catalog_module
from legcompare.catalog import Catalog, CatalogError, catalogued, default_catalog, load_catalog
from legcompare.errors import LegcompareError
from legcompare.ingest import load_path
from legcompare.model import CitationForm, Provenance

REPO = Path(__file__).resolve().parent.parent
CATALOG_TOML = REPO / "texts" / "catalog.toml"
GOVINFO_BILL = re.compile(r"govinfo:(\d+)/(hr|s|hjres|sjres|hconres|sconres|hres|sres)/(\d+)"
                          r"@([a-z]+\d*)")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return default_catalog()


def manifest_files(corpus: Path) -> list[str]:
    lines = (corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[0] == "file"
    return [line.split("\t")[0] for line in lines[1:] if line.strip()]


def test_every_manifest_file_matches_exactly_one_entry(corpus: Path, catalog: Catalog) -> None:
    names = manifest_files(corpus)
    assert len(names) == 90
    listed = [f for e in catalog.entries for f in e.files]
    assert sorted(listed) == sorted(names)
    for name in names:
        digest = hashlib.sha256((corpus / name).read_bytes()).hexdigest()
        holders = [e for e in catalog.entries if digest in e.sha256.values()]
        assert len(holders) == 1, name
        assert holders[0].sha256[name] == digest
        assert catalog.match_file(Path(name).name, digest) is holders[0]
        assert catalog.match_file(Path(name).name, "0" * 64) is holders[0]  # by name alone


def test_counts_and_unique_refs(catalog: Catalog) -> None:
    refs = [e.ref for e in catalog.entries]
    assert len(refs) == 76
    assert len(set(refs)) == len(refs)
    assert refs == sorted(refs)
    assert len({e.source for e in catalog.entries}) == 76
    jurisdictions = {e.jurisdiction for e in catalog.entries}
    assert jurisdictions == {"us-federal", "us-ca", "us-ny", "us-il", "us-wa", "us-va", "us-ma",
                             "us-ca-oakland", "us-ca-sf", "us-or-portland", "us-ma-springfield"}


def test_federal_bill_source_ids(catalog: Catalog) -> None:
    bills = [e for e in catalog.entries if e.source.startswith("govinfo:")
             and not e.source.startswith("govinfo:plaw/")]
    assert len(bills) == 27
    for entry in bills:
        m = GOVINFO_BILL.fullmatch(entry.source)
        assert m, entry.source
        congress, kind, number, code = m.groups()
        assert entry.ref == f"us-federal/{kind}{number}-{congress}@{code}"
        assert entry.url == f"https://www.govinfo.gov/app/details/BILLS-{congress}{kind}{number}{code}"
        assert entry.in_force is None
        assert entry.citation is not None
        assert entry.citation.style == "bill"
    hr2157 = catalog.by_source("govinfo:116/hr/2157@ih")
    assert hr2157 is not None
    assert hr2157.ref == "us-federal/hr2157-116@ih"
    assert hr2157.files == ("us-federal-hr2157-116-introduced.txt", "raw/H2157_IH.XML")
    assert hr2157.citation == CitationForm("bill", "H.R. 2157, 116th Cong.")
    assert catalog.by_source("govinfo:119/s/3779@is") is catalog.get("us-federal/s3779-119@is")
    assert catalog.by_source("govinfo:116/hr/2157@rh") is None


def test_penal_code_832_19_is_not_in_force(catalog: Catalog) -> None:
    entry = catalog.get("us-ca/pen-832.19@2019")
    assert entry is not None
    assert entry.in_force is False
    assert entry.partial is True
    assert entry.version_date == "2019-10-08"
    assert entry.citation == CitationForm("code", "Cal. Penal Code")


def test_s4457_original_and_a_print_are_one_document(catalog: Catalog) -> None:
    versions = catalog.versions_of("us-ny", "s4457-2023")
    assert [e.ref for e in versions] == ["us-ny/s4457-2023@original", "us-ny/s4457-2023@a"]
    assert [e.files for e in versions] == [("us-ny-s4457-2023-original.txt",),
                                           ("us-ny-s4457a-2024-amended.txt",)]
    assert [e.citation for e in versions] == [
        CitationForm("bill", "S. 4457", lowercase_letters=True),
        CitationForm("bill", "S. 4457-A", lowercase_letters=True)]
    chain = catalog.versions_of("us-ny", "a48-2023")
    assert [e.version for e in chain] == ["original", "a", "b", "c", "d"]
    hr2008 = catalog.versions_of("us-federal", "hr2008-117")
    assert [e.version for e in hr2008] == ["ih", "rh", "eh", "rfs"]


def test_licence_only_on_legiscan_texts(catalog: Catalog) -> None:
    licensed = sorted(e.ref for e in catalog.entries if e.license is not None)
    assert licensed == ["us-ca/ab1034-2023@amended-asm-2023-05-01",
                        "us-ca/ab642-2023@amended-asm-2023-03-02"]
    assert all("legiscan.com" in e.source for e in catalog.entries if e.license)
    assert {e.license for e in catalog.entries} == {None, "CC BY 4.0 (LegiScan)"}


def test_citation_forms(catalog: Catalog) -> None:
    bipa = catalog.get("us-il/ilcs-740-14@current")
    assert bipa is not None
    assert bipa.citation == CitationForm("code", "740 ILCS 14", separator="/")
    rcw = catalog.get("us-wa/rcw-43.386@current")
    assert rcw is not None
    assert rcw.citation == CitationForm("code", "Wash. Rev. Code")
    assert rcw.in_force is True
    a48d = catalog.get("us-ny/a48-2023@d")
    assert a48d is not None
    assert a48d.citation == CitationForm("bill", "A. 48-D", lowercase_letters=True)


def test_provenance_round_trip(catalog: Catalog) -> None:
    entry = catalog.get("us-federal/hr2157-116@enr")
    assert entry is not None
    prov = entry.provenance(source="file")
    assert prov == Provenance(
        jurisdiction="us-federal", document="hr2157-116", version="enr",
        title="H.R. 2157 (116th Cong.), Additional Supplemental Appropriations for Disaster "
              "Relief Act, 2019, as enrolled",
        source="file", url="https://www.govinfo.gov/app/details/BILLS-116hr2157enr",
        version_date="2019-06", as_of=None, in_force=None, sha256="", license=None,
        partial=False)
    names = {f.name for f in dataclasses.fields(entry)} & {f.name for f in dataclasses.fields(prov)}
    copied = names - {"sha256", "source"}
    assert copied == {"jurisdiction", "document", "version", "title", "url", "version_date",
                      "as_of", "in_force", "license", "partial"}
    for each in catalog.entries:
        made = each.provenance(source="file")
        for name in copied:
            assert getattr(made, name) == getattr(each, name), (each.ref, name)
    assert entry.provenance(source=entry.source).source == "govinfo:116/hr/2157@enr"


def test_renamed_copy_matches_by_digest(corpus: Path, catalog: Catalog, tmp_path: Path) -> None:
    copy = tmp_path / "my-copy-of-the-bill.txt"
    shutil.copyfile(corpus / "us-ny-s4457a-2024-amended.txt", copy)
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    entry = catalog.match_file(copy.name, digest)
    assert entry is not None
    assert entry.ref == "us-ny/s4457-2023@a"
    assert catalog.match_file(copy.name, digest.upper()) is entry
    assert catalog.match_file("unknown.txt", "0" * 64) is None


def test_catalogued_matches_as_the_catalog_does(corpus: Path, catalog: Catalog) -> None:
    for name in manifest_files(corpus):
        digest = hashlib.sha256((corpus / name).read_bytes()).hexdigest()
        base = Path(name).name
        assert catalogued(base, digest) is catalog.match_file(base, digest) is not None
        assert catalogued(f"elsewhere/{base}", "0" * 64) is catalog.match_file(base, "0" * 64)
        assert catalogued("renamed.txt", digest.upper()) is catalog.match_file(base, digest)
    assert catalogued("H2157_IH.XML", "f" * 64) is catalog.match_file("H2157_IH.XML", "f" * 64)
    assert catalogued("H2157_IH.XML", "f" * 64).ref == "us-federal/hr2157-116@ih"


def test_a_file_the_catalog_cannot_hold_is_not_looked_up(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    # Neither its digest nor its name occurs in the catalog's text: no entry, and the catalog
    # is not parsed for it (the one place it would be is default_catalog).
    def unparsed() -> Catalog:
        raise AssertionError("the catalog was parsed")

    monkeypatch.setattr(catalog_module, "default_catalog", unparsed)
    assert catalogued("my-city-ordinance.txt", "ab" * 32) is None
    mine = tmp_path / "my-city-ordinance.txt"
    mine.write_text("SECTION 1. No department shall acquire face surveillance technology.\n",
                    encoding="utf-8")
    document = load_path(mine)
    assert document.provenance.title == "my-city-ordinance.txt"
    assert document.provenance.source == "file"
    with pytest.raises(AssertionError, match="parsed"):
        catalogued("H2157_IH.XML", "ab" * 32)  # a name it holds: looked up


def test_catalogued_parses_a_catalog_with_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    # "\\u0041.txt" in TOML is the name "A.txt", which the catalog's text does not hold as written
    text = CATALOG_TOML.read_text(encoding="utf-8").replace(
        '"us-ca-oakland-omc-9.64.txt"', '"\\u0041.txt"')
    assert b"A.txt" not in text.encode()
    escaped = load_catalog(text)
    monkeypatch.setattr(catalog_module, "_packaged_bytes", lambda: text.encode())
    monkeypatch.setattr(catalog_module, "default_catalog", lambda: escaped)
    found = catalogued("A.txt", "ab" * 32)
    assert found is not None and found.ref == "us-ca-oakland/omc-9.64@current"


def test_changed_file_with_known_name_matches_by_name(catalog: Catalog) -> None:
    entry = catalog.match_file("/somewhere/else/H2157_IH.XML", "f" * 64)
    assert entry is not None
    assert entry.ref == "us-federal/hr2157-116@ih"


def test_packaged_catalog_is_the_texts_catalog() -> None:
    packaged = files("legcompare") / "data" / "catalog.toml"
    assert packaged.read_bytes() == CATALOG_TOML.read_bytes()
    assert load_catalog(CATALOG_TOML.read_bytes()) == default_catalog()


@pytest.mark.parametrize(("toml", "message"), [
    ("entries = 3", "expected only an [[entries]] array of tables"),
    ("[[entries]\n", "not valid TOML"),
    ('[[entries]]\nref = "us/x@1"\n',
     "entry 1 (us/x@1): 'jurisdiction' must be a non-empty string"),
])
def test_malformed_catalog_is_a_clear_error(toml: str, message: str) -> None:
    with pytest.raises(CatalogError, match=re.escape(message)) as info:
        load_catalog(toml)
    assert isinstance(info.value, LegcompareError)
    assert "\n" not in str(info.value)


def test_duplicate_digest_is_rejected() -> None:
    text = CATALOG_TOML.read_text(encoding="utf-8")
    first = re.search(r'= "([0-9a-f]{64})"', text)
    second = re.search(r'"us-federal-hr2157-116-introduced.txt" = "([0-9a-f]{64})"', text)
    assert first
    assert second
    broken = text.replace(second.group(1), first.group(1))
    with pytest.raises(CatalogError, match="repeats the sha256"):
        load_catalog(broken)
