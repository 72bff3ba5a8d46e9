"""Attachment views of the entrant portal: upload (form post or JSON), private download, and removal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from ...judging import services
from ...models import Entry, EntryAttachment
from ...storage import private_download
from ...templatetags.kipp_portal import round_datetime
from .. import uploads
from .base import PortalMixin, get_entry
from .entries import wants_json

#: Name of the file field of the upload form.
FILE_FIELD = "file"


def attachment_data(entry: Entry, attachment: EntryAttachment) -> dict:
    """The attachment as the upload script shows it."""
    return {
        "slot": attachment.slot,
        "name": attachment.original_name,
        "size": attachment.size,
        "size_display": filesizeformat(attachment.size),
        "sha256": attachment.sha256,
        "file_type": attachment.file_type,
        "uploaded_at": attachment.uploaded_at.isoformat(),
        "uploaded_at_display": round_datetime(attachment.uploaded_at, entry.competition),
        "download_url": reverse(
            "wagtail_kipp_portal:attachment_download", args=[entry.uuid, attachment.slot]
        ),
        "delete_url": reverse("wagtail_kipp_portal:attachment_delete", args=[entry.uuid, attachment.slot]),
    }


class AttachmentViewMixin(PortalMixin):
    """Answers of the attachment views: a redirect with a message for form posts, JSON for the script."""

    def handle_no_permission(self):
        if wants_json(self.request) and not self.request.user.is_authenticated:
            return JsonResponse(
                {"ok": False, "errors": [_("Your session has ended; log in again.")]}, status=401
            )
        return super().handle_no_permission()

    def get_success_url(self, entry: Entry) -> str:
        """Where a plain form post returns to; may be overridden."""
        return entry.get_absolute_url() + "#attachments"

    def not_found(self):
        # The same answer whether the entry does not exist or belongs to someone else: nothing to probe.
        if wants_json(self.request):
            return JsonResponse(
                {"ok": False, "errors": [_("This file or proposal was not found.")]}, status=404
            )
        raise Http404

    def answer(self, entry: Entry, slot: str, *, ok: bool, message_list, status: int = 200, **data):
        if wants_json(self.request):
            payload = {"ok": ok, "slot": slot, **data}
            payload["messages" if ok else "errors"] = [str(message) for message in message_list]
            return JsonResponse(payload, status=status)
        add = messages.success if ok else messages.error
        for message in message_list:
            add(self.request, message, extra_tags=f"kipp-attachment kipp-attachment-{slot}")
        return redirect(self.get_success_url(entry))


@method_decorator(csrf_exempt, name="dispatch")
class UploadView(AttachmentViewMixin, View):
    """
    Receive one file for one attachment slot (POST, ``multipart/form-data``, field ``file``).

    The CSRF check runs inside the view, after a size-limit upload handler is put in front, so that a file
    over the slot's limit is skipped while it arrives instead of being written to disk first.
    """

    http_method_names = ["post"]

    def post(self, request, uuid, slot):
        try:
            entry = get_entry(request, uuid, members_only=True)
            slot_spec = uploads.get_slot(entry, slot)
        except (Http404, uploads.UnknownSlot):
            return self.not_found()
        limiter = None
        if not hasattr(request, "_files"):
            limiter = uploads.SlotSizeLimitHandler(request, limit=int(slot_spec["max_size_bytes"]))
            request.upload_handlers.insert(0, limiter)
        try:
            return csrf_protect(self.receive)(request, entry, slot_spec, limiter)
        except (MultiPartParserError, UnreadablePostError):
            return self.interrupted(entry, slot)

    def interrupted(self, entry: Entry, slot: str):
        return self.answer(
            entry,
            slot,
            ok=False,
            message_list=[_("The upload was interrupted before the whole file arrived. Try again.")],
            status=400,
        )

    def receive(self, request, entry: Entry, slot_spec: dict, limiter):
        slot = slot_spec["key"]
        try:
            uploaded = request.FILES.get(FILE_FIELD)
        except (MultiPartParserError, UnreadablePostError):
            return self.interrupted(entry, slot)
        if uploaded is None:
            if limiter is not None and limiter.too_large:
                message = uploads.too_large_message(int(slot_spec["max_size_bytes"]))
            elif limiter is not None and limiter.started:
                return self.interrupted(entry, slot)
            else:
                message = _("Choose a file to upload.")
            return self.answer(entry, slot, ok=False, message_list=[message], status=400)
        try:
            attachment, created = uploads.store_attachment(entry, request.user, slot, uploaded)
        except (PermissionDenied, uploads.UnknownSlot):
            return self.not_found()
        except services.NotAllowed as error:
            return self.answer(entry, slot, ok=False, message_list=error.messages, status=403)
        except services.ServiceError as error:
            return self.answer(entry, slot, ok=False, message_list=error.messages, status=400)
        if created:
            message = _("“%(name)s” has been uploaded.") % {"name": attachment.original_name}
        else:
            message = _("“%(name)s” was already uploaded; nothing has changed.") % {
                "name": attachment.original_name
            }
        return self.answer(
            entry,
            slot,
            ok=True,
            message_list=[message],
            created=created,
            attachment=attachment_data(entry, attachment),
        )


class DeleteView(AttachmentViewMixin, View):
    """Remove the file of one attachment slot (POST); removing a file that is already gone is harmless."""

    http_method_names = ["post"]

    def post(self, request, uuid, slot):
        try:
            entry = get_entry(request, uuid, members_only=True)
            removed = uploads.remove_attachment(entry, request.user, slot)
        except (Http404, PermissionDenied, uploads.UnknownSlot):
            return self.not_found()
        except services.NotAllowed as error:
            return self.answer(entry, slot, ok=False, message_list=error.messages, status=403)
        except services.ServiceError as error:
            return self.answer(entry, slot, ok=False, message_list=error.messages, status=400)
        message = _("The file has been removed.") if removed else _("There was no file to remove.")
        return self.answer(entry, slot, ok=True, message_list=[message], removed=removed)


class DownloadView(PortalMixin, View):
    """
    Serve an attachment to the organisation's members and the secretariat; 404 for everybody else.

    Always as a download with the checked type, never rendered by the browser, never cached by proxies.
    """

    http_method_names = ["get", "head"]

    def get(self, request, uuid, slot):
        entry = get_entry(request, uuid)
        attachment = get_object_or_404(EntryAttachment, entry=entry, slot=slot)
        return private_download(
            attachment.file,
            attachment.original_name or uploads.stored_name(attachment.file_type),
            uploads.CONTENT_TYPES.get(attachment.file_type, "application/octet-stream"),
        )
