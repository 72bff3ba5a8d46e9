"""Placeholder: proposal views (being written)."""

from django.views import View


class EntryCreateView(View):
    pass


class EntryEditView(View):
    pass


class AutosaveView(View):
    pass


class SubmitView(View):
    pass


class ReceiptView(View):
    pass


class StatusView(View):
    pass


class TransitionView(View):
    pass


class ResolveConflictView(View):
    pass
