#!/usr/bin/env python3
"""The people-facing outputs as people and programs meet them (docs/output-formats.md):

    svg_png        `taper plan --format svg` rendered to PNG by rsvg-convert (librsvg2-bin):
                   the size asked for, the dose line and the occupancy line drawn in their colours,
                   and the SVG's elements (a dose path, a step mark per step) read with ElementTree
    html_chromium  `taper plan --have ... --format html` in headless Chromium: a screenshot with the
                   chart, the disclaimer's frame and text drawn, and a PDF printed on A4 and on
                   Letter (pdfinfo: the page size; pdftotext: the title, every step's date, the
                   sections) -- Debian's chromium and poppler-utils
    ics_khal       `taper plan --format ics` imported into khal, a calendar program that runs
                   headless, which then lists the plan's events on their days
    simulate_svg_png  `taper simulate --format svg --daily` rendered likewise: the simulated occupancy
                   drawn in its own colour (and absent from the plan's chart), a point per day
    cli_errors     --reminders without ics, --dispense with a format that cannot show it

    render_test.py --taper build/dev/src/cli/taper CASE       (or --list)
Exit 0: passed; 1: failed, saying why. A missing tool is a failure that names the Debian
package (cmake/install-deps.sh installs them all).
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

START = ["--start", "2026-12-01"]
SVG_NS = "{http://www.w3.org/2000/svg}"

# The chart's colours (src/io/svg_export.cpp), as RGB.
DOSE = (0x00, 0x72, 0xB2)
OCCUPANCY = (0xD5, 0x5E, 0x00)
SIMULATED = (0xCC, 0x79, 0xA7)
DISCLAIMER_FRAME = (0xB0, 0x00, 0x20)


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def tool(name, package):
    path = shutil.which(name)
    check(path is not None, f"{name} is not installed: install the Debian package {package} "
                            "(bash cmake/install-deps.sh does)")
    return path


def run(*args, timeout=120):
    p = subprocess.run(list(args), capture_output=True, timeout=timeout, env={**os.environ, "LC_ALL": "C.UTF-8"})
    check(p.returncode == 0, f"exit {p.returncode} for {args}: {p.stderr.decode('utf-8', 'replace')[:2000]}")
    return p.stdout


def png_pixels(path):
    """Width, height and the RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG
    (what rsvg-convert and Chromium write), decoded with zlib and the five PNG filters."""
    with open(path, "rb") as f:
        data = f.read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    check(depth == 8 and colour in (2, 6) and interlace == 0, f"{path}: unexpected PNG format {header}")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    pixels = [row[i:i + 3] for row in rows for i in range(0, stride, channels)]
    return width, height, pixels


def count_near(pixels, rgb, tolerance=40):
    return sum(1 for p in pixels if all(abs(p[k] - rgb[k]) <= tolerance for k in range(3)))


def case_svg_png(taper, work):
    svg = run(taper, "plan", "citalopram", "20mg", "--strategy", "hyperbolic", "--step", "5pp", "--every", "4w",
              "--hold", "3:8w", *START, "--format", "svg")
    steps = len(__import__("json").loads(run(taper, "plan", "citalopram", "20mg", "--strategy", "hyperbolic",
                                               "--step", "5pp", "--every", "4w", "--hold", "3:8w", *START,
                                               "--format", "json"))["steps"])
    root = ET.fromstring(svg)
    check(root.tag == SVG_NS + "svg", f"root element is {root.tag}")
    classes = [e.get("class") for e in root.iter()]
    for needed in ("dose", "occupancy", "hold", "legend", "axis"):
        check(needed in classes, f"the SVG has no element of class {needed!r}")
    check(classes.count("step-mark") == steps, f"{classes.count('step-mark')} step marks for {steps} steps")
    check("citalopram" in root.find(SVG_NS + "title").text, "the title does not name the drug")
    path = os.path.join(work, "chart.svg")
    with open(path, "wb") as f:
        f.write(svg)
    png = os.path.join(work, "chart.png")
    run(tool("rsvg-convert", "librsvg2-bin"), "--format", "png", "--output", png, path)
    width, height, pixels = png_pixels(png)
    check((width, height) == (800, 400), f"the PNG is {width}x{height}, not 800x400")
    not_white = sum(1 for p in pixels if min(p) < 200)
    check(not_white > 0.01 * len(pixels), f"the PNG is nearly blank ({not_white} drawn pixels)")
    check(count_near(pixels, DOSE) > 500, "the dose line is not drawn")
    check(count_near(pixels, OCCUPANCY) > 300, "the occupancy line is not drawn")
    print(f"rendered {png}: {width}x{height}, {not_white} drawn pixels")


def case_simulate_svg_png(taper, work):
    """`taper simulate --format svg`: the simulated occupancy drawn in its own colour over the plan's."""
    plan = ["citalopram", "20mg", "--strategy", "hyperbolic", "--step", "5pp", "--every", "4w", *START]
    series = run(taper, "simulate", *plan, "--format", "csv", "--daily").decode().strip().splitlines()[1:]
    svg = run(taper, "simulate", *plan, "--format", "svg", "--daily")
    root = ET.fromstring(svg)
    check(root.tag == SVG_NS + "svg", f"root element is {root.tag}")
    lines = [e for e in root.iter() if e.get("class") == "simulated-occupancy"]
    check(len(lines) == 1, f"{len(lines)} simulated-occupancy paths")
    points = lines[0].get("d").count(" L") + 1
    check(points == len(series), f"the simulated line has {points} points for {len(series)} days")
    legend = " ".join(t.text or "" for e in root.iter() if e.get("class") == "legend" for t in e.iter(SVG_NS + "text"))
    check("simulated occupancy" in legend and "steady-state occupancy" in legend, f"legend: {legend!r}")
    pngs = {}
    for name, document in (("simulated", svg), ("plan", run(taper, "plan", *plan, "--format", "svg"))):
        path = os.path.join(work, name + ".svg")
        with open(path, "wb") as f:
            f.write(document)
        png = os.path.join(work, name + ".png")
        run(tool("rsvg-convert", "librsvg2-bin"), "--format", "png", "--output", png, path)
        pngs[name] = png_pixels(png)
    width, height, pixels = pngs["simulated"]
    check((width, height) == (800, 400), f"the PNG is {width}x{height}, not 800x400")
    simulated, in_plan = count_near(pixels, SIMULATED), count_near(pngs["plan"][2], SIMULATED)
    check(simulated > 300, f"the simulated line is not drawn ({simulated} pixels of its colour)")
    check(simulated > in_plan + 250, f"the simulated colour is not its own ({simulated} pixels, {in_plan} in the plan's chart)")
    check(count_near(pixels, DOSE) > 500, "the dose line is not drawn")
    check(count_near(pixels, OCCUPANCY) > 300, "the steady-state occupancy line is not drawn")
    print(f"rendered the simulation's chart: {simulated} pixels of the simulated line ({in_plan} in the plan's chart)")


