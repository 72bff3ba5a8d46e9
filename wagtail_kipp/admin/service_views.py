"""What the admin's create and edit views share when they save through the service layer."""

from __future__ import annotations

from ..judging.services import ServiceError


class ServiceErrorsInFormMixin:
    """A ``ServiceError`` raised while saving is shown on the form (and in the error banner), not as a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ServiceError as error:
            for message in error.messages:
                form.add_error(None, message)
            self.produced_error_message = " ".join(error.messages)
            return self.form_invalid(form)
