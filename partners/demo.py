"""Demo content for the partner directory: the reference partner and a few more.

Facts about the reference partner come from ../shared/demo-facts.md; the other
institutions are real universities, but their rankings and agreements here are
illustrative, made up for the demo. Everything is keyed by natural keys (slug;
institution + system + year; institution + kind + signing date), so loading again
updates rows instead of adding new ones.
"""

import datetime

from django.utils import timezone

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


def institutions(today):
    """The demo partners. Dates relative to `today` keep each status true over time."""
    return [
        {
            "slug": REFERENCE_SLUG,
            "name": "Irkutsk National Research Technical University",
            "other_names": "Irkutsk State University of Technology\n"
            "Иркутский национальный исследовательский технический университет\n"
            "INRTU",
            "city": "Irkutsk",
            "country": "RU",
            "founded_year": 1930,
            "website": "https://www.istu.edu/eng/",
            "description": (
                "<p>A large technical university in Irkutsk, the capital of Irkutsk Oblast "
                "in Eastern Siberia. It is one of the national research universities that "
                "the Russian government supports as a priority.</p>"
            ),
            "strengths": "Geological prospecting\nAerospace engineering\nClean energy",
            "rankings": [("THE", 2021, 301, 350), ("RAEX", 2021, 31, None)],
            "agreements": [
                {
                    "kind": AgreementKind.MEMORANDUM,
                    "signed_on": datetime.date(2021, 5, 26),
                    "programmes": "Polymer materials and engineering\n"
                    "Aircraft manufacturing engineering",
                    "signatories": "Guo Xinwei, vice-president, Binzhou University\n"
                    "Savkin, vice-president, Irkutsk National Research Technical University",
                },
            ],
        },
        {
            "slug": "novosibirsk-state-technical-university",
            "name": "Novosibirsk State Technical University",
            "other_names": "Новосибирский государственный технический университет\nNSTU",
            "city": "Novosibirsk",
            "country": "RU",
            "founded_year": 1950,
            "website": "https://en.nstu.ru/",
            "description": (
                "<p>An engineering university in Siberia's largest city, known for "
                "electronics, power engineering and applied mathematics.</p>"
            ),
            "strengths": "Power engineering\nElectronics\nApplied mathematics",
            "rankings": [("QS", 2024, 1001, 1200), ("RAEX", 2024, 40, None)],
            "agreements": [
                {
                    "kind": AgreementKind.STUDENT_EXCHANGE,
                    "signed_on": datetime.date(2019, 9, 12),
                    "valid_until": add_months(today, 4),
                    "programmes": "Electrical engineering and automation",
                    "signatories": "Dean of international affairs, Binzhou University\n"
                    "Vice-rector for international relations, NSTU",
                },
            ],
        },
        {
            "slug": "kangwon-national-university",
            "name": "Kangwon National University",
            "other_names": "강원대학교\nKNU",
            "city": "Chuncheon",
            "country": "KR",
            "founded_year": 1947,
            "website": "https://www.kangwon.ac.kr/english/",
            "description": (
                "<p>A national university in the mountains east of Seoul, with strong "
                "programmes in life sciences, forestry and veterinary medicine.</p>"
            ),
            "strengths": "Forest sciences\nAnimal life sciences\nPharmacy",
            "rankings": [("QS", 2024, 801, 1000)],
            "agreements": [
                {
                    "kind": AgreementKind.STUDENT_EXCHANGE,
                    "signed_on": datetime.date(2018, 3, 20),
                    "valid_until": datetime.date(2023, 3, 19),
                    "programmes": "Semester exchange for undergraduates",
                    "signatories": "President, Binzhou University\n"
                    "President, Kangwon National University",
                },
                {
                    "kind": AgreementKind.STUDENT_EXCHANGE,
                    "signed_on": datetime.date(2023, 4, 10),
                    "programmes": "Semester exchange for undergraduates\n"
                    "Korean language summer school",
                    "signatories": "President, Binzhou University\n"
                    "President, Kangwon National University",
                },
            ],
        },
        {
            "slug": "hochschule-bremerhaven",
            "name": "Bremerhaven University of Applied Sciences",
            "other_names": "Hochschule Bremerhaven",
            "city": "Bremerhaven",
            "country": "DE",
            "founded_year": 1975,
            "website": "https://www.hs-bremerhaven.de/en/",
            "description": (
                "<p>A university of applied sciences on the North Sea coast, teaching "
                "maritime technology, logistics and food technology close to industry.</p>"
            ),
            "strengths": "Maritime technology\nLogistics\nFood technology",
            "rankings": [],
            "agreements": [
                {
                    "kind": AgreementKind.JOINT_DEGREE,
                    "signed_on": None,
                    "programmes": "Logistics engineering (double degree, in negotiation)",
                    "signatories": "",
                },
            ],
        },
        {
            "slug": "university-of-tasmania",
            "name": "University of Tasmania",
            "other_names": "UTAS",
            "city": "Hobart",
            "country": "AU",
            "founded_year": 1890,
            "website": "https://www.utas.edu.au/",
            "description": (
                "<p>Australia's fourth-oldest university, on the island state of Tasmania, "
                "with research on the Antarctic, the oceans and agriculture.</p>"
            ),
            "strengths": "Antarctic and marine studies\nAgriculture\nAquaculture",
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
                    "programmes": "Aquaculture (2+2 undergraduate programme)",
                    "signatories": "Vice-president, Binzhou University\n"
                    "Pro vice-chancellor (international), University of Tasmania",
                },
            ],
        },
        {
            "slug": "al-farabi-kazakh-national-university",
            "name": "Al-Farabi Kazakh National University",
            "other_names": "Әл-Фараби атындағы Қазақ ұлттық университеті\n"
            "Казахский национальный университет имени аль-Фараби\nKazNU",
            "city": "Almaty",
            "country": "KZ",
            "founded_year": 1934,
            "website": "https://www.kaznu.kz/en",
            "description": (
                "<p>Kazakhstan's leading classical university, on a large campus at the "
                "foot of the Tian Shan mountains in Almaty.</p>"
            ),
            "strengths": "Chemistry\nPhysics\nOriental studies",
            "rankings": [("QS", 2024, 220, None)],
            "agreements": [
                {
                    "kind": AgreementKind.MEMORANDUM,
                    "signed_on": datetime.date(2020, 10, 15),
                    "valid_until": add_months(today, 2),
                    "programmes": "Chinese language teaching\nChemical engineering",
                    "signatories": "President, Binzhou University\nRector, KazNU",
                },
            ],
        },
        {
            "slug": "kasetsart-university",
            "name": "Kasetsart University",
            "other_names": "มหาวิทยาลัยเกษตรศาสตร์\nKU",
            "city": "Bangkok",
            "country": "TH",
            "founded_year": 1943,
            "website": "https://www.ku.ac.th/en/",
            "description": (
                "<p>Thailand's first agricultural university, now teaching most "
                "disciplines on campuses around Bangkok.</p>"
            ),
            "strengths": "Agriculture\nFisheries\nFood science",
            "rankings": [("QS", 2024, 801, 1000), ("THE", 2024, 1001, 1200)],
            "agreements": [
                {
                    "kind": AgreementKind.STAFF_EXCHANGE,
                    "signed_on": datetime.date(2021, 12, 1),
                    "valid_until": datetime.date(2028, 11, 30),
                    "programmes": "Visiting scholars in fisheries and food science",
                    "signatories": "Vice-president, Binzhou University\n"
                    "Vice-president, Kasetsart University",
                },
            ],
        },
        {
            "slug": "belarusian-state-technological-university",
            "name": "Belarusian State Technological University",
            "other_names": "Белорусский государственный технологический университет\nBSTU",
            "city": "Minsk",
            "country": "BY",
            "founded_year": 1930,
            "website": "https://www.belstu.by/en/",
            "description": (
                "<p>A technological university in Minsk, known for chemical technology, "
                "forestry and printing.</p>"
            ),
            "strengths": "Chemical technology\nForestry\nPrinting and publishing",
            "rankings": [],
            "agreements": [
                {
                    "kind": AgreementKind.RESEARCH,
                    "signed_on": datetime.date(2022, 6, 17),
                    "programmes": "Polymer materials and engineering",
                    "signatories": "Vice-president, Binzhou University\nVice-rector, BSTU",
                },
            ],
        },
        {
            "slug": "josai-international-university",
            "name": "Josai International University",
            "other_names": "城西国際大学",
            "city": "Tōgane",
            "country": "JP",
            "founded_year": 1992,
            "website": "https://www.jiu.ac.jp/english/",
            "description": (
                "<p>A private university in Chiba Prefecture east of Tokyo, with programmes "
                "in tourism, media and international humanities.</p>"
            ),
            "strengths": "Tourism\nMedia studies\nJapanese language",
            "rankings": [],
            "agreements": [
                {
                    "kind": AgreementKind.STUDENT_EXCHANGE,
                    "signed_on": None,
                    "programmes": "Japanese language and culture semester (signing planned)",
                    "signatories": "President, Binzhou University\n"
                    "President, Josai International University",
                },
            ],
        },
    ]


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
        institution, _ = Institution.objects.update_or_create(slug=item.pop("slug"), defaults=item)
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
