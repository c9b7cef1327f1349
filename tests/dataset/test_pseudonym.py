"""Pseudonymisation of family ids at import (HMAC-SHA-256 with a secret key)."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pytest

from kokon_graph import Dataset, DatasetError, PseudonymKeyError, build_network, read_dataset
from kokon_graph.io import write_dataset
from kokon_graph.io.pseudonym import (
    PSEUDONYM_PATTERN,
    identifying_column_reason,
    load_key,
    pseudonymise,
)
from tests.conftest import TEST_KEY, VALID

RAW_IDS = [f"R/{i}/2020" for i in range(1, 8)]


def test_pseudonym_is_the_hmac_of_the_id() -> None:
    expected = hmac.new(TEST_KEY.encode(), b"R/1/2020", hashlib.sha256).hexdigest()[:16]
    assert pseudonymise("R/1/2020", TEST_KEY.encode()) == f"F-{expected}"


def test_same_key_same_pseudonyms_different_key_different() -> None:
    a = read_dataset(VALID, pseudonym_key=TEST_KEY)
    b = read_dataset(VALID, pseudonym_key=TEST_KEY)
    c = read_dataset(VALID, pseudonym_key="another-key-0123456789")
    assert a.families["id"].tolist() == b.families["id"].tolist()
    assert set(a.families["id"]).isdisjoint(set(c.families["id"]))
    assert all(PSEUDONYM_PATTERN.fullmatch(f) for f in a.families["id"])
    # services and referrals point at the same pseudonyms
    assert set(a.services["family"]) <= set(a.families["id"])
    assert set(a.referrals["family"]) <= set(a.families["id"])


def test_no_raw_id_anywhere_in_the_graph() -> None:
    dataset = read_dataset(VALID)
    graph = build_network(dataset).graph
    texts: list[str] = []
    for node, data in graph.nodes(data=True):
        texts.append(str(node))
        texts.extend(str(v) for v in data.values())
    for u, v, key, data in graph.edges(keys=True, data=True):
        texts.extend([str(u), str(v), str(key)])
        texts.extend(str(x) for x in data.values())
    blob = "\n".join(texts)
    for raw in RAW_IDS:
        assert raw not in blob
    for _name, frame in dataset.tables():
        assert not frame.astype(str).isin(RAW_IDS).any().any()


def test_missing_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOKON_PSEUDONYM_KEY")
    with pytest.raises(PseudonymKeyError) as info:
        read_dataset(VALID)
    assert "families.csv holds family ids that must be pseudonymised" in str(info.value)
    assert info.value.hint is not None and "KOKON_PSEUDONYM_KEY" in info.value.hint


def test_marked_dataset_needs_no_key(
    valid_dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_dataset(valid_dataset, tmp_path / "pseudonymised")  # marked in its package
    monkeypatch.delenv("KOKON_PSEUDONYM_KEY")
    dataset = read_dataset(folder)
    assert dataset.families["id"].tolist() == valid_dataset.families["id"].tolist()


def test_a_raw_id_marked_as_pseudonymised_is_refused_by_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The marker is not trusted blindly: raw ids would reach the graph and Neo4j."""
    monkeypatch.delenv("KOKON_PSEUDONYM_KEY")
    with pytest.raises(DatasetError) as info:
        read_dataset(VALID, pseudonymised=True)
    problems = [p for p in info.value.problems if p.rule == "not-pseudonymised"]
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("families.csv", 2, "id"),
        ("referrals.csv", 2, "family"),
        ("services.csv", 2, "family"),
    ]
    assert "R/1/2020" not in str(info.value) and all("R/" not in p.message for p in problems)


def test_key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOKON_PSEUDONYM_KEY")
    key_file = tmp_path / "key.txt"
    key_file.write_text(TEST_KEY + "\n", encoding="utf-8")
    from_file = read_dataset(VALID, pseudonym_key_file=key_file)
    from_env = read_dataset(VALID, pseudonym_key=TEST_KEY)
    assert from_file.families["id"].tolist() == from_env.families["id"].tolist()
    monkeypatch.setenv("KOKON_PSEUDONYM_KEY_FILE", str(key_file))
    assert read_dataset(VALID).families["id"].tolist() == from_env.families["id"].tolist()


def test_short_or_unreadable_keys_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PseudonymKeyError, match="too short"):
        load_key("short")
    with pytest.raises(PseudonymKeyError, match="cannot read the pseudonymisation key file"):
        load_key(None, tmp_path / "missing.key")


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("Imię", "a name"),
        ("nazwisko_matki", "a name"),
        ("PESEL", "a national identification number"),
        ("Adres zamieszkania", "an address"),
        ("ulica", "an address"),
        ("Telefon", "a phone number"),
        ("e-mail", "an e-mail address"),
        ("data urodzenia", "a date of birth"),
        # the forms people type (issue 16): inflections, abbreviations, glued words
        ("numer telefonu", "a phone number"),
        ("data ur.", "a date of birth"),
        ("PESELmatki", "a national identification number"),
        ("nr dowodu osobistego", "a national identification number"),
        ("Nazwiska dzieci", "a name"),
        ("imięOjca", "a name"),
        ("Imiona i nazwiska", "a name"),
        ("tel. kom.", "a phone number"),
        ("nrTel", "a phone number"),
        ("Telefony kontaktowe", "a phone number"),
        ("adres_e-mail", "an address"),
        ("E-MAIL", "an e-mail address"),
        ("ul. i nr domu", "an address"),
        ("kod-pocztowy", "an address"),
        ("miejsce zamieszkania", "an address"),
        ("DataUrodzenia", "a date of birth"),
        ("dt. ur. dziecka", "a date of birth"),
        ("date of birth", "a date of birth"),
        ("DOB", "a date of birth"),
        ("phoneNumber", "a phone number"),
        ("First Name", "a name"),
        ("nr paszportu", "a national identification number"),
        ("NIP", "a national identification number"),
        ("liczba dzieci", None),
        ("uwagi", None),
        ("koordynator rodziny", None),
        ("data skierowania", None),
        ("typ usługi", None),
        ("telewizja kablowa", None),
        ("wiek najmłodszego dziecka", None),
        ("obszary problemowe", None),
        ("problemy", None),
        ("plan_status", None),
    ],
)
def test_identifying_headers(header: str, reason: str | None) -> None:
    assert identifying_column_reason(header) == reason
