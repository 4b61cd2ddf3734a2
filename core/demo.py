"""Demo content for the site-wide pieces: the office's contact details.

The name, university and address are written in each language's own column
(name_en, name_zh_hans, name_ru): assigning `name` would fill the active language's
column only.
"""

from .models import Office


def load():
    Office.objects.update_or_create(
        pk=1,
        defaults={
            "name_en": "International Exchange & Cooperation Office",
            "name_zh_hans": "国际交流合作处",
            "name_ru": "Отдел международного сотрудничества и обменов",
            "university_en": "Binzhou University",
            "university_zh_hans": "滨州学院",
            "university_ru": "Бинчжоуский университет",
            "address_en": "Huanghe Road, Binzhou City, Shandong 256600, P.R. China",
            "address_zh_hans": "中国山东省滨州市黄河路，邮编256600",
            "address_ru": "ул. Хуанхэ, г. Биньчжоу, провинция Шаньдун, 256600, КНР",
            "telephone": "+86-543-3194976",
            "email": "intl@bzu.edu.cn",
        },
    )
    return "office contact details in three languages"
