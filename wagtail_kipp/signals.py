"""Signals the package sends; see docs/reference/signals.md."""

from django.dispatch import Signal

#: Sent after an entry changed status through the service layer, once the transaction has committed.
#: Arguments: ``entry``, ``transition`` (its name, for example ``"submit"``), ``previous_status``, ``user``.
entry_status_changed = Signal()

#: Sent after an entry was submitted (to the round, or to the secretariat for approval) and given its
#: reference number. Arguments: ``entry``, ``user``.
entry_submitted = Signal()

#: Sent after a juror submitted a score sheet. Arguments: ``assignment``, ``user``.
review_submitted = Signal()

#: Sent after the secretariat published a stage's results in one batch, once the transaction has committed.
#: Arguments: ``competition``, ``stage_kind`` (for example ``"desk_evaluation"`` or ``"final"``), ``user``.
stage_results_published = Signal()
