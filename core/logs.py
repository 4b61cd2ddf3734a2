"""Structured logging: one JSON object a line, with the request's path when there is one."""

import copy
import json
import logging
from datetime import UTC, datetime

from django.utils import timezone


class JsonLinesFormatter(logging.Formatter):
    """Times are in the site's time zone, with its offset: the zone of everything else
    the site writes (the development server's banner, the admin), and unambiguous."""

    def format(self, record):
        when = timezone.localtime(datetime.fromtimestamp(record.created, UTC))
        entry = {
            "time": when.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if method_and_path := request_method_and_path(record):
            entry["method"], entry["path"] = method_and_path
        if (status_code := getattr(record, "status_code", None)) is not None:
            entry["status"] = status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def request_method_and_path(record):
    """(method, path) of the request a record is about, or None.

    Django's request loggers attach the HttpRequest. The development server's
    ("django.server") attaches its socket instead, and gives the request line
    ("GET /news/?page=2 HTTP/1.1") as the message's first argument.
    """
    request = getattr(record, "request", None)
    if request is not None and hasattr(request, "method"):
        return request.method, request.path
    if record.name == "django.server" and isinstance(record.args, tuple) and record.args:
        parts = str(record.args[0]).split()
        if len(parts) >= 2:
            return parts[0], parts[1].partition("?")[0]
    return None


class RefusalsAsWarnings(logging.Filter):
    """Write a request Django refused as suspicious as a WARNING, without traceback.

    Django logs each such refusal (a Host the site does not serve, more parameters or
    a larger body than it reads) at ERROR. The visitor got a 400 and nothing failed,
    so ERROR lines stay the ones someone must look at. The handler writes a copy:
    other handlers see the record as it was sent.
    """

    def filter(self, record):
        if not record.name.startswith("django.security.") or record.levelno <= logging.WARNING:
            return True
        refusal = copy.copy(record)
        refusal.levelno, refusal.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        refusal.exc_info = refusal.exc_text = None
        return refusal
