"""Notifications: e-mails rendered from templates and sent by django-tasks after commit."""
