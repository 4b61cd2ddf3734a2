from django.db import models


class Counter(models.Model):
    """The one row (pk 1) that floor_counted increments: the bare cost of a counted visit."""

    n = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.n)


class Seeding(models.Model):
    """Written last by a completed seeding, so that a later run can re-use the database."""

    releases = models.PositiveIntegerField()
    version = models.PositiveSmallIntegerField()
    finished_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.releases} releases, version {self.version}"
