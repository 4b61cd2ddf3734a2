"""Structured logging: one JSON object a line, with the request's path when there is one."""

import copy
import json
import logging
from datetime import UTC, datetime


class JsonLinesFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request := getattr(record, "request", None):
            entry["method"] = getattr(request, "method", None)
            entry["path"] = getattr(request, "path", None)
        if (status_code := getattr(record, "status_code", None)) is not None:
            entry["status"] = status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


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
