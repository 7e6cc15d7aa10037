"""Shared fixtures: the repository's paths, the real book, and a test bank."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checks.loading import Book, load_book

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def book() -> Book:
    """Every bank of the book."""
    return load_book([REPO / "exercises"])


@pytest.fixture(scope="session")
def sample() -> Book:
    """One exercise of each kind (tests/data/bank.yaml)."""
    return load_book([DATA / "bank.yaml"])


@pytest.fixture(scope="session")
def python() -> str:
    return sys.executable


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Tiny Sphinx projects for the extension tests (tests/roots/test-*)."""
    return Path(__file__).resolve().parent / "roots"
