"""Demo news releases: the reference release (Binzhou University and Irkutsk National
Research Technical University sign a memorandum, 2021) and enough others to
fill two pages, one draft and one scheduled release. Written in our own words.

Each release is written in one or more languages, each in its own columns
(title_en, title_zh_hans, title_ru...): assigning `title` would fill the active
language's column only. The reference release is in English, Chinese and Russian;
some others are in English and Chinese or English and Russian, and the rest in
English only, so that the Chinese and Russian pages show the fallback note.
"""

from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from partners import demo as partners_demo
from partners.models import Institution

from .models import NewsRelease


class Text(NamedTuple):
    """A release's text in one language. An empty body is the summary as a paragraph."""

    title: str
    summary: str
    body: str = ""


REFERENCE_TITLE = (
    "Binzhou University and Irkutsk National Research Technical University sign a "
    "cooperation agreement"
)

REFERENCE = {
    "en": Text(
        REFERENCE_TITLE,
        "The two universities signed a memorandum of cooperation by video conference "
        "and discussed joint undergraduate programmes.",
        """
<p>On the morning of 26 May 2021, Binzhou University and Irkutsk National Research
Technical University signed a memorandum of cooperation by video conference, with the
Binzhou delegation gathered in conference room 209 of the North Office Building.</p>
<p>Guo Xinwei, member of the university's Party committee and vice-president, signed
for Binzhou University; vice-president Savkin signed for the Russian university.
Xia Shuang, assistant to the Russian university's president, joined with a delegation
of three, together with the head and staff of the International Exchange &amp;
Cooperation Office.</p>
<h2>Joint undergraduate programmes</h2>
<p>The memorandum opens the way to joint undergraduate programmes. The first two
discussed were:</p>
<ul>
<li>polymer materials and engineering;</li>
<li>aircraft manufacturing engineering.</li>
</ul>
<p>Both sides went through the course plans and the teaching staff each programme
will need, and agreed to keep working on the details in the coming months.</p>
""",
    ),
    # The Chinese characters of Guo Xinwei's and Xia Shuang's names are not in the
    # facts we have, so the Chinese text names them by their offices.
    "zh_hans": Text(
        "滨州学院与伊尔库茨克国立研究技术大学签署合作备忘录",
        "两校以视频会议方式签署合作备忘录，并就联合开展本科专业人才培养进行了商谈。",
        """
<p>2021年5月26日上午，滨州学院与俄罗斯伊尔库茨克国立研究技术大学以视频会议方式签署合作备忘录，我校会场设在北办公楼209会议室。</p>
<p>我校党委委员、副校长与俄方副校长萨夫金分别代表两校在备忘录上签字。俄方校长助理率三人代表团参加会议，我校国际交流合作处负责人及工作人员出席。</p>
<h2>本科联合培养项目</h2>
<p>根据备忘录，两校将合作开展本科层次的人才培养。双方首批商讨的专业有两个：</p>
<ul>
<li>高分子材料与工程；</li>
<li>飞行器制造工程。</li>
</ul>
<p>双方逐一研究了两个专业的课程设置和师资配备，并商定在今后几个月继续推进具体细节。</p>
""",
    ),
    "ru": Text(
        "Бинчжоуский университет и Иркутский национальный исследовательский технический "
        "университет подписали меморандум о сотрудничестве",
        "Университеты подписали меморандум о сотрудничестве в режиме видеоконференции "
        "и обсудили совместные программы бакалавриата.",
        """
<p>Утром 26 мая 2021 года Бинчжоуский университет и Иркутский национальный
исследовательский технический университет (ИРНИТУ) подписали меморандум
о сотрудничестве в режиме видеоконференции. Китайская сторона участвовала в церемонии из
конференц-зала № 209 Северного административного корпуса.</p>
<p>Документ подписали член партийного комитета и проректор Бинчжоуского университета
Го Синьвэй и проректор ИРНИТУ Савкин. Во встрече также участвовали помощник ректора
ИРНИТУ Ся Шуан с делегацией из трёх человек, а также руководитель и сотрудники Отдела
международного сотрудничества и обменов Бинчжоуского университета.</p>
<h2>Совместные программы бакалавриата</h2>
<p>Меморандум открывает путь к совместной подготовке бакалавров. Первыми обсуждались
два направления:</p>
<ul>
<li>технология полимерных материалов;</li>
<li>авиастроение.</li>
</ul>
<p>Стороны рассмотрели учебные планы и преподавательский состав, которые потребуются
для каждой программы, и договорились в ближайшие месяцы продолжить работу над
деталями.</p>
""",
    ),
}

