"""Made-up but realistic text for the benchmark: English, Chinese and Russian.

Everything comes from one `random.Random`, so a seed gives the same data every time.
Bodies are clean HTML (what the sanitizer keeps) of a few kilobytes.
"""

from dataclasses import dataclass


def words(text):
    return tuple(text.split())


ENGLISH_WORDS = words(
    "international exchange cooperation university partner students programme "
    "agreement semester scholarship research faculty delegation visit campus "
    "office joint degree summer school language culture engineering geology "
    "materials science teachers academic mobility conference forum signing "
    "ceremony president dean professor lecture workshop laboratory project "
    "application deadline admission graduate undergraduate master doctoral "
    "opportunity experience friendship future development innovation talent"
)
CHINESE_PHRASES = words(
    "国际交流 合作 大学 留学生 代表团 访问 签署 协议 学期 奖学金 研究 学院 "
    "教师 学术 会议 论坛 交换生 项目 联合培养 暑期学校 语言 文化 工程 地质 "
    "材料 科学 校长 院长 教授 讲座 实验室 申请 截止日期 招生 研究生 本科生 "
    "硕士 博士 机会 经验 友谊 未来 发展 创新 人才 签约仪式 国际化 办学"
)
RUSSIAN_WORDS = words(
    "международный обмен сотрудничество университет партнёр студенты программа "
    "соглашение семестр стипендия исследование факультет делегация визит кампус "
    "отдел совместный диплом летняя школа язык культура инженерия геология "
    "материалы наука преподаватели академическая мобильность конференция форум "
    "подписание церемония ректор декан профессор лекция лаборатория проект "
    "заявка срок приём магистратура аспирантура возможность опыт дружба будущее"
)

AUTHORS = {
    "en": ["John Smith", "Emily Clark", "International Office", "David Brown"],
    "zh": ["闫倩倩", "王伟", "李娜", "国际交流合作处"],
    "ru": ["Иванова А. С.", "Петров Д. В.", "Отдел международных связей"],
}
TITLE_TEMPLATES = {
    "en": [
        "{partner} and our university sign a {topic} agreement",
        "Delegation from {partner} visits the campus",
        "Applications open for the {topic} programme with {partner}",
        "Students return from a semester at {partner}",
    ],
    "zh": [
        "我校与{partner}签署{topic}协议",
        "{partner}代表团访问我校",
        "{partner}{topic}项目开始报名",
        "我校学生赴{partner}交流学习归来",
    ],
    "ru": [
        "Университет и {partner} подписали соглашение: {topic}",
        "Делегация {partner} посетила кампус",
        "Открыт приём заявок на программу «{topic}» с {partner}",
        "Студенты вернулись из {partner} после семестра обмена",
    ],
}
TOPICS = {
    "en": ["student exchange", "joint degree", "summer school", "research", "language"],
    "zh": ["学生交换", "联合培养", "暑期学校", "科研合作", "语言学习"],
    "ru": ["студенческий обмен", "двойной диплом", "летняя школа", "исследования"],
}
# Mostly English and Chinese, as on the office's site, some Russian.
LANGUAGE_WEIGHTS = {"en": 5, "zh": 4, "ru": 1}

