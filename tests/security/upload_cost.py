"""Run as a script with a file's path: handle it as a model form does (`clean_image()`)
and as the editor's upload view does (`body_image()`), and print, as JSON, how it
ended and what it cost this process. Peak RSS, not tracemalloc: Pillow allocates
its pixels in C."""

import json
import os
import resource
import sys
import time


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def main(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.editor import BODY_IMAGE_WIDTH
    from core.images import body_image, clean_image

    with open(path, "rb") as file:
        uploaded_file = SimpleUploadedFile(os.path.basename(path), file.read())
    baseline = peak_rss_bytes()
    started = time.process_time()
    try:
        clean_image(uploaded_file)
        body_image(uploaded_file, BODY_IMAGE_WIDTH)
        outcome = "accepted"
    except ValidationError as error:
        outcome = error.code
    cost = {
        "outcome": outcome,
        "peak_increase": peak_rss_bytes() - baseline,
        "cpu_seconds": time.process_time() - started,
    }
    print(json.dumps(cost))


if __name__ == "__main__":
    main(sys.argv[1])
