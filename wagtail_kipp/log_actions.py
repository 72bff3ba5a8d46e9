"""The audit-log actions this package writes (``wagtail_kipp.<object>.<verb>``), registered in one place."""

from django.utils.translation import gettext_lazy as _

#: action -> (label, past-tense message)
LOG_ACTIONS = {
    "wagtail_kipp.organisation.activate": (_("Activate organisation"), _("Organisation activated")),
    "wagtail_kipp.organisation.deactivate": (
        _("Deactivate organisation"),
        _("Organisation deactivated"),
    ),
    "wagtail_kipp.entry.create": (_("Start proposal"), _("Proposal started")),
    "wagtail_kipp.entry.save_refused": (
        _("Refuse an outdated save"),
        _("A save based on an older version was refused and kept for merging"),
    ),
    "wagtail_kipp.entry.submit": (_("Submit proposal"), _("Proposal submitted")),
    "wagtail_kipp.entry.submit_for_approval": (
        _("Send proposal to the secretariat"),
        _("Proposal sent to the secretariat for approval"),
    ),
    "wagtail_kipp.entry.approve": (_("Approve proposal"), _("Proposal approved by the secretariat")),
    "wagtail_kipp.entry.return": (_("Return proposal"), _("Proposal returned for correction")),
    "wagtail_kipp.entry.reopen": (_("Reopen proposal"), _("Proposal reopened for editing")),
    "wagtail_kipp.entry.withdraw": (_("Withdraw proposal"), _("Proposal withdrawn")),
    "wagtail_kipp.entry.restore": (_("Restore proposal"), _("Withdrawn proposal restored as a draft")),
    "wagtail_kipp.entry.pass_check": (
        _("Pass administrative check"),
        _("Proposal passed the administrative check"),
    ),
    "wagtail_kipp.entry.fail_check": (
        _("Fail administrative check"),
        _("Proposal did not pass the administrative check"),
    ),
    "wagtail_kipp.entry.late_exception": (
        _("Grant late submission"),
        _("Late submission allowed for this proposal"),
    ),
    "wagtail_kipp.entry.attachment_upload": (_("Upload attachment"), _("Attachment uploaded")),
    "wagtail_kipp.entry.attachment_delete": (_("Remove attachment"), _("Attachment removed")),
    "wagtail_kipp.invitation.send": (_("Send invitation"), _("Invitation sent")),
    "wagtail_kipp.invitation.accept": (_("Accept invitation"), _("Invitation accepted")),
    "wagtail_kipp.invitation.revoke": (_("Revoke invitation"), _("Invitation revoked")),
    "wagtail_kipp.membership.approve": (_("Approve account"), _("Entrant account approved")),
    "wagtail_kipp.panel.add": (_("Add juror"), _("Juror added to the round's jury")),
    "wagtail_kipp.panel.pledge": (_("Accept integrity pledge"), _("Integrity pledge accepted")),
    "wagtail_kipp.panel.deactivate": (
        _("Deactivate juror"),
        _("Juror deactivated; unsubmitted reviews removed"),
    ),
    "wagtail_kipp.conflict.detect": (
        _("Detect conflicts of interest"),
        _("Conflicts of interest detected from jurors' organisations"),
    ),
    "wagtail_kipp.conflict.declare": (_("Declare conflict of interest"), _("A juror declared a conflict")),
    "wagtail_kipp.conflict.record": (
        _("Record conflict of interest"),
        _("The secretariat recorded a juror's conflict"),
    ),
    "wagtail_kipp.assignment.run": (_("Assign jurors"), _("Jurors assigned automatically")),
    "wagtail_kipp.assignment.add": (_("Assign juror"), _("Juror assigned by hand")),
    "wagtail_kipp.assignment.remove": (_("Unassign juror"), _("Juror's assignment removed")),
    "wagtail_kipp.review.submit": (_("Submit review"), _("Review submitted")),
    "wagtail_kipp.review.reopen": (_("Reopen review"), _("Submitted review reopened")),
    "wagtail_kipp.review.evidence_add": (_("Add evidence"), _("Evidence added to a review")),
    "wagtail_kipp.review.evidence_remove": (_("Remove evidence"), _("Evidence removed from a review")),
    "wagtail_kipp.stage.close_scoring": (_("Close scoring"), _("Scoring of a stage closed")),
    "wagtail_kipp.stage.compute": (_("Compute results"), _("Stage results computed")),
    "wagtail_kipp.stage.accept_suggestions": (
        _("Accept the ranking's suggestions"),
        _("Undecided entries decided as the ranking suggests"),
    ),
    "wagtail_kipp.stage.decide": (_("Decide"), _("Stage decision recorded")),
    "wagtail_kipp.stage.publish": (_("Publish results"), _("Stage results published")),
    "wagtail_kipp.objection.file": (_("File objection"), _("Objection filed")),
    "wagtail_kipp.objection.resolve": (_("Resolve objection"), _("Objection resolved")),
    "wagtail_kipp.innovation.create_from_entry": (
        _("Create innovation record from entry"),
        _("Innovation record drafted from a published entry"),
    ),
    "wagtail_kipp.innovation.update_from_entry": (
        _("Update innovation record from entry"),
        _("New draft of the innovation record from a published entry"),
    ),
    "wagtail_kipp.news.draft_results": (
        _("Draft results news"),
        _("News story drafted from a round's published results"),
    ),
    "wagtail_kipp.harvest.run": (_("Harvest portal"), _("Another portal's innovations harvested")),
    "wagtail_kipp.innovation.harvest": (
        _("Harvest innovation record"),
        _("Innovation record published from another portal's open data API"),
    ),
    "wagtail_kipp.export.request": (_("Request export"), _("Export of a round requested")),
    "wagtail_kipp.export.complete": (_("Complete export"), _("Export ready for download")),
    "wagtail_kipp.export.fail": (_("Fail export"), _("Export failed")),
    "wagtail_kipp.bundle.export": (_("Export winner bundle"), _("Winner bundle exported")),
    "wagtail_kipp.bundle.import": (
        _("Import winner bundle"),
        _("Winner bundle of another portal imported into the round"),
    ),
    "wagtail_kipp.entry.import": (_("Import proposal"), _("Proposal imported from another portal's bundle")),
}


def register(actions) -> None:
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
