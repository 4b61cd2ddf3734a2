from django.utils.functional import SimpleLazyObject

from .models import Office


def office(request):
    return {"office": SimpleLazyObject(Office.current)}
