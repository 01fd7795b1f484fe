"""Checks a headless-Chromium screenshot (not blank) and DOM dump (one chart
point per day) of report.html. Standard library only (zlib decodes the PNG)."""
import re
import struct
import sys
import zlib


def png_pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("FAIL: not a PNG")
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise SystemExit("FAIL: unexpected PNG format (depth %d, colour type %d)" % (depth, ctype))
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    bpp = 4 if ctype == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    i = 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def check_screenshot(path):
    width, height, bpp, rows = png_pixels(path)
    colours = set()
    dark = 0
    for row in rows:
        for x in range(0, len(row), bpp):
            px = row[x:x + 3]
            colours.add(px)
            if sum(px) < 300:
                dark += 1
    print("screenshot %dx%d: %d distinct colours, %.1f%% dark pixels"
          % (width, height, len(colours), 100.0 * dark / (width * height)))
    if (width, height) != (1280, 800):
        raise SystemExit("FAIL: screenshot is %dx%d, not 1280x800" % (width, height))
    if len(colours) < 16:
        raise SystemExit("FAIL: the page looks blank (%d colours)" % len(colours))
    if dark < 500:
        raise SystemExit("FAIL: almost no text or lines drawn")


def check_dom(path):
    dom = open(path, encoding="utf-8").read()
    # The pack charts (id chart-N) carry the issued line; the temporaries have
    # their own panel (temporaries-N) so they never set a pack chart's scale.
    charts = re.findall(r'<svg[^>]*class="chart" id="chart-\d+"[^>]*data-days="(\d+)"[^>]*>(.*?)</svg>', dom, re.S)
    if not charts:
        raise SystemExit("FAIL: no chart in the rendered DOM")
    temporaries = re.findall(r'<svg[^>]*class="chart" id="temporaries-\d+"[^>]*>(.*?)</svg>', dom, re.S)
    if not temporaries or any('series-temporary' not in body for body in temporaries):
        raise SystemExit("FAIL: no temporaries panel with its line")
    if any('series-temporary' in body for _, body in charts):
        raise SystemExit("FAIL: temporaries drawn on a pack chart")
    for days, body in charts:
        lines = re.findall(r'<polyline[^>]*class="series series-issued"[^>]*>', body)
        if len(lines) != 1:
            raise SystemExit("FAIL: %d issued lines in a chart, want 1" % len(lines))
        declared = int(re.search(r'data-points="(\d+)"', lines[0]).group(1))
        points = re.search(r'points="([^"]*)"', lines[0].replace('data-points=', 'x=')).group(1).split()
        if not (len(points) == declared == int(days)):
            raise SystemExit("FAIL: %d points drawn, %d declared, %s days" % (len(points), declared, days))
    print("DOM: %d charts, each issued line has one point per day (%s days)" % (len(charts), charts[0][0]))


check_screenshot(sys.argv[1])
check_dom(sys.argv[2])
print("PASS")
