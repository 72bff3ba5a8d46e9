"""List the untranslated and fuzzy messages of the Indonesian (``id``) catalogues; exit 1 if there are any.

Run ``bash scripts/messages.sh`` first so the catalogues hold the current strings, then
``.venv/bin/python scripts/untranslated.py``.
"""

import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for directory in (REPO / "wagtail_kipp" / "locale", REPO / "locale")
    for path in directory.glob("id/LC_MESSAGES/*.po")
)


def describe(entry: polib.POEntry) -> str:
    text = repr(entry.msgid)
    if entry.msgid_plural:
        text += f" (plural {entry.msgid_plural!r})"
    if entry.msgctxt:
        text += f" [context {entry.msgctxt!r}]"
    return text


def main() -> int:
    if not CATALOGUES:
        print("no id catalogues found", file=sys.stderr)
        return 1
    total = 0
    for path in CATALOGUES:
        po = polib.pofile(str(path))
        fuzzy = po.fuzzy_entries()
        untranslated = po.untranslated_entries()
        print(f"{path.relative_to(REPO)}: {len(untranslated)} untranslated, {len(fuzzy)} fuzzy")
        for entry in untranslated:
            print(f"  untranslated: {describe(entry)}")
        for entry in fuzzy:
            print(f"  fuzzy: {describe(entry)}")
        if po.metadata_is_fuzzy:
            print("  the header is marked fuzzy")
            total += 1
        total += len(untranslated) + len(fuzzy)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
