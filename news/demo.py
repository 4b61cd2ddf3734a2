"""Demo news releases: the reference release of demo-facts.md and enough others to
fill two pages, one draft and one scheduled release. Written in our own words."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from partners import demo as partners_demo
from partners.models import Institution

from .models import NewsRelease

REFERENCE_TITLE = (
    "Binzhou University and Irkutsk National Research Technical University sign a "
    "cooperation agreement"
)

REFERENCE_BODY = """
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
"""

OTHER_RELEASES = [
    (
        "Spring exchange semester: applications open",
        "Students can apply for one semester at a partner university.",
        "Li Na",
    ),
    (
        "国际交流合作处举办留学生中秋联欢会",
        "来自十余个国家的留学生与中国学生共度中秋佳节。",
        "王芳",
    ),
    (
        "Delegation from Kazan Federal University visits campus",
        "Talks covered joint research in chemistry and a summer school.",
        "Zhang Wei",
    ),
    (
        "Summer school in Russian language and culture",
        "Thirty students will spend four weeks in Irkutsk.",
        "闫倩倩",
    ),
    (
        "我校与韩国又松大学续签学生交流协议",
        "双方将继续互派本科生进行为期一学期的交流学习。",
        "刘洋",
    ),
    (
        "Information session on the Chinese Government Scholarship",
        "How to apply, deadlines and the documents needed.",
        "Chen Jing",
    ),
    (
        "Visiting professors from Poland teach a materials science course",
        "A two-week intensive course for third-year students.",
        "Zhao Lei",
    ),
    ("外籍教师座谈会顺利召开", "学校领导与外籍教师就教学与生活问题进行了交流。", "闫倩倩"),
    (
        "International students join the campus sports day",
        "Teams from twelve countries took part in the relay.",
        "Sun Mei",
    ),
    (
        "Online seminar with the University of Pécs on aviation training",
        "Faculty compared flight training curricula.",
        "Zhou Qiang",
    ),
    ("我校学生赴俄罗斯参加国际大学生科技竞赛", "三名学生获得二等奖。", "孙丽"),
    (
        "New double-degree programme with a German university of applied sciences",
        "Engineering students can earn two degrees in four years.",
        "Wu Ping",
    ),
    (
        "Partner universities meet at the Yellow River education forum",
        "Rectors from five countries discussed student mobility.",
        "Huang Min",
    ),
    ("国际交流合作处发布2021年暑期项目清单", "涵盖语言、文化与科研实践等多类项目。", "李娜"),
    (
        "Welcome week for new international students",
        "Campus tours, bank accounts and residence permits in one week.",
        "Xu Yan",
    ),
    (
        "Thai partner university sends its first cohort of nursing students",
        "Twelve students begin a one-year programme.",
        "He Jun",
    ),
]


def local(year, month, day, hour=9):
    return datetime(year, month, day, hour, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))


def upsert(title, view_count=0, **fields):
    """Create or update by slug (made from the title); an existing release keeps its
    view count."""
    release, _ = NewsRelease.objects.update_or_create(
        slug=slugify(title, allow_unicode=True),
        defaults={"title": title, **fields},
        create_defaults={"title": title, **fields, "view_count": view_count},
    )
    return release


def load():
    reference = upsert(
        REFERENCE_TITLE,
        view_count=10,
        summary=(
            "The two universities signed a memorandum of cooperation by video "
            "conference and discussed joint undergraduate programmes."
        ),
        body=REFERENCE_BODY,
        author="闫倩倩",
        release_time=local(2021, 6, 9),
        status=NewsRelease.Status.PUBLISHED,
    )
    reference.partners.set(Institution.objects.filter(slug=partners_demo.REFERENCE_SLUG))
    first_day = local(2021, 1, 12)
    for number, (title, summary, author) in enumerate(OTHER_RELEASES):
        upsert(
            title,
            view_count=3 * number + 1,
            summary=summary,
            body=f"<p>{summary}</p>",
            author=author,
            release_time=first_day + timedelta(days=97 * number),
            status=NewsRelease.Status.PUBLISHED,
        )
    upsert(
        "Draft: agenda for the autumn partner visit",
        summary="Not ready yet: the dates are still being agreed.",
        body="<p>To be completed.</p>",
        author="闫倩倩",
        status=NewsRelease.Status.DRAFT,
    )
    upsert(
        "Scheduled: results of the exchange scholarship selection",
        summary="Becomes public on its release date.",
        body="<p>The selection committee's results.</p>",
        author="闫倩倩",
        release_time=timezone.now() + timedelta(days=30),
        status=NewsRelease.Status.PUBLISHED,
    )
    return f"{NewsRelease.objects.count()} news releases"
