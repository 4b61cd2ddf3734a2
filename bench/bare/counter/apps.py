from django.apps import AppConfig


class CounterConfig(AppConfig):
    name = "bench.bare.counter"
    label = "bare_counter"
    default_auto_field = "django.db.models.BigAutoField"