def chromium(work, *args):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    check(browser is not None, "chromium is not installed: install the Debian package chromium "
                               "(bash cmake/install-deps.sh does)")
    profile = tempfile.mkdtemp(dir=work, prefix="chromium-profile-")
    return run(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               "--disable-extensions", "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args, timeout=180)


def case_html_chromium(taper, work):
    args = ["plan", "citalopram", "20mg", "--strategy", "hyperbolic", "--step", "5pp", "--every", "4w", *START,
            "--have", "10 mg tablet, 2 mg/mL liquid"]
    html = run(taper, *args, "--format", "html")
    plan = __import__("json").loads(run(taper, *args, "--format", "json"))
    page = os.path.join(work, "plan.html")
    with open(page, "wb") as f:
        f.write(html)
    shot = os.path.join(work, "plan.png")
    chromium(work, "--window-size=1000,1400", f"--screenshot={shot}", "file://" + page)
    width, height, pixels = png_pixels(shot)
    check((width, height) == (1000, 1400), f"the screenshot is {width}x{height}")
    dark = sum(1 for p in pixels if max(p) < 90)
    check(dark > 5000, f"hardly any text drawn ({dark} dark pixels)")
    check(count_near(pixels, DISCLAIMER_FRAME, 30) > 400, "the disclaimer's frame is not drawn")
    check(count_near(pixels, DOSE) > 300, "the chart's dose line is not in the screenshot")
    print(f"screenshot {shot}: {dark} dark pixels")

    pdfinfo, pdftotext = tool("pdfinfo", "poppler-utils"), tool("pdftotext", "poppler-utils")
    # A4 is 210 × 297 mm = 595.3 × 841.9 pt, Letter 8.5 × 11 in = 612 × 792 pt; Chromium rounds
    # the page to its own units, so within a point.
    for paper, size in (("A4", (595.3, 841.9)), ("letter", (612.0, 792.0))):
        # The page sets no paper size (it fits both); the test picks each in turn, as a
        # printer's setting would.
        variant = os.path.join(work, f"plan-{paper}.html")
        with open(variant, "wb") as f:
            f.write(html.replace(b"</head>", f"<style>@page {{ size: {paper}; }}</style></head>".encode(), 1))
        pdf = os.path.join(work, f"plan-{paper}.pdf")
        chromium(work, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + variant)
        info = run(pdfinfo, pdf).decode()
        pages = int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))
        page_size = next(l for l in info.splitlines() if l.startswith("Page size:"))
        width, height = (float(v) for v in page_size.split(":", 1)[1].split("pts")[0].split(" x "))
        check(abs(width - size[0]) < 1.5 and abs(height - size[1]) < 1.5,
              f"{paper}: page size is {page_size!r}, expected {size[0]} x {size[1]} pt")
        check(1 <= pages <= 6, f"{paper}: {pages} pages")
        # Words, in reading order, with the line breaks of the table's narrow cells undone.
        text = " ".join(run(pdftotext, pdf, "-").decode().split())
        for needle in ("citalopram taper plan", "Step by step", "How to take it", "Cautions", "Sources",
                       "Support and contacts", "Mind Infoline", "What withdrawal can feel like", "5.9 mL of 2 mg/mL"):
            check(needle in text, f"{paper}: the PDF's text has no {needle!r}")
        for st in plan["steps"]:
            check(st["start"] in text, f"{paper}: step {st['number']}'s start {st['start']} is not printed")
        print(f"{paper}: {pages} page(s), {page_size}")


