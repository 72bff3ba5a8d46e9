"""Placeholder: attachment upload, download and removal (being written)."""

from django.views import View


class UploadView(View):
    pass


class DownloadView(View):
    pass


class DeleteView(View):
    pass
