from django.apps import AppConfig


class CustomPageConfig(AppConfig):
    name = "tests.custom_page"
    label = "custom_page"
    default_auto_field = "django.db.models.BigAutoField"
