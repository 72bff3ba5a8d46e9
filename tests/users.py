"""Helpers for test users."""

from wagtail.users.models import UserProfile


def in_english(user):
    """``user`` with English as the admin language: tests check messages as their English msgids."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
