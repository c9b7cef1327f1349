"""Shared fixtures: the small valid dataset, a pseudonymisation key, temporary copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kokon_graph import Dataset, Network, build_network, read_dataset

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
REPO = Path(__file__).resolve().parent.parent
#: Key used for the test data only; never a real key.
TEST_KEY = "kokon-test-key-not-secret-0123456789"


@pytest.fixture(autouse=True)
def _pseudonym_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with a known key and without a key file from the environment."""
    monkeypatch.setenv("KOKON_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.delenv("KOKON_PSEUDONYM_KEY_FILE", raising=False)


@pytest.fixture(scope="session")
def valid_dataset() -> Dataset:
    """The small hand-made dataset of tests/data/valid (two gminas of powiat 2815)."""
    return read_dataset(VALID, pseudonym_key=TEST_KEY, strict=True)


@pytest.fixture(scope="session")
def valid_network(valid_dataset: Dataset) -> Network:
    return build_network(valid_dataset)


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A writable copy of tests/data/valid."""
    target = tmp_path / "valid"
    shutil.copytree(VALID, target)
    return target
