"""Watches a Playwright page for Content-Security-Policy violations: the browser's
`securitypolicyviolation` events and its console reports."""

VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
        `in ${event.sourceFile || document.location.pathname}:${event.lineNumber}`
    );
}, true);
"""


class CspWatch:
    def __init__(self, page):
        self.violations = []
        page.expose_function("reportViolation", self.note_violation)
        page.add_init_script(VIOLATION_LISTENER)
        page.on("console", self.note_console_message)

    def note_violation(self, description):
        self.violations.append(description)

    def note_console_message(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(message.text)
