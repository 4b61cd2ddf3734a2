"""Every public page type, in every language, has no violation that axe-core finds
among the WCAG 2.0, 2.1 and 2.2 A and AA rules and its own best practices."""

import pytest

from .conftest import AXE, PAGES

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def axe_source(tools):
    return AXE.read_text(encoding="utf-8")


def describe(violation):
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
    return f"{violation['id']} ({violation['impact']}): {violation['help']}\n        at {targets}"


@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_axe_core_violations(
    page, axe_source, browser, demo_site, page_paths, audit_notes
):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    try:
        tab.goto(demo_site.url + page_paths[page][0], wait_until="load")
        # Evaluated through the DevTools protocol, which the page's CSP does not
        # govern: the page keeps its policy while axe-core reads it.
        tab.evaluate(axe_source)
        results = tab.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
    finally:
        context.close()
    if results["incomplete"]:
        # What axe-core cannot decide alone (text over an image, for one): listed only.
        review = ", ".join(item["id"] for item in results["incomplete"])
        audit_notes.append(f"axe-core asks a person to review on {page}: {review}")
    violations = results["violations"]
    assert not violations, f"axe-core on {page}:\n" + "\n".join(map(describe, violations))
