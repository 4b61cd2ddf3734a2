"""Opportunities (opportunity.py), their application windows (window.py) and the
queries on both (querysets.py)."""

from .opportunity import Kind, Level, Opportunity
from .querysets import ApplicationWindowQuerySet, OpportunityQuerySet
from .window import ApplicationWindow

__all__ = [
    "ApplicationWindow",
    "ApplicationWindowQuerySet",
    "Kind",
    "Level",
    "Opportunity",
    "OpportunityQuerySet",
]