# Published releases, oldest first: (author, texts by column suffix, and for the
# releases that older demos wrote with a Chinese title in the English columns,
# that title, so that loading again updates them instead of adding new ones).
OTHER_RELEASES = [
    {
        "author": "Li Na",
        "en": Text(
            "Spring exchange semester: applications open",
            "Students can apply for one semester at a partner university.",
        ),
    },
    {
        "author": "王芳",
        "former_title": "国际交流合作处举办留学生中秋联欢会",
        "en": Text(
            "Mid-Autumn Festival party for international students",
            "International students from more than ten countries celebrated the festival "
            "with their Chinese classmates.",
            "<p>The International Exchange &amp; Cooperation Office invited international "
            "students and their Chinese classmates to an evening party for the Mid-Autumn "
            "Festival.</p><p>Students from more than ten countries shared mooncakes, guessed "
            "lantern riddles and sang songs from home.</p>",
        ),
        "zh_hans": Text(
            "国际交流合作处举办留学生中秋联欢会",
            "来自十余个国家的留学生与中国学生共度中秋佳节。",
            "<p>国际交流合作处举办留学生中秋联欢会，邀请在校留学生与中国同学一起过节。</p>"
            "<p>来自十余个国家的留学生品尝月饼、猜灯谜，还演唱了家乡的歌曲，现场气氛热烈。</p>",
        ),
    },
    {
        "author": "Zhang Wei",
        "en": Text(
            "Delegation from Kazan Federal University visits campus",
            "Talks covered joint research in chemistry and a summer school.",
            "<p>A delegation from Kazan Federal University visited Binzhou University to "
            "discuss how the two universities could work together.</p><p>The talks covered "
            "joint research in chemistry and a summer school for students of both "
            "universities.</p>",
        ),
        "ru": Text(
            "Делегация Казанского федерального университета посетила Бинчжоуский университет",
            "На переговорах обсуждались совместные исследования в области химии и летняя школа.",
            "<p>Делегация Казанского федерального университета побывала в Бинчжоуском "
            "университете, чтобы обсудить возможности сотрудничества.</p><p>Стороны "
            "говорили о совместных исследованиях в области химии и о летней школе для "
            "студентов обоих университетов.</p>",
        ),
    },
    {
        "author": "闫倩倩",
        "en": Text(
            "Summer school in Russian language and culture",
            "Thirty students will spend four weeks in Irkutsk.",
            "<p>Next summer thirty Binzhou University students will spend four weeks in "
            "Irkutsk, learning Russian and getting to know the city and its culture.</p>"
            "<p>Classes are taught by teachers of our partner university, and the programme "
            "includes a trip to Lake Baikal.</p>",
        ),
        "ru": Text(
            "Летняя школа русского языка и культуры",
            "Тридцать студентов проведут четыре недели в Иркутске.",
            "<p>Следующим летом тридцать студентов Бинчжоуского университета проведут "
            "четыре недели в Иркутске: они будут изучать русский язык, знакомиться "
            "с городом и его культурой.</p><p>Занятия ведут преподаватели "
            "университета-партнёра, в программу входит поездка на Байкал.</p>",
        ),
    },
    {
        "author": "刘洋",
        "former_title": "我校与韩国又松大学续签学生交流协议",
        "en": Text(
            "Student exchange agreement with Woosong University renewed",
            "The two universities will go on sending undergraduates to each other for a "
            "semester of study.",
            "<p>Binzhou University and Woosong University in Korea have renewed their "
            "student exchange agreement.</p><p>Each university will keep sending "
            "undergraduates to the other for one semester of study.</p>",
        ),
        "zh_hans": Text(
            "我校与韩国又松大学续签学生交流协议",
            "双方将继续互派本科生进行为期一学期的交流学习。",
            "<p>我校与韩国又松大学续签学生交流协议。</p>"
            "<p>根据协议，两校将继续互派本科生到对方学校进行为期一学期的交流学习。</p>",
        ),
    },
    {
        "author": "Chen Jing",
        "en": Text(
            "Information session on the Chinese Government Scholarship",
            "How to apply, deadlines and the documents needed.",
        ),
    },
    {
        "author": "Zhao Lei",
        "en": Text(
            "Visiting professors from Poland teach a materials science course",
            "A two-week intensive course for third-year students.",
        ),
    },
    {
        "author": "闫倩倩",
        "former_title": "外籍教师座谈会顺利召开",
        "en": Text(
            "University leaders meet the foreign teachers",
            "University leaders and foreign teachers talked about teaching and life on campus.",
            "<p>University leaders met the foreign teachers working at Binzhou University "
            "for an open discussion.</p><p>The teachers spoke about their classes, their "
            "students and daily life on campus, and the university undertook to follow up "
            "on their suggestions.</p>",
        ),
        "zh_hans": Text(
            "外籍教师座谈会顺利召开",
            "学校领导与外籍教师就教学与生活问题进行了交流。",
            "<p>学校召开外籍教师座谈会，校领导与在我校任教的外籍教师面对面交流。</p>"
            "<p>外籍教师围绕课堂教学、学生情况和校园生活畅所欲言，学校表示将认真研究"
            "大家提出的意见和建议，逐项加以落实。</p>",
        ),
    },
    {
        "author": "Sun Mei",
        "en": Text(
            "International students join the campus sports day",
            "Teams from twelve countries took part in the relay.",
        ),
    },
    {
        "author": "Zhou Qiang",
        "en": Text(
            "Online seminar with the University of Pécs on aviation training",
            "Faculty compared flight training curricula.",
        ),
    },
    {
        "author": "孙丽",
        "former_title": "我校学生赴俄罗斯参加国际大学生科技竞赛",
        "en": Text(
            "Students take part in an international science and technology contest in Russia",
            "Three of them won second prizes.",
            "<p>A team of Binzhou University students travelled to Russia for an "
            "international science and technology contest for university students.</p>"
            "<p>Competing with teams from several countries, three of them won second "
            "prizes.</p>",
        ),
        "zh_hans": Text(
            "我校学生赴俄罗斯参加国际大学生科技竞赛",
            "三名学生获得二等奖。",
            "<p>我校学生赴俄罗斯参加国际大学生科技竞赛，与来自多个国家的参赛队伍同台竞技。</p>"
            "<p>经过激烈角逐，三名同学获得二等奖。</p>",
        ),
        "ru": Text(
            "Студенты Бинчжоуского университета выступили на международном научно-техническом "
            "конкурсе в России",
            "Трое из них награждены дипломами II степени.",
            "<p>Команда студентов Бинчжоуского университета приняла участие "
            "в международном научно-техническом конкурсе студентов вузов, который "
            "проходил в России.</p><p>В соперничестве с командами из нескольких стран "
            "трое наших студентов были награждены дипломами II степени.</p>",
        ),
    },
    {
        "author": "Wu Ping",
        "en": Text(
            "New double-degree programme with a German university of applied sciences",
            "Engineering students can earn two degrees in four years.",
        ),
    },
    {
        "author": "Huang Min",
        "en": Text(
            "Partner universities meet at the Yellow River education forum",
            "Rectors from five countries discussed student mobility.",
        ),
    },
    {
        "author": "李娜",
        "former_title": "国际交流合作处发布2021年暑期项目清单",
        "en": Text(
            "The 2021 list of summer programmes is out",
            "It covers language, culture and research programmes, among others.",
            "<p>The International Exchange &amp; Cooperation Office has published its list "
            "of summer programmes for 2021.</p><p>It covers language courses, cultural "
            "programmes and research placements; students who are interested can ask the "
            "office for advice.</p>",
        ),
        "zh_hans": Text(
            "国际交流合作处发布2021年暑期项目清单",
            "涵盖语言、文化与科研实践等多类项目。",
            "<p>国际交流合作处发布2021年暑期项目清单。</p>"
            "<p>清单涵盖语言学习、文化体验、科研实践等多类项目，有意参加的同学可向"
            "国际交流合作处咨询。</p>",
        ),
    },
    {
        "author": "Xu Yan",
        "en": Text(
            "Welcome week for new international students",
            "Campus tours, bank accounts and residence permits in one week.",
        ),
    },
    {
        "author": "He Jun",
        "en": Text(
            "Thai partner university sends its first cohort of nursing students",
            "Twelve students begin a one-year programme.",
        ),
    },
]

