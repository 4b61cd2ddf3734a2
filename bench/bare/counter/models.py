from django.db import models


class Counter(models.Model):
    """The one row (pk 1) the counted floor adds to, in a table of its own."""

    n = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.n)
