"""The report of a bundle import: what was created, skipped, mapped and warned about; printable and kept."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclasses.dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do); printable, and kept with the imported bundle."""

    bundle_id: str = ""
    source_portal: str = ""
    source_url: str = ""
    source_round: str = ""
    competition: str = ""
    dry_run: bool = False
    already_imported: bool = False
    imported_at: str = ""
    created: list[dict[str, str]] = dataclasses.field(default_factory=list)
    skipped: list[dict[str, str]] = dataclasses.field(default_factory=list)
    organisations_created: list[str] = dataclasses.field(default_factory=list)
    organisations_mapped: list[str] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in (data or {}).items() if key in names})

    @property
    def summary(self) -> str:
        if self.already_imported:
            return _("This bundle was already imported into this round: nothing changed.")
        created, skipped = len(self.created), len(self.skipped)
        counts = ngettext("%(count)d entry created", "%(count)d entries created", created) % {
            "count": created
        }
        counts += ", " + ngettext("%(count)d skipped", "%(count)d skipped", skipped) % {"count": skipped}
        if self.dry_run:
            return _("Dry run, nothing was saved: %(counts)s.") % {"counts": counts}
        return _("Imported: %(counts)s.") % {"counts": counts}

    def lines(self) -> list[str]:
        """The report as lines of text, for the command's output."""
        lines = [
            _("Bundle %(id)s from %(portal)s (%(url)s), round “%(round)s”, into “%(competition)s”.")
            % {
                "id": self.bundle_id,
                "portal": self.source_portal or "?",
                "url": self.source_url or "-",
                "round": self.source_round,
                "competition": self.competition,
            },
            self.summary,
        ]
        for row in self.created:
            lines.append(
                "  + "
                + _("%(reference)s from %(source)s: %(title)s (%(organisation)s)")
                % {
                    "reference": row["reference"],
                    "source": row["source_reference"],
                    "title": row["title"],
                    "organisation": row["organisation"],
                }
            )
        for row in self.skipped:
            lines.append(
                "  = "
                + _("%(source)s: %(title)s, skipped: %(reason)s")
                % {"source": row["source_reference"], "title": row["title"], "reason": row["reason"]}
            )
        if self.organisations_created:
            lines.append(
                _("Organisations created (inactive): %(names)s")
                % {"names": "; ".join(self.organisations_created)}
            )
        if self.organisations_mapped:
            lines.append(
                _("Organisations mapped: %(names)s") % {"names": "; ".join(self.organisations_mapped)}
            )
        lines.extend("  ! " + warning for warning in self.warnings)
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())
