"""What a contributor meets: the workflows' triggers and permissions, the templates, pre-commit,
and a CONTRIBUTING.md that covers every topic and that the site shows."""

from __future__ import annotations

import re

import html5lib
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_pull_requests_run_the_tests_with_a_read_only_token_and_no_secrets():
    wf = _workflow("tests.yml")
    assert "pull_request" in wf["on"] and "pull_request_target" not in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    text = (WORKFLOWS / "tests.yml").read_text(encoding="utf-8")
    assert not re.search(r"\$\{\{\s*secrets\.", text)
    steps = [s.get("run", "") for s in wf["jobs"]["test"]["steps"]]
    assert "make test" in steps


def test_the_site_is_deployed_from_main_only():
    wf = _workflow("deploy.yml")
    assert set(wf["on"]) == {"push", "workflow_dispatch"}
    assert wf["on"]["push"] == {"branches": ["main"]}
    assert wf["permissions"] == {"contents": "read"}
    assert wf["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_external_link_check_is_scheduled_and_never_runs_on_pull_requests():
    wf = _workflow("linkcheck.yml")
    assert set(wf["on"]) == {"schedule", "workflow_dispatch"}
    steps = wf["jobs"]["linkcheck"]["steps"]
    assert any(s.get("uses", "").startswith("actions/cache@") for s in steps)
    assert any(s.get("run") == "make linkcheck" for s in steps)


def test_no_workflow_uses_pull_request_target():
    for path in WORKFLOWS.glob("*.yml"):
        assert "pull_request_target" not in path.read_text(encoding="utf-8"), path


def test_issue_and_pull_request_templates_exist_and_parse():
    templates = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert [p.name for p in templates] == ["bug.yml", "config.yml", "correction.yml", "new-entry.yml"]
    for path in templates:
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path
    assert "make check" in (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")


def test_pre_commit_runs_the_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert any(h["entry"] == "make check" for h in hooks)


def test_contributing_covers_every_topic_and_the_site_shows_it(built_site):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#+ (.+)$", text, flags=re.M)
    for topic in (
        "Preview and check locally",
        "Citing a source",
        "Recording a date",
        "Recording a disagreement",
        "Adding an article and what it mentions",
        "What the check messages mean",
        "Editor support",
    ):
        assert topic in headings
    page = html5lib.parse(
        (built_site / "contributing" / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False
    )
    shown = {"".join(h.itertext()).strip().removesuffix("¶") for level in "123456" for h in page.iter(f"h{level}")}
    assert set(headings) <= shown


def test_every_kind_of_check_message_in_the_broken_corpus_is_explained():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text[text.index("## What the check messages mean") :]
    expected = (ROOT / "tests" / "fixtures" / "broken" / "expected.txt").read_text(encoding="utf-8")
    for phrase in (
        "is empty",
        "is missing",
        "is never closed",
        "is not valid YAML",
        "is a list",
        "is not valid UTF-8",
        "byte-order mark",
        "line endings",
        "is required",
        "is not a field",
        "is given twice",
        "is read by YAML as",
        "must be one of",
        "must be a list",
        "names a day that does not exist",
        "ends before it starts",
        "is not an entry",
        "but this field takes",
        "cites no article",
        "is also used by",
        "holds event entries",
        "contains raw HTML",
        "lists '",
        "characters long",
        "uses the YAML alias",
        "uses the YAML tag",
        "keys must be plain field names",
        "is reserved",
    ):
        assert phrase in expected, phrase  # the corpus really produces it
        assert phrase.split("'")[0].strip() in table, phrase
