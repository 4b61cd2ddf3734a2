/*
 * Turns the admin's language fieldsets (core/admin_tabs.py) into tabs: one
 * language shown at a time, each tab saying how complete its translation is.
 *
 * Without this script the fieldsets stay one under the other, each headed by its
 * language. Every group of tabs on the page (the form's, each inline row's) shows
 * the same language: choosing one in any group chooses it in all.
 *
 * The words come from data- attributes of the fieldset's state (no inline script).
 */
"use strict";

(function () {
    const groups = [];

    function fieldsIn(fieldset) {
        const inputs = fieldset.querySelectorAll(
            "input:not([type=hidden]):not([type=checkbox]):not([type=file]), textarea, select"
        );
        const required = [...inputs].filter((input) => input.hasAttribute("data-translation-required"));
        return required.length ? required : [...inputs];
    }

    function stateText(tab) {
        const words = tab.state.dataset;
        const fields = fieldsIn(tab.fieldset);
        const filled = fields.filter((input) => input.value.trim() !== "").length;
        if (filled === fields.length) {
            return {text: words.complete, kind: "complete"};
        }
        if (filled === 0) {
            return {text: words.empty, kind: "empty"};
        }
        const text = words.partial.replace("%(filled)s", filled).replace("%(total)s", fields.length);
        return {text, kind: "partial"};
    }

    function updateBadge(tab) {
        const {text, kind} = stateText(tab);
        tab.badge.textContent = text;
        tab.badge.dataset.state = kind;
    }

    function showLanguage(language, focus) {
        groups.forEach((tabs) => {
            if (!tabs.some((tab) => tab.language === language)) {
                return;
            }
            tabs.forEach((tab) => {
                const selected = tab.language === language;
                tab.button.setAttribute("aria-selected", String(selected));
                tab.button.tabIndex = selected ? 0 : -1;
                tab.fieldset.hidden = !selected;
                if (selected && focus === tab.button) {
                    tab.button.focus();
                }
            });
        });
    }

    function onKey(event, tabs, index) {
        const moves = {ArrowRight: 1, ArrowLeft: -1, Home: -index, End: tabs.length - 1 - index};
        if (!(event.key in moves)) {
            return;
        }
        event.preventDefault();
        const next = tabs[(index + moves[event.key] + tabs.length) % tabs.length];
        showLanguage(next.language, next.button);
    }

    function buildGroup(fieldsets) {
        const first = fieldsets[0];
        const list = document.createElement("div");
        list.className = "language-tabs";
        list.setAttribute("role", "tablist");
        list.setAttribute("aria-label", first.querySelector(".language-state").dataset.tabsLabel);
        const tabs = fieldsets.map((fieldset, index) => {
            const state = fieldset.querySelector(".language-state");
            const heading = fieldset.querySelector(".fieldset-heading");
            if (!fieldset.id) {
                fieldset.id = `language-tab-${groups.length}-${index}`;
            }
            const button = document.createElement("button");
            button.type = "button";
            button.className = "language-tabs-tab";
            button.id = `${fieldset.id}-tab`;
            button.setAttribute("role", "tab");
            button.setAttribute("aria-controls", fieldset.id);
            button.lang = state.dataset.language;
            const name = document.createElement("span");
            name.className = "language-tabs-name";
            name.textContent = heading ? heading.textContent.trim() : state.dataset.language;
            const badge = document.createElement("span");
            badge.className = "language-tabs-state";
            badge.lang = document.documentElement.lang;
            button.append(name, " ", badge);
            if (fieldset.querySelector(".errorlist, .errors")) {
                button.classList.add("has-errors");
                const errors = document.createElement("span");
                errors.className = "language-tabs-errors";
                errors.lang = document.documentElement.lang;
                errors.textContent = state.dataset.errors;
                button.append(" ", errors);
            }
            fieldset.classList.add("language-tabs-panel");
            fieldset.setAttribute("role", "tabpanel");
            fieldset.setAttribute("aria-labelledby", button.id);
            list.append(button);
            return {fieldset, state, button, badge, language: state.dataset.language};
        });
        tabs.forEach((tab, index) => {
            updateBadge(tab);
            tab.button.addEventListener("click", () => showLanguage(tab.language));
            tab.button.addEventListener("keydown", (event) => onKey(event, tabs, index));
            // The rich-text editor sends `input` from its textarea as the text changes.
            tab.fieldset.addEventListener("input", () => updateBadge(tab));
            tab.fieldset.addEventListener("change", () => updateBadge(tab));
        });
        first.before(list);
        groups.push(tabs);
        return tabs;
    }

    function start(root) {
        const all = [...root.querySelectorAll(`fieldset.language-tab`)].filter(
            (fieldset) => !fieldset.classList.contains("language-tabs-panel")
                && !fieldset.closest(".empty-form")
        );
        const found = [];
        all.forEach((fieldset) => {
            const previous = found.length && found[found.length - 1];
            if (previous && previous[previous.length - 1].nextElementSibling === fieldset) {
                previous.push(fieldset);
            } else {
                found.push([fieldset]);
            }
        });
        const built = found.map(buildGroup);
        const current = groups.find((tabs) => tabs.some((tab) => tab.button.getAttribute("aria-selected") === "true"));
        const selected = current && current.find((tab) => tab.button.getAttribute("aria-selected") === "true");
        // A language whose fields have errors is opened, the first such one.
        const withErrors = built.flat().find((tab) => tab.button.classList.contains("has-errors"));
        const language = (withErrors || selected || built.flat()[0] || {}).language;
        if (language) {
            showLanguage(language);
        }
    }

    // Django admin fires `formset:added` on a new inline row ("Add another").
    document.addEventListener("formset:added", (event) => start(event.target));

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", () => start(document));
    } else {
        start(document);
    }
})();
