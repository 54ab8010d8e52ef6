#!/usr/bin/env bash
# browser-check.sh renders a takt HTML report in headless Chromium and fails
# when the page comes out blank, lacks its charts, the plant or the value
# stream map, when the browser console logs anything (an error of the
# animation's script, or any message: the script logs nothing), when the
# page requests anything outside the file (Chromium's network log), or when
# the animation looks the same at two different times.
#
# Usage:
#
#   bash output/browser-check.sh                  # a report of the bundled demo
#   bash output/browser-check.sh report.html      # a report made before
#   bash output/browser-check.sh --docs           # also refresh output/docs/*.png
#
# It leaves its screenshots in the current folder (or $SHOTS): report.png
# (the top of the page), plant-1.png and plant-2.png (the plant at the
# animation's start and halfway through, opened with #view=the-plant&t=TIME)
# and vsm.png (the value stream map, #view=value-stream-map). --docs copies plant-2.png and vsm.png to
# output/docs/ for the README. Needs Debian's chromium (apt-get install -y
# chromium) and python3 without extra packages. CI (.ci/run) runs it where
# chromium can be installed.
set -euo pipefail

die() { echo "browser-check: $*" >&2; exit 1; }

docs=""
if [ "${1:-}" = "--docs" ]; then docs=1; shift; fi

browser=""
for b in chromium chromium-browser google-chrome; do
	if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
[ -n "$browser" ] || die "no chromium found; install it with: apt-get update && apt-get install -y chromium"

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shots=${SHOTS:-.}
mkdir -p "$shots"

report=${1:-}
if [ -z "$report" ]; then
	report=$work/report.html
	(cd "$here/.." && go run ./cmd/takt run --quiet --report "$report" >/dev/null)
fi
[ -f "$report" ] || die "no report file $report"
report=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	--disable-background-networking --disable-component-update --disable-sync
	--hide-scrollbars --force-device-scale-factor=1
	--enable-logging=stderr --v=0 --net-log-capture-mode=Default)

# run NAME ARGS...: one Chromium run with a fresh profile, its console on
# NAME.log and its network log in NAME.net.json.
n=0
run() {
	local name=$1; shift
	n=$((n + 1))
	timeout 120 "$browser" "${flags[@]}" --user-data-dir="$work/profile$n" \
		--log-net-log="$work/$name.net.json" "$@" >"$work/$name.out" 2>"$work/$name.log" ||
		die "chromium failed: $(tail -3 "$work/$name.log")"
}

# The animation's window, from the data embedded in the report.
read -r from to < <(python3 - "$report" <<'EOF'
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<script type="application/json" id="pl-data">(.*?)</script>', page, re.S)
if not m:
    sys.exit("browser-check: the report has no animation data")
d = json.loads(m.group(1))
print(repr(d["from"]), repr(d["to"]))
EOF
)
half=$(python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(repr(a + (b - a) / 2))" "$from" "$to")

run page --window-size=1280,6000 --screenshot="$shots/report.png" "file://$report"
run plant1 --window-size=1200,860 --screenshot="$shots/plant-1.png" "file://$report#view=the-plant&t=$from"
run plant2 --window-size=1200,860 --screenshot="$shots/plant-2.png" "file://$report#view=the-plant&t=$half"
run vsm --window-size=1200,860 --screenshot="$shots/vsm.png" "file://$report#view=value-stream-map"
run dom --dump-dom "file://$report#t=$half"
cp "$work/dom.out" "$work/dom.html"
for f in report plant-1 plant-2 vsm; do [ -s "$shots/$f.png" ] || die "no screenshot $f.png written"; done

if grep -h 'CONSOLE' "$work"/*.log; then
	die "the browser console logged the messages above"
fi
if cmp -s "$shots/plant-1.png" "$shots/plant-2.png"; then
	die "the animation looks the same at t=$from and t=$half"
fi

python3 - "$work" "$shots" <<'EOF'
import glob, json, os, re, struct, sys, zlib

work, shots = sys.argv[1], sys.argv[2]
dom = open(os.path.join(work, "dom.html"), encoding="utf-8").read()
fail = []
if "<h1>" not in dom:
    fail.append("no <h1> in the rendered page")
charts = dom.count("<svg ")
if charts < 3:
    fail.append("fewer than 3 inline <svg> in the rendered page")
for want in ('<svg class="plant"', '<svg class="plant vsm"', 'id="pl-m', 'class="token"'):
    if want not in dom:
        fail.append("the rendered page lacks " + want)
for m in re.finditer(r'\b(?:src|href)\s*=\s*"([^"#][^"]*)"', dom):
    fail.append("external reference: " + m.group(1))

# Requests the page made: Chromium's own (update checks, sign-in) have no
# origin as initiator; the page's have its origin ("null" for a file).
for net in glob.glob(os.path.join(work, "*.net.json")):
    try:
        events = json.load(open(net, encoding="utf-8")).get("events", [])
    except ValueError:  # a log cut at exit lacks its closing brackets
        text = open(net, encoding="utf-8").read().rstrip().rstrip(",")
        events = json.loads(text + "]}").get("events", [])
    for e in events:
        p = e.get("params", {})
        if "url" in p and "initiator" in p and p["initiator"] != "not an origin" \
                and not p["url"].startswith(("file:", "data:", "about:", "blob:")):
            fail.append("the page requested " + p["url"])

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

def inked(path, limit):
    """The share of sampled pixels off the most common colour, and the number of colours."""
    counts, total = {}, 0
    for line, bpp in rows(path, limit):
        for i in range(0, len(line), bpp * 4):
            px = bytes(line[i:i + 3])
            counts[px] = counts.get(px, 0) + 1
            total += 1
    return 1 - max(counts.values()) / total, len(counts)

# The top of the page and each view must not be nearly one colour.
for name, limit in (("report", 1500), ("plant-1", 860), ("plant-2", 860), ("vsm", 860)):
    ink, colours = inked(os.path.join(shots, name + ".png"), limit)
    if ink < 0.02 or colours < 8:
        fail.append("%s.png looks blank: %.1f%% of sampled pixels differ from the background, %d colours" % (name, 100 * ink, colours))
if fail:
    print("browser-check: " + "\nbrowser-check: ".join(fail), file=sys.stderr)
    sys.exit(1)
print("browser-check: ok: %d inline SVGs, no console message, no request, the animation differs between two times" % charts)
EOF
if [ -n "$docs" ]; then
	mkdir -p "$here/docs"
	cp "$shots/plant-2.png" "$here/docs/plant.png"
	cp "$shots/vsm.png" "$here/docs/vsm.png"
	echo "browser-check: refreshed output/docs/plant.png and output/docs/vsm.png"
fi
echo "browser-check: screenshots in $shots: report.png plant-1.png plant-2.png vsm.png"
