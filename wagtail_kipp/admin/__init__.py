"""Wagtail admin screens for the package: viewsets, filters and reports."""
