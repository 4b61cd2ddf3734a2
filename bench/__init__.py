"""`make bench`: seed a database, run the production server, measure its pages.

Run it with `python -m bench --help`. The package is also a small Django app (the
two floor endpoints), installed only when DJANGO_BENCH=1: never in a deployment.
"""
