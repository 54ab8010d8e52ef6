#!/usr/bin/env bash
# browser-check.sh renders a takt HTML report in headless Chromium and fails
# when the page comes out blank, when the browser console logs anything (the
# report has no script, so any console message is an error), or when the
# rendered page lacks its charts or refers to anything outside the file.
#
# Usage:
#
#   bash output/browser-check.sh                     # a report of the bundled demo
#   bash output/browser-check.sh report.html         # a report made before
#   bash output/browser-check.sh report.html shot.png
#
# It leaves the screenshot (default: report.png beside a generated report,
# or REPORT.png) for a person to look at. Needs Debian's chromium
# (apt-get install -y chromium) and python3 without extra packages. It is
# not run by CI.
set -euo pipefail

die() { echo "browser-check: $*" >&2; exit 1; }

browser=""
for b in chromium chromium-browser google-chrome; do
	if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
[ -n "$browser" ] || die "no chromium found; install it with: apt-get update && apt-get install -y chromium"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

report=${1:-}
if [ -z "$report" ]; then
	report=$work/report.html
	(cd "$(dirname "$0")/.." && go run ./cmd/takt run --quiet --report "$report" >/dev/null)
fi
[ -f "$report" ] || die "no report file $report"
report=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
shot=${2:-${report%.html}.png}
[ -n "${1:-}" ] || shot=report.png

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	--disable-background-networking --disable-component-update --disable-sync
	--hide-scrollbars --force-device-scale-factor=1
	--enable-logging=stderr --v=0)

# Pass 1: the screenshot, 1280 pixels wide and tall enough for the page.
timeout 120 "$browser" "${flags[@]}" --user-data-dir="$work/profile1" \
	--window-size=1280,6000 --screenshot="$shot" "file://$report" \
	>"$work/shot.out" 2>"$work/shot.log" || die "chromium failed: $(tail -3 "$work/shot.log")"
[ -s "$shot" ] || die "no screenshot written"

# Pass 2: the DOM after rendering, with the console on stderr.
timeout 120 "$browser" "${flags[@]}" --user-data-dir="$work/profile2" \
	--dump-dom "file://$report" >"$work/dom.html" 2>"$work/dom.log" || die "chromium failed: $(tail -3 "$work/dom.log")"

if grep -h 'CONSOLE' "$work/shot.log" "$work/dom.log"; then
	die "the browser console logged the messages above"
fi

python3 - "$work/dom.html" "$shot" <<'EOF'
import re, struct, sys, zlib

dom, shot = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
fail = []
if "<h1>" not in dom:
    fail.append("no <h1> in the rendered page")
charts = dom.count("<svg ")
if charts < 1:
    fail.append("no inline <svg> chart in the rendered page")
for m in re.finditer(r'\b(?:src|href)\s*=\s*"([^"#][^"]*)"', dom):
    fail.append("external reference: " + m.group(1))

def rows(path, limit):
    """The first limit rows of an 8-bit RGB or RGBA PNG, unfiltered."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (2, 6), "unexpected PNG format"
    bpp = 3 if ctype == 2 else 4
    stride = w * bpp
    raw = zlib.decompressobj().decompress(idat, (stride + 1) * min(h, limit))
    prev = bytearray(stride)
    out = []
    for y in range(len(raw) // (stride + 1)):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.append((line, bpp))
        prev = line
    return out

# The top of the page (header, summary, tables, first chart) must not be
# nearly one colour.
counts = {}
total = 0
for line, bpp in rows(shot, 1500):
    for i in range(0, len(line), bpp * 4):
        px = bytes(line[i:i + 3])
        counts[px] = counts.get(px, 0) + 1
        total += 1
top = max(counts.values())
inked = 1 - top / total
if inked < 0.02 or len(counts) < 8:
    fail.append("the page looks blank: %.1f%% of sampled pixels differ from the background, %d colours" % (100 * inked, len(counts)))
if fail:
    print("browser-check: " + "\nbrowser-check: ".join(fail), file=sys.stderr)
    sys.exit(1)
print("browser-check: ok: %d charts, %.1f%% of the page's top inked, %d colours" % (charts, 100 * inked, len(counts)))
EOF
echo "browser-check: screenshot in $shot"