DRAFT = {
    "en": Text(
        "Draft: agenda for the autumn partner visit",
        "Not ready yet: the dates are still being agreed.",
        "<p>To be completed.</p>",
    )
}

SCHEDULED = {
    "en": Text(
        "Scheduled: results of the exchange scholarship selection",
        "Becomes public on its release date.",
        "<p>The selection committee's results.</p>",
    )
}

LANGUAGES = ["en", "zh_hans", "ru"]


def local(year, month, day, hour=9):
    return datetime(year, month, day, hour, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))


def make_slug(title):
    """The slug NewsRelease.save() makes from a title."""
    return slugify(title, allow_unicode=True)[:255].strip("-") or "release"


def translated_columns(texts):
    """The columns of each language a release is written in: title_zh_hans, body_ru...

    Slugs are given too: update_or_create() saves only the fields it is given, so a
    slug that save() made from a new title would not be stored.
    """
    columns = {}
    for language in LANGUAGES:
        if language in texts:
            title, summary, body = texts[language]
            columns |= {
                f"title_{language}": title,
                f"slug_{language}": make_slug(title),
                f"summary_{language}": summary,
                f"body_{language}": body or f"<p>{summary}</p>",
            }
    return columns


def upsert(texts, view_count=0, former_title=None, **fields):
    """Create or update by the English slug (made from the English title); an existing
    release keeps its view count.

    `former_title` is the title an older demo gave the release in the English
    columns: such a release takes the new English slug instead of being added again.
    """
    fields |= translated_columns(texts)
    slug = fields["slug_en"]
    if former_title and not NewsRelease.objects.filter(slug_en=slug).exists():
        former = NewsRelease.objects.filter(slug_en=make_slug(former_title)).order_by("pk")
        NewsRelease.objects.filter(pk__in=former.values("pk")[:1]).update(slug_en=slug)
    release, _ = NewsRelease.objects.update_or_create(
        slug_en=slug,
        defaults=fields,
        create_defaults={**fields, "view_count": view_count},
    )
    return release


def load():
    reference = upsert(
        REFERENCE,
        view_count=10,
        author="闫倩倩",
        release_time=local(2021, 6, 9),
        status=NewsRelease.Status.PUBLISHED,
    )
    reference.partners.set(Institution.objects.filter(slug_en=partners_demo.REFERENCE_SLUG))
    first_day = local(2021, 1, 12)
    for number, item in enumerate(OTHER_RELEASES):
        upsert(
            {language: item[language] for language in LANGUAGES if language in item},
            view_count=3 * number + 1,
            former_title=item.get("former_title"),
            author=item["author"],
            release_time=first_day + timedelta(days=97 * number),
            status=NewsRelease.Status.PUBLISHED,
        )
    upsert(DRAFT, author="闫倩倩", status=NewsRelease.Status.DRAFT)
    upsert(
        SCHEDULED,
        author="闫倩倩",
        release_time=timezone.now() + timedelta(days=30),
        status=NewsRelease.Status.PUBLISHED,
    )
    return f"{NewsRelease.objects.count()} news releases"
