"""The documentation keeps up with the code: every setting, check, log action, template, command, catalogue
parameter and model is in the reference, and the mkdocs site builds without warnings.

Each test lists everything missing at once and says which page to add it to.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import models as django_models

import wagtail_kipp.models
from wagtail_kipp.catalogue.filters import InnovationFilterSet
from wagtail_kipp.conf import DEFAULTS, PREFIX
from wagtail_kipp.log_actions import LOG_ACTIONS

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
PACKAGE = REPO / "wagtail_kipp"
COMMAND_DIRS = [
    PACKAGE / "management" / "commands",
    REPO / "example_site" / "demo" / "management" / "commands",
]


def read_doc(relative: str) -> str:
    path = DOCS / relative
    assert path.is_file(), f"docs/{relative} is missing: create it (and list it in the nav of mkdocs.yml)."
    return path.read_text(encoding="utf-8")


def mentions(text: str, name: str) -> bool:
    """``name`` occurs in ``text`` as a whole token, not as part of a longer identifier or path."""
    return re.search(rf"(?<![\w./-]){re.escape(name)}(?![\w/-])", text) is not None


def in_code(text: str, name: str) -> bool:
    """``name`` occurs in ``text`` as inline code: `name`."""
    return f"`{name}`" in text


def missing_report(missing: list[str], page: str, what: str, how: str) -> str:
    items = "\n".join(f"  - {item}" for item in missing)
    return f"docs/{page} does not document {len(missing)} {what}:\n{items}\nAdd each to docs/{page}: {how}"


def test_every_setting_is_in_the_settings_reference():
    text = read_doc("reference/settings.md")
    names = [PREFIX + key for key in DEFAULTS]
    assert names, "wagtail_kipp.conf.DEFAULTS is empty; this test would check nothing."
    missing = [name for name in names if not mentions(text, name)]
    assert not missing, missing_report(
        missing,
        "reference/settings.md",
        "setting(s) of wagtail_kipp.conf.DEFAULTS",
        "a row in the table at the top and a '## `WAGTAIL_KIPP_<KEY>`' section with its default, type and "
        "meaning.",
    )


def check_ids_in_source() -> list[str]:
    source = (PACKAGE / "checks.py").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"""["'](wagtail_kipp\.[A-Z]\d{3})["']""", source)))


def test_every_system_check_is_in_the_checks_reference():
    text = read_doc("reference/checks.md")
    ids = check_ids_in_source()
    assert ids, "No check ids (wagtail_kipp.E001 ...) found in wagtail_kipp/checks.py; fix the pattern here."
    missing = [check_id for check_id in ids if not mentions(text, check_id)]
    assert not missing, missing_report(
        missing,
        "reference/checks.md",
        "system check id(s) from wagtail_kipp/checks.py",
        "a row in the summary table and a '## `wagtail_kipp.<ID>`' section with the message, its meaning and "
        "the fix.",
    )


def test_every_log_action_is_in_the_log_actions_reference():
    text = read_doc("reference/log-actions.md")
    assert LOG_ACTIONS, "wagtail_kipp.log_actions.LOG_ACTIONS is empty; this test would check nothing."
    missing = [action for action in LOG_ACTIONS if not mentions(text, action)]
    assert not missing, missing_report(
        missing,
        "reference/log-actions.md",
        "audit-log action(s) of wagtail_kipp.log_actions.LOG_ACTIONS",
        "a row in the table and a '## `<action>`' section saying when the entry is written.",
    )


def package_templates() -> list[str]:
    root = PACKAGE / "templates"
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def test_every_template_is_in_the_templates_reference():
    text = read_doc("reference/templates.md")
    templates = package_templates()
    assert templates, "No templates found under wagtail_kipp/templates/."
    missing = [template for template in templates if not mentions(text, template)]
    assert not missing, missing_report(
        missing,
        "reference/templates.md",
        "template(s) under wagtail_kipp/templates/",
        "its path in the table at the top and a section saying what it renders and its context variables.",
    )


def management_commands() -> list[str]:
    # Django's own rule (django.core.management.find_commands): modules not starting with "_".
    return sorted(
        path.stem
        for directory in COMMAND_DIRS
        if directory.is_dir()
        for path in directory.glob("*.py")
        if not path.name.startswith("_")
    )


def test_every_management_command_is_in_the_commands_reference():
    text = read_doc("reference/commands.md")
    missing = [command for command in management_commands() if not mentions(text, command)]
    assert not missing, missing_report(
        missing,
        "reference/commands.md",
        "management command(s) from wagtail_kipp/management/commands/ or "
        "example_site/demo/management/commands/",
        "a '### `<command>`' section with what it does and its options.",
    )


def catalogue_parameters() -> list[str]:
    """Every filter of the FilterSet, and the other parameters the Catalogue reads from request.GET."""
    listing = (PACKAGE / "catalogue" / "listing.py").read_text(encoding="utf-8")
    others = set(re.findall(r"""GET\.get\(\s*["'](\w+)["']""", listing))
    return sorted(set(InnovationFilterSet.base_filters) | others)


def test_every_catalogue_parameter_is_in_the_urls_reference():
    text = read_doc("reference/urls.md")
    parameters = catalogue_parameters()
    assert {"q", "page"} <= set(parameters), (
        f"Found only {parameters} as catalogue parameters; fix catalogue_parameters() in this test."
    )
    missing = [name for name in parameters if not in_code(text, name)]
    assert not missing, missing_report(
        missing,
        "reference/urls.md",
        "catalogue URL parameter(s) (InnovationFilterSet filters and Catalogue's request.GET keys)",
        "a row in the parameters table and a '### `<name>`' section with its value format, "
        "for example `organisation=<slug>`.",
    )


def concrete_models() -> list[str]:
    names = []
    for name in wagtail_kipp.models.__all__:
        obj = getattr(wagtail_kipp.models, name)
        if isinstance(obj, type) and issubclass(obj, django_models.Model) and not obj._meta.abstract:
            if obj._meta.app_label == "wagtail_kipp":
                names.append(name)
    return sorted(names)


def test_every_model_is_in_the_models_reference():
    text = read_doc("reference/models.md")
    names = concrete_models()
    assert {"InnovationPage", "InnovationIndexPage", "Organisation"} <= set(names), (
        f"Found only {names} as concrete models in wagtail_kipp.models.__all__; fix concrete_models()."
    )
    missing = [name for name in names if not in_code(text, name)]
    assert not missing, missing_report(
        missing,
        "reference/models.md",
        "concrete model(s) of wagtail_kipp.models.__all__",
        "a row in the table at the top and a '### `<Model>`' section with its fields, and for a page its "
        "parent and subpage types.",
    )


def nav_files() -> list[str]:
    """The .md files the nav of mkdocs.yml points to (read as text: no YAML library needed)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.split("\nnav:", 1)
    assert len(nav) == 2, "mkdocs.yml has no top-level 'nav:'."
    block = re.split(r"\n(?=\S)", nav[1], maxsplit=1)[0]
    return re.findall(r"^\s*-\s*(?:[^:\n]+:\s*)?([\w./-]+\.md)\s*$", block, flags=re.MULTILINE)


def test_every_nav_entry_points_to_a_file():
    entries = nav_files()
    assert "index.md" in entries, f"The nav of mkdocs.yml should start at index.md; found {entries}."
    missing = [entry for entry in entries if not (DOCS / entry).is_file()]
    assert not missing, (
        "The nav of mkdocs.yml points to pages that do not exist:\n"
        + "\n".join(f"  - docs/{entry}" for entry in missing)
        + "\nCreate each file under docs/, or fix the path in mkdocs.yml."
    )


def test_every_page_is_in_the_nav():
    entries = set(nav_files())
    pages = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))
    missing = [page for page in pages if page not in entries]
    assert not missing, (
        "These pages under docs/ are not in the nav of mkdocs.yml:\n"
        + "\n".join(f"  - docs/{page}" for page in missing)
        + "\nAdd each to the nav in mkdocs.yml (under Tutorial, How-to guides, Concepts or Reference)."
    )


def test_code_fences_start_at_the_margin():
    # mkdocs' Markdown renders a fence indented under a list item or admonition as text, without a warning.
    problems = [
        f"docs/{path.relative_to(DOCS).as_posix()}, line {number}"
        for path in sorted(DOCS.rglob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.match(r"^\s+(```|~~~)", line)
    ]
    assert not problems, (
        "Indented code fences are rendered as plain text:\n"
        + "\n".join(f"  - {problem}" for problem in problems)
        + "\nStart each ``` at the beginning of the line, outside lists and admonitions."
    )


@pytest.mark.slow
def test_mkdocs_builds_strictly(tmp_path):
    pytest.importorskip("mkdocs", reason="mkdocs is in the 'docs' extra: pip install -e '.[docs]'")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(REPO / "mkdocs.yml"),
            "--site-dir",
            str(tmp_path / "site"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed; fix the warnings below:\n{output}"
    assert "WARNING" not in output, f"mkdocs build printed warnings:\n{output}"
    assert (tmp_path / "site" / "index.html").is_file()
