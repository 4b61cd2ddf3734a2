"""Draw static/partners/world-map.svg: the country outlines under the directory's map.

    .venv/bin/python scripts/make_world_map.py [countries-110m.json]

The outlines are Natural Earth's 1:110m countries (public domain) as the npm package
world-atlas ships them in TopoJSON; without an argument the script fetches that
package with `npm pack`. They are projected with partners.map's Equal Earth, the
projection the markers use, simplified to what the map shows (a tenth of a unit is
finer than a pixel at any zoom the map uses) and written as one path per country, its
id the country's ISO code, so that tests can tell a point's country. The file is served
as a static image with a long cache life, not inlined in the page.
"""

import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
from itertools import pairwise
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "only-for-drawing-the-map")
django.setup()

from django_countries import countries  # noqa: E402

from partners.map import HEIGHT, SOUTHERNMOST, WIDTH, project  # noqa: E402

PACKAGE = "world-atlas@2.0.2"
OUTPUT = ROOT / "static" / "partners" / "world-map.svg"
ANTARCTICA = "010"
# Points closer than this to the line through their neighbours are dropped (map units).
TOLERANCE = 0.8
# Rings smaller than this (square map units) are specks at any zoom the map uses.
SMALLEST_AREA = 2.0
LAND, BORDER = "#d5dde6", "#ffffff"


def fetch_topology():
    with tempfile.TemporaryDirectory() as folder:
        name = subprocess.run(
            ["npm", "pack", PACKAGE, "--silent"],
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        with tarfile.open(Path(folder) / name) as archive:
            return json.load(archive.extractfile("package/countries-110m.json"))


def decode_arcs(topology):
    """TopoJSON's quantized, delta-encoded arcs as lists of (longitude, latitude)."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x, y = x + step_x, y + step_y
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """A closed ring from its arcs; a negative index ~i is arc i reversed."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points):
    """Longitudes made continuous: a ring crossing the antimeridian (Fiji, Chukotka)
    runs past 180 instead of jumping across the whole map."""
    out = [points[0]]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def clip(points, keep, edge):
    """Sutherland-Hodgman against the meridian `edge`: the part where keep(lon)."""
    out = []
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:] + points[:1], strict=True):
        if keep(lon2):
            if not keep(lon1):
                out.append((edge, lat1 + (lat2 - lat1) * (edge - lon1) / (lon2 - lon1)))
            out.append((lon2, lat2))
        elif keep(lon1):
            out.append((edge, lat1 + (lat2 - lat1) * (edge - lon1) / (lon2 - lon1)))
    return out


def split_at_antimeridian(points):
    """The ring as pieces that each stay within -180..180."""
    points = unwrapped(points)
    if all(-180 <= lon <= 180 for lon, _ in points):
        return [points]
    if max(lon for lon, _ in points) > 180:
        inside = clip(points, lambda lon: lon <= 180, 180)
        beyond = [(lon - 360, lat) for lon, lat in clip(points, lambda lon: lon >= 180, 180)]
    else:
        inside = clip(points, lambda lon: lon >= -180, -180)
        beyond = [(lon + 360, lat) for lon, lat in clip(points, lambda lon: lon <= -180, -180)]
    return [piece + piece[:1] for piece in (inside, beyond) if len(piece) >= 3]


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def simplify(points, tolerance):
    """Douglas-Peucker: keep the points that matter at this tolerance."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    farthest, distance = 0, 0.0
    for index, (x, y) in enumerate(points[1:-1], start=1):
        if length:
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
        else:
            d = math.hypot(x - x1, y - y1)
        if d > distance:
            farthest, distance = index, d
    if distance <= tolerance:
        return [points[0], points[-1]]
    left = simplify(points[: farthest + 1], tolerance)
    return left[:-1] + simplify(points[farthest:], tolerance)


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(points))) / 2


def number(value):
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def path_data(rings):
    """Absolute move, relative lines (shorter), in tenths of a unit."""
    parts = []
    for points in rings:
        tenths = [(round(x * 10), round(y * 10)) for x, y in points]
        (x0, y0), commands = tenths[0], []
        for (xa, ya), (xb, yb) in pairwise(tenths):
            if (xa, ya) != (xb, yb):
                commands.append(f"{number((xb - xa) / 10)} {number((yb - ya) / 10)}")
        line = " ".join(commands).replace(" -", "-")
        parts.append(f"M{number(x0 / 10)} {number(y0 / 10)}l{line}z")
    return "".join(parts)


def country_paths(topology):
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric == ANTARCTICA:
            continue
        rings = []
        for polygon in polygons(geometry):
            for indexes in polygon:
                for piece in split_at_antimeridian(ring(arcs, indexes)):
                    projected = [project(lat, lon) for lon, lat in piece]
                    simplified = simplify(projected, TOLERANCE)
                    if len(simplified) >= 4 and area(simplified) >= SMALLEST_AREA:
                        rings.append(simplified)
        if rings:
            code = countries.alpha2(int(numeric)) if numeric else ""
            yield code, path_data(rings)


def path_element(code, d):
    """Borders stay thin however far the directory zooms in (vector-effect is not
    inherited, hence on every path)."""
    id_attribute = f' id="{code}"' if code else ""
    return f'<path{id_attribute} d="{d}" vector-effect="non-scaling-stroke"/>'


def svg(topology):
    paths = "\n".join(path_element(code, d) for code, d in sorted(country_paths(topology)))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">\n'
        "<!-- Natural Earth 1:110m countries (public domain), Equal Earth projection, "
        f"cut at {-SOUTHERNMOST}°S; drawn by scripts/make_world_map.py -->\n"
        f'<g fill="{LAND}" stroke="{BORDER}" stroke-width="0.75" stroke-linejoin="round">\n'
        f"{paths}\n</g>\n</svg>\n"
    )


def main():
    topology = json.loads(Path(sys.argv[1]).read_text()) if sys.argv[1:] else fetch_topology()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(svg(topology))
    print(f"{OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
