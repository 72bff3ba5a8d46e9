"""Signals the package sends; see docs/reference/signals.md."""

from django.dispatch import Signal

#: Sent after an entry changed status through the service layer, once the transaction has committed.
#: Arguments: ``entry``, ``transition`` (its name, for example ``"submit"``), ``previous_status``, ``user``.
entry_status_changed = Signal()

#: Sent after an entry was submitted (to the round, or to the secretariat for approval) and given its
#: reference number. Arguments: ``entry``, ``user``.
entry_submitted = Signal()
