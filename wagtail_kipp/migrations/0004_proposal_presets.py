"""Load the national proposal forms (2021, 2023 umum/replikasi/khusus) as proposal-template presets."""

from django.db import migrations

from wagtail_kipp.proposal_presets import load_presets, unload_presets


def load(apps, schema_editor):
    load_presets(
        apps.get_model("wagtail_kipp", "ProposalTemplate"),
        apps.get_model("wagtail_kipp", "TemplateSection"),
        apps.get_model("wagtail_kipp", "AttachmentSlot"),
    )


def unload(apps, schema_editor):
    unload_presets(apps.get_model("wagtail_kipp", "ProposalTemplate"))


class Migration(migrations.Migration):
    dependencies = [("wagtail_kipp", "0003_competitions_and_entries")]

    operations = [migrations.RunPython(load, unload)]
