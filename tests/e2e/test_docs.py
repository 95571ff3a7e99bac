"""Docs are part of the contract: the README's commands are the ones CI runs, and every registry
field and database column is documented."""

from __future__ import annotations

import re
from dataclasses import fields

from newscrawler.db import open_db
from newscrawler.sites import Site
from tests.conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text, re.S)[:2]


def test_readme_opens_with_the_two_commands_ci_runs():
    install_and_demo, tests = readme_commands()
    assert "newscrawler demo" in install_and_demo and "pytest" in tests
    ci = (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert install_and_demo in ci and tests in ci


def test_every_registry_field_is_documented():
    doc = (REPO / "docs/sites.md").read_text(encoding="utf-8")
    for field in fields(Site):
        assert f"`{field.name}`" in doc, field.name


def test_every_column_is_documented(tmp_path):
    doc = (REPO / "docs/schema.md").read_text(encoding="utf-8")
    db = open_db(tmp_path / "x.db")
    for table in db.table_names():
        if table.startswith("articles_fts"):
            continue
        for column in db[table].columns_dict:
            assert f"`{column}`" in doc, f"{table}.{column}"
