"""
Winner bundles upward (city → province → nation): the public interface of export, reading and import.

A bundle is a ZIP of ``bundle.json`` (the entries, see ``schemas/kipp-bundle-1.0.schema.json``), the entries'
files under ``attachments/`` and ``manifest.json`` (every member's size and SHA-256, optionally signed).
"""

from .bundle_export import BundleWriter, ExportRefused, entries_by_reference, export_bundle, winners
from .bundle_import import BundleImporter, import_bundle
from .bundle_reader import Bundle, BundleError, bundle_limits, bundle_setting, read_bundle
from .bundle_report import ImportReport

__all__ = [
    "Bundle",
    "BundleError",
    "BundleImporter",
    "BundleWriter",
    "ExportRefused",
    "ImportReport",
    "bundle_limits",
    "bundle_setting",
    "entries_by_reference",
    "export_bundle",
    "import_bundle",
    "read_bundle",
    "winners",
]