def case_ics_khal(taper, work):
    khal = tool("khal", "khal")
    ics = run(taper, "plan", "citalopram", "20mg", "--strategy", "hyperbolic", "--step", "5pp", "--every", "4w",
              *START, "--format", "ics")
    path = os.path.join(work, "plan.ics")
    with open(path, "wb") as f:
        f.write(ics)
    calendar = os.path.join(work, "calendar")
    os.makedirs(calendar)
    config = os.path.join(work, "khal.conf")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"[calendars]\n[[taper]]\npath = {calendar}\ntype = calendar\n\n"
                f"[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
                f"datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
                f"local_timezone = UTC\ndefault_timezone = UTC\n\n[sqlite]\npath = {work}/khal.db\n")
    run(khal, "-c", config, "import", "--batch", "-a", "taper", path)
    imported = [n for n in os.listdir(calendar) if n.endswith(".ics")]
    steps = ics.count(b"BEGIN:VEVENT")
    check(len(imported) == steps, f"khal stored {len(imported)} events of {steps}")
    listing = run(khal, "-c", config, "list", "--format", "{start-date} {title}", "2026-12-01", "2026-12-02").decode()
    check("citalopram step 1:" in listing, f"khal does not list step 1 on 2026-12-01: {listing!r}")
    listing = run(khal, "-c", config, "list", "--format", "{start-date} {title}", "2026-12-29", "2026-12-30").decode()
    check("citalopram step 2:" in listing, f"khal does not list step 2 on 2026-12-29: {listing!r}")
    # Importing the same plan again updates the events (same UIDs): still one file per step.
    run(khal, "-c", config, "import", "--batch", "-a", "taper", path)
    again = [n for n in os.listdir(calendar) if n.endswith(".ics")]
    check(len(again) == steps, f"a second import made {len(again)} events of {steps}")
    print(f"khal imported {steps} events")


def case_cli_errors(taper, work):
    base = ["plan", "citalopram", "20mg", *START]
    for args, needle in ((["--format", "json", "--reminders"], "--reminders needs --format ics"),
                         (["--have", "10 mg tablet", "--dispense", "28d", "--format", "ics"], "--dispense works with"),
                         (["--format", "pdf"], "--format")):
        p = subprocess.run([taper, *base, *args], capture_output=True, timeout=60)
        check(p.returncode != 0, f"exit 0 for {args}")
        check(p.stdout == b"", f"stdout not empty for {args}")
        check(needle.encode() in p.stderr, f"stderr for {args} does not say {needle!r}: {p.stderr!r}")
    ics = run(taper, *base, "--format", "ics", "--reminders")
    check(b"BEGIN:VALARM" in ics and b"RRULE:FREQ=DAILY;COUNT=28" in ics, "--reminders made no daily alarms")


CASES = {"svg_png": case_svg_png, "simulate_svg_png": case_simulate_svg_png, "html_chromium": case_html_chromium, "ics_khal": case_ics_khal,
         "cli_errors": case_cli_errors}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taper")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--keep", help="keep the files made in this folder")
    parser.add_argument("case", nargs="?")
    a = parser.parse_args()
    if a.list:
        print("\n".join(CASES))
        return 0
    work = a.keep or tempfile.mkdtemp(prefix="taper-outputs-")
    os.makedirs(work, exist_ok=True)
    try:
        CASES[a.case](a.taper, work)
    except Failure as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
