"""What a counted visit costs in SQL, which the two databases write differently."""

from django.db import connection


def counting_statements():
    """The statements that count a visit: the total's UPDATE and the day's upsert, two
    on SQLite, one on PostgreSQL (data-modifying WITH queries; news/models/counting.py)."""
    return ["WITH"] if connection.vendor == "postgresql" else ["UPDATE", "INSERT"]
