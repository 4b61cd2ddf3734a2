"""Demo content for the site-wide pieces: the office's contact details."""

from .models import Office


def load():
    Office.objects.update_or_create(
        pk=1,
        defaults={
            "name": "International Exchange & Cooperation Office",
            "university": "Binzhou University",
            "address": "Huanghe Road, Binzhou City, Shandong 256600, P.R. China",
            "telephone": "+86-543-3194976",
            "email": "intl@bzu.edu.cn",
        },
    )
    return "office contact details"
