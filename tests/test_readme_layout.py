"""The README's layout section names what is in the tree, and only that."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Files of the tooling around the code, named in other sections of the README.
NOT_IN_THE_LAYOUT = {".env.example", ".gitignore", ".python-version", "README.md"}
NOT_IN_THE_LAYOUT |= {"package.json", "package-lock.json"}
ENTRY = re.compile(r"^    (\S+)\s{2,}(.*)$")
MODULE = re.compile(r"\b([a-z_]+(?:\.py|/))(?=[\s,;:)]|$)")


def layout_entries():
    """{name: description} of the layout's list, e.g. {"core/": "the building ..."}."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout of the code", 1)[1].split("\n## ", 1)[0]
    entries, name = {}, None
    for line in section.splitlines():
        if match := ENTRY.match(line):
            name = match.group(1)
            entries[name] = match.group(2)
        elif name and line.startswith(" " * 23):
            entries[name] += " " + line.strip()
        else:
            name = None
    return entries


def tracked_top_level():
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return {path.split("/")[0] + ("/" if "/" in path else "") for path in files}


def test_the_layout_names_every_top_level_entry_of_the_tree():
    named = {name for name in layout_entries() if not name.startswith("intloffice/ |")}
    tracked = {name for name in tracked_top_level() if name.rstrip("/") not in NOT_IN_THE_LAYOUT}
    tracked = {".ci/run" if name == ".ci/" else name for name in tracked}
    assert named >= tracked
    assert all((ROOT / name).exists() for name in named if "/" not in name[:-1])


def test_every_module_a_package_entry_names_exists_in_that_package():
    missing = []
    for name, description in layout_entries().items():
        package = ROOT / name
        if not name.endswith("/") or not (package / "__init__.py").exists():
            continue
        for module in MODULE.findall(description):
            found = list(package.rglob(module.rstrip("/")))
            if not found:
                missing.append(f"{name}{module}")
    assert missing == []
