"""Demo content for the partner directory: the reference partner and a few more.

Facts about the reference partner are those of Irkutsk National Research Technical
University as the university publishes them; the other
institutions are real universities, but their rankings and agreements here are
illustrative, made up for the demo. Everything is keyed by natural keys (English
slug; institution + system + year; institution + kind + signing date), so loading
again updates rows instead of adding new ones.

Translated fields are written to each language's own column (name_en,
name_zh_hans, name_ru): assigning `name` would fill the active language's column
only. The reference partner is written in full in English, Chinese and Russian;
the others have their names and cities in all three languages and their
descriptions in English only, so that their pages show the translation note.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from .models import (
    Agreement,
    AgreementKind,
    Institution,
    Ranking,
    RankingSystem,
    Scope,
    add_months,
)

RANKING_SYSTEMS = {
    "THE": ("THE World University Rankings", Scope.WORLD),
    "QS": ("QS World University Rankings", Scope.WORLD),
    "ARWU": ("Academic Ranking of World Universities", Scope.WORLD),
    "RAEX": ("RAEX-100 Best Universities of Russia", Scope.NATIONAL),
}

REFERENCE_SLUG = "irkutsk-national-research-technical-university"

# The languages besides English whose slugs are made from the name (the English
# slugs are given, being the natural keys).
OTHER_LANGUAGES = ["zh_hans", "ru"]


def institutions(today):
    """The demo partners. Dates relative to `today` keep each status true over time."""
    return [
        {
            "slug_en": REFERENCE_SLUG,
            "name_en": "Irkutsk National Research Technical University",
            "name_zh_hans": "伊尔库茨克国立研究技术大学",
            "name_ru": "Иркутский национальный исследовательский технический университет",
            "other_names": "Irkutsk State University of Technology\n"
            "Irkutsk State Technical University\n"
            "Иркутский национальный исследовательский технический университет\n"
            "INRTU\n"
            "Иркутский государственный технический университет\n"
            "ИРНИТУ\n"
            "伊尔库茨克国立理工大学\n"
            "伊尔库茨克国立技术大学",
            "city_en": "Irkutsk",
            "city_zh_hans": "伊尔库茨克",
            "city_ru": "Иркутск",
            "country": "RU",
            "founded_year": 1930,
            "website": "https://www.istu.edu/eng/",
            "description_en": (
                "<p>A large technical university in Irkutsk, the capital of Irkutsk Oblast "
                "in Eastern Siberia. It is one of the national research universities that "
                "the Russian government supports as a priority.</p>"
            ),
            "description_zh_hans": (
                "<p>位于东西伯利亚伊尔库茨克州首府伊尔库茨克市的一所大型理工科大学，"
                "是俄罗斯政府重点支持的国家研究型大学之一。</p>"
            ),
            "description_ru": (
                "<p>Крупный технический вуз Иркутска — административного центра Иркутской "
                "области в Восточной Сибири. Входит в число национальных исследовательских "
                "университетов, которым государство оказывает приоритетную поддержку.</p>"
            ),
            "strengths_en": "Geological prospecting\nAerospace engineering\nClean energy",
            "strengths_zh_hans": "地质勘探\n航空航天工程\n清洁能源",
            "strengths_ru": "Геологоразведка\nАвиационная и ракетно-космическая техника\n"
            "Чистая энергетика",
            "rankings": [("THE", 2021, 301, 350), ("RAEX", 2021, 31, None)],
            "agreements": [
                {
                    "kind": AgreementKind.MEMORANDUM,
                    "signed_on": datetime.date(2021, 5, 26),
                    "programmes_en": "Polymer materials and engineering\n"
                    "Aircraft manufacturing engineering",
                    "programmes_zh_hans": "高分子材料与工程\n飞行器制造工程",
                    "programmes_ru": "Технология полимерных материалов\nАвиастроение",
                    "signatories": "Guo Xinwei, vice-president, Binzhou University\n"
                    "Savkin, vice-president, Irkutsk National Research Technical University",
                },
            ],
        },
        {
            "slug_en": "novosibirsk-state-technical-university",
            "name_en": "Novosibirsk State Technical University",
            "name_zh_hans": "新西伯利亚国立技术大学",
            "name_ru": "Новосибирский государственный технический университет",
            "other_names": "Новосибирский государственный технический университет\nNSTU\nНГТУ",
            "city_en": "Novosibirsk",
            "city_zh_hans": "新西伯利亚",
            "city_ru": "Новосибирск",
            "country": "RU",
            "founded_year": 1950,
            "website": "https://en.nstu.ru/",
            "description_en": (
                "<p>An engineering university in Siberia's largest city, known for "
                "electronics, power engineering and applied mathematics.</p>"
            ),
            "strengths_en": "Power engineering\nElectronics\nApplied mathematics",
            "rankings": [("QS", 2024, 1001, 1200), ("RAEX", 2024, 40, None)],
            "agreements": [
                {
                    "kind": AgreementKind.STUDENT_EXCHANGE,
                    "signed_on": datetime.date(2019, 9, 12),
                    "valid_until": add_months(today, 4),
                    "programmes_en": "Electrical engineering and automation",
                    "signatories": "Dean of international affairs, Binzhou University\n"
                    "Vice-rector for international relations, NSTU",
                },
            ],
        },
        {
            "slug_en": "kangwon-national-university",
            "name_en": "Kangwon National University",
            "name_zh_hans": "江原大学",
            "name_ru": "Национальный университет Канвон",
            "other_names": "강원대학교\nKNU\n江原国立大学",
            "city_en": "Chuncheon",
            "city_zh_hans": "春川",
            "city_ru": "Чхунчхон",
            "country": "KR",
            "founded_year": 1947,
            "website": "https://www.kangwon.ac.kr/english/",
            "description_en": (
                "<p>A national university in the mountains east of Seoul, with strong "
                "programmes in life sciences, forestry and veterinary medicine.</p>"
            ),
            "strengths_en": "Forest sciences\nAnimal life sciences\nPharmacy",
            "rankings": [("QS", 2024, 801, 1000)],
            "agreements": [
                {
                    "kind": AgreementKind.STUDENT_EXCHANGE,
                    "signed_on": datetime.date(2018, 3, 20),
                    "valid_until": datetime.date(2023, 3, 19),
                    "programmes_en": "Semester exchange for undergraduates",
                    "signatories": "President, Binzhou University\n"
                    "President, Kangwon National University",
                },
                {
                    "kind": AgreementKind.STUDENT_EXCHANGE,
                    "signed_on": datetime.date(2023, 4, 10),
                    "programmes_en": "Semester exchange for undergraduates\n"
                    "Korean language summer school",
                    "signatories": "President, Binzhou University\n"
                    "President, Kangwon National University",
                },
            ],
        },
        {
            "slug_en": "hochschule-bremerhaven",
            "name_en": "Bremerhaven University of Applied Sciences",
            "name_zh_hans": "不来梅港应用技术大学",
            "name_ru": "Университет прикладных наук Бремерхафена",
            "other_names": "Hochschule Bremerhaven",
            "city_en": "Bremerhaven",
            "city_zh_hans": "不来梅港",
            "city_ru": "Бремерхафен",
            "country": "DE",
            "founded_year": 1975,
            "website": "https://www.hs-bremerhaven.de/en/",
            "description_en": (
                "<p>A university of applied sciences on the North Sea coast, teaching "
                "maritime technology, logistics and food technology close to industry.</p>"
            ),
            "strengths_en": "Maritime technology\nLogistics\nFood technology",
            "rankings": [],
            "agreements": [
                {
                    "kind": AgreementKind.JOINT_DEGREE,
                    "signed_on": None,
                    "programmes_en": "Logistics engineering (double degree, in negotiation)",
                    "signatories": "",
                },
            ],
        },
        {
            "slug_en": "university-of-tasmania",
            "name_en": "University of Tasmania",
            "name_zh_hans": "塔斯马尼亚大学",
            "name_ru": "Университет Тасмании",
            "other_names": "UTAS",
            "city_en": "Hobart",
            "city_zh_hans": "霍巴特",
            "city_ru": "Хобарт",
            "country": "AU",
            "founded_year": 1890,
            "website": "https://www.utas.edu.au/",
            "description_en": (
                "<p>Australia's fourth-oldest university, on the island state of Tasmania, "
                "with research on the Antarctic, the oceans and agriculture.</p>"
            ),
            "strengths_en": "Antarctic and marine studies\nAgriculture\nAquaculture",
            "rankings": [
                ("THE", 2024, 301, 350),
                ("QS", 2024, 331, None),
                ("ARWU", 2023, 201, 300),
            ],
            "agreements": [
                {
                    "kind": AgreementKind.PROGRAMME,
                    "signed_on": datetime.date(2022, 11, 8),
                    "valid_until": datetime.date(2027, 11, 7),
                    "programmes_en": "Aquaculture (2+2 undergraduate programme)",
                    "signatories": "Vice-president, Binzhou University\n"
                    "Pro vice-chancellor (international), University of Tasmania",
                },
            ],
        },
        {
            "slug_en": "al-farabi-kazakh-national-university",
            "name_en": "Al-Farabi Kazakh National University",
            "name_zh_hans": "阿里-法拉比哈萨克国立大学",
            "name_ru": "Казахский национальный университет имени аль-Фараби",
            "other_names": "Әл-Фараби атындағы Қазақ ұлттық университеті\n"
            "Казахский национальный университет имени аль-Фараби\nKazNU\nКазНУ\n"
            "哈萨克国立大学",
            "city_en": "Almaty",
            "city_zh_hans": "阿拉木图",
            "city_ru": "Алматы",
            "country": "KZ",
            "founded_year": 1934,
            "website": "https://www.kaznu.kz/en",
            "description_en": (
                "<p>Kazakhstan's leading classical university, on a large campus at the "
                "foot of the Tian Shan mountains in Almaty.</p>"
            ),
            "strengths_en": "Chemistry\nPhysics\nOriental studies",
            "rankings": [("QS", 2024, 220, None)],
            "agreements": [
                {
                    "kind": AgreementKind.MEMORANDUM,
                    "signed_on": datetime.date(2020, 10, 15),
                    "valid_until": add_months(today, 2),
                    "programmes_en": "Chinese language teaching\nChemical engineering",
                    "signatories": "President, Binzhou University\nRector, KazNU",
                },
            ],
        },
        {
            "slug_en": "kasetsart-university",
            "name_en": "Kasetsart University",
            "name_zh_hans": "泰国农业大学",
            "name_ru": "Университет Касетсарт",
            "other_names": "มหาวิทยาลัยเกษตรศาสตร์\nKU",
            "city_en": "Bangkok",
            "city_zh_hans": "曼谷",
            "city_ru": "Бангкок",
            "country": "TH",
            "founded_year": 1943,
            "website": "https://www.ku.ac.th/en/",
            "description_en": (
                "<p>Thailand's first agricultural university, now teaching most "
                "disciplines on campuses around Bangkok.</p>"
            ),
            "strengths_en": "Agriculture\nFisheries\nFood science",
            "rankings": [("QS", 2024, 801, 1000), ("THE", 2024, 1001, 1200)],
            "agreements": [
                {
                    "kind": AgreementKind.STAFF_EXCHANGE,
                    "signed_on": datetime.date(2021, 12, 1),
                    "valid_until": datetime.date(2028, 11, 30),
                    "programmes_en": "Visiting scholars in fisheries and food science",
                    "signatories": "Vice-president, Binzhou University\n"
                    "Vice-president, Kasetsart University",
                },
            ],
        },
        {
            "slug_en": "belarusian-state-technological-university",
            "name_en": "Belarusian State Technological University",
            "name_zh_hans": "白俄罗斯国立工艺大学",
            "name_ru": "Белорусский государственный технологический университет",
            "other_names": "Белорусский государственный технологический университет\n"
            "BSTU\nБГТУ\n白俄罗斯国立技术大学",
            "city_en": "Minsk",
            "city_zh_hans": "明斯克",
            "city_ru": "Минск",
            "country": "BY",
            "founded_year": 1930,
            "website": "https://www.belstu.by/en/",
            "description_en": (
                "<p>A technological university in Minsk, known for chemical technology, "
                "forestry and printing.</p>"
            ),
            "strengths_en": "Chemical technology\nForestry\nPrinting and publishing",
            "rankings": [],
            "agreements": [
                {
                    "kind": AgreementKind.RESEARCH,
                    "signed_on": datetime.date(2022, 6, 17),
                    "programmes_en": "Polymer materials and engineering",
                    "signatories": "Vice-president, Binzhou University\nVice-rector, BSTU",
                },
            ],
        },
        {
            "slug_en": "josai-international-university",
            "name_en": "Josai International University",
            "name_zh_hans": "城西国际大学",
            "name_ru": "Международный университет Дзёсай",
            "other_names": "城西国際大学",
            "city_en": "Tōgane",
            "city_zh_hans": "东金",
            "city_ru": "Тогане",
            "country": "JP",
            "founded_year": 1992,
            "website": "https://www.jiu.ac.jp/english/",
            "description_en": (
                "<p>A private university in Chiba Prefecture east of Tokyo, with programmes "
                "in tourism, media and international humanities.</p>"
            ),
            "strengths_en": "Tourism\nMedia studies\nJapanese language",
            "rankings": [],
            "agreements": [
                {
                    "kind": AgreementKind.STUDENT_EXCHANGE,
                    "signed_on": None,
                    "programmes_en": "Japanese language and culture semester (signing planned)",
                    "signatories": "President, Binzhou University\n"
                    "President, Josai International University",
                },
            ],
        },
    ]


def slugs_from_names(item):
    """The Chinese and Russian slugs, made from the names as Institution.save() would.

    Given here because update_or_create() saves only the fields it is given, and an
    older demo database has these slugs empty.
    """
    return {
        f"slug_{language}": slugify(item[f"name_{language}"], allow_unicode=True)[:200]
        for language in OTHER_LANGUAGES
        if item.get(f"name_{language}")
    }


def ranking_systems():
    systems = {}
    for short_name, (name, scope) in RANKING_SYSTEMS.items():
        systems[short_name], _ = RankingSystem.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "scope": scope}
        )
    return systems


def load():
    systems = ranking_systems()
    data = institutions(timezone.localdate())
    for item in data:
        rankings = item.pop("rankings")
        agreements = item.pop("agreements")
        institution, _ = Institution.objects.update_or_create(
            slug_en=item.pop("slug_en"), defaults={**item, **slugs_from_names(item)}
        )
        for short_name, year, rank_from, rank_to in rankings:
            Ranking.objects.update_or_create(
                institution=institution,
                system=systems[short_name],
                year=year,
                defaults={"rank_from": rank_from, "rank_to": rank_to},
            )
        for agreement in agreements:
            Agreement.objects.update_or_create(
                institution=institution,
                kind=agreement.pop("kind"),
                signed_on=agreement.pop("signed_on"),
                defaults={"valid_until": None, **agreement},
            )
    countries = {item["country"] for item in data}
    return f"{len(data)} partner institutions in {len(countries)} countries"