# (country code, English city, native city) for partner institutions.
CITIES = [
    ("CN", "Harbin", "哈尔滨"), ("CN", "Qingdao", "青岛"), ("CN", "Chengdu", "成都"),
    ("CN", "Wuhan", "武汉"), ("CN", "Xi'an", "西安"), ("CN", "Kunming", "昆明"),
    ("RU", "Tomsk", "Томск"), ("RU", "Kazan", "Казань"), ("RU", "Irkutsk", "Иркутск"),
    ("RU", "Novosibirsk", "Новосибирск"), ("RU", "Vladivostok", "Владивосток"),
    ("BY", "Minsk", "Минск"), ("KZ", "Almaty", "Алматы"), ("MN", "Ulaanbaatar", "Улаанбаатар"),
    ("KR", "Busan", "부산"), ("KR", "Daejeon", "대전"), ("JP", "Sendai", "仙台"),
    ("JP", "Fukuoka", "福岡"), ("TH", "Chiang Mai", "เชียงใหม่"), ("VN", "Hue", "Huế"),
    ("DE", "Freiberg", "Freiberg"), ("DE", "Aachen", "Aachen"), ("FR", "Nancy", "Nancy"),
    ("GB", "Leeds", "Leeds"), ("GB", "Aberdeen", "Aberdeen"), ("IE", "Cork", "Cork"),
    ("US", "Tucson", "Tucson"), ("US", "Golden", "Golden"), ("CA", "Sudbury", "Sudbury"),
    ("AU", "Perth", "Perth"), ("NZ", "Dunedin", "Dunedin"), ("PL", "Krakow", "Kraków"),
    ("CZ", "Ostrava", "Ostrava"), ("FI", "Oulu", "Oulu"), ("IT", "Padua", "Padova"),
    ("ES", "Oviedo", "Oviedo"), ("BR", "Ouro Preto", "Ouro Preto"), ("EG", "Aswan", "أسوان"),
    ("CL", "Antofagasta", "Antofagasta"), ("ZA", "Johannesburg", "Johannesburg"),
]  # fmt: skip
INSTITUTION_KINDS = [
    "University", "State University", "University of Technology", "Polytechnic University",
    "Normal University", "Medical University", "University of Science and Technology",
    "Agricultural University", "Institute of Technology", "University of Mining",
    "Pedagogical University", "University of Foreign Languages",
]  # fmt: skip
INSTITUTION_PREFIXES = [
    "",
    "National ",
    "Federal ",
    "Eastern ",
    "Western ",
    "Northern ",
    "Southern ",
]
NATIVE_KINDS = {"CN": "大学", "RU": "университет", "BY": "университет", "KZ": "университет"}
STRENGTHS = [
    "geological prospecting", "polymer materials and engineering", "chemical engineering",
    "teacher education", "computer science", "Chinese as a foreign language",
    "mining engineering", "international trade", "nursing", "environmental science",
]  # fmt: skip


@dataclass(frozen=True)
class Partner:
    name: str
    other_names: str
    city: str
    country: str


def pick_language(rng):
    return rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]


def sentence(rng, language, words=(8, 18)):
    count = rng.randint(*words)
    if language == "zh":
        return "".join(rng.choices(CHINESE_PHRASES, k=count)) + "。"
    vocabulary = ENGLISH_WORDS if language == "en" else RUSSIAN_WORDS
    text = " ".join(rng.choices(vocabulary, k=count))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, language, sentences=(3, 6)):
    joiner = "" if language == "zh" else " "
    return joiner.join(sentence(rng, language) for _ in range(rng.randint(*sentences)))


def title(rng, language, partner_name):
    template = rng.choice(TITLE_TEMPLATES[language])
    return template.format(partner=partner_name, topic=rng.choice(TOPICS[language]))


def summary(rng, language):
    return sentence(rng, language, words=(12, 24))


def body_html(rng, language):
    """Four to eight paragraphs with a heading, and sometimes a list and a link."""
    parts = [f"<p>{paragraph(rng, language)}</p>" for _ in range(rng.randint(2, 4))]
    parts.append(f"<h2>{sentence(rng, language, words=(3, 6)).rstrip('.。')}</h2>")
    parts += [f"<p>{paragraph(rng, language)}</p>" for _ in range(rng.randint(2, 4))]
    if rng.random() < 0.4:
        items = "".join(f"<li>{sentence(rng, language, (4, 9))}</li>" for _ in range(4))
        parts.append(f"<ul>{items}</ul>")
    if rng.random() < 0.5:
        parts.append(
            '<p><a href="https://www.example.edu/apply" rel="noopener noreferrer">'
            f"{sentence(rng, language, (2, 4))}</a></p>"
        )
    return "".join(parts)


def author(rng, language):
    return rng.choice(AUTHORS[language])


def partner(index):
    """The `index`-th partner institution: a unique name from city, kind and prefix."""
    city_index, rest = index % len(CITIES), index // len(CITIES)
    kind_index, prefix_index = rest % len(INSTITUTION_KINDS), rest // len(INSTITUTION_KINDS)
    country, city, native_city = CITIES[city_index]
    prefix = INSTITUTION_PREFIXES[prefix_index % len(INSTITUTION_PREFIXES)]
    name = f"{prefix}{city} {INSTITUTION_KINDS[kind_index]}"
    if prefix_index >= len(INSTITUTION_PREFIXES):
        name += f" ({prefix_index // len(INSTITUTION_PREFIXES) + 1})"
    native_kind = NATIVE_KINDS.get(country)
    other_names = f"{native_city}{native_kind}" if native_kind == "大学" else ""
    if native_kind and native_kind != "大学":
        other_names = f"{native_city} {native_kind}"
    return Partner(name=name, other_names=other_names, city=city, country=country)


def description_html(rng):
    return "".join(f"<p>{paragraph(rng, 'en', (2, 4))}</p>" for _ in range(2))


def strengths(rng):
    return "\n".join(rng.sample(STRENGTHS, 3))
