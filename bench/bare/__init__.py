"""A bare Django project for the benchmark's floors: what `startproject` makes, on
the benchmark's own database and server, with one page rendered from a 20 KB
template (see README.md, Benchmark). Never part of the site."""
