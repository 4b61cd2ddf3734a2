"""The two floors: a page rendered from one 20 KB template, without and with one
counted visit (one atomic UPDATE n = n + 1, then one SELECT of the new n)."""

from django.db.models import F
from django.shortcuts import render

from .counter.models import Counter


def floor_static(request):
    return render(request, "floor.html")


def floor_counted(request):
    Counter.objects.filter(pk=1).update(n=F("n") + 1)
    counter = Counter.objects.get(pk=1)
    return render(request, "floor.html", {"count": counter.n})
