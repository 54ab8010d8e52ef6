package output

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// animationData is the animation as embedded in the report: the
// Animation and what the script needs of the layout.
type animationData struct {
	From     float64     `json:"from"`
	To       float64     `json:"to"`
	Unit     string      `json:"unit"`
	States   []string    `json:"states"`
	Colors   []string    `json:"colors"`
	Machines [][2]int    `json:"machines"`
	Init     []int       `json:"init"`
	Level0   [][2]int    `json:"level0"`
	S        []float64   `json:"s"`
	Q        []float64   `json:"q"`
	P        []float64   `json:"p"`
	Edges    [][2]int    `json:"edges"`   // per edge of the layout: from and to box (-1 for crews)
	Bars     [][3]int    `json:"bars"`    // per station: box, capacity (-1: unlimited), full-bar level
	Centers  [][2]int    `json:"centers"` // per box: its centre
	BarW     map[int]int `json:"barw"`    // station box → bar width in pixels
}

// plantSection draws the plant and animates replication 1 on it.
func plantSection(s *sim.Summary, rec *Recorder) Section {
	l := rec.Layout()
	a := rec.Animation()
	d := newAnimationData(l, a, s.TimeUnit)
	data, err := json.Marshal(d) // escapes <, > and &: safe inside <script>
	if err != nil {
		data = []byte("null") // cannot happen: plain numbers and strings
	}
	u := s.TimeUnit
	var b strings.Builder
	b.WriteString(`<div class="legend">`)
	seen := make([]bool, sim.NumStates)
	for _, st := range a.Init {
		seen[st] = true
	}
	for i := 2; i < len(a.S); i += 3 {
		seen[int(a.S[i])] = true
	}
	for st := range sim.State(sim.NumStates) {
		if seen[st] {
			fmt.Fprintf(&b, `<span><i style="background:%s"></i>%s</span>`, hexColor(StateColor(st)), st)
		}
	}
	b.WriteString(`<span><i style="background:#9ecae1"></i>buffer fill</span><span><i style="background:#ff7f0e;border-radius:50%"></i>part moving</span></div>`)
	b.WriteString(`<div class="anim-controls" id="pl-controls" hidden>`)
	b.WriteString(`<button type="button" id="pl-play">▶ play</button>`)
	b.WriteString(`<label>speed <select id="pl-speed">`)
	for _, x := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		fmt.Fprintf(&b, `<option value="%d">×%d</option>`, x, x)
	}
	b.WriteString(`</select></label>`)
	fmt.Fprintf(&b, `<input type="range" id="pl-scrub" min="%s" max="%s" step="any" value="%s" aria-label="time">`,
		jsNum(a.From), jsNum(a.To), jsNum(a.From))
	fmt.Fprintf(&b, `<span class="anim-clock" id="pl-clock">t = %s %s</span></div>`, roundTime(a.From), html.EscapeString(u))
	b.WriteString(`<div class="plant-wrap">`)
	b.WriteString(string(l.SVG("The plant: " + s.Scenario)))
	b.WriteString(`</div>`)
	b.WriteString(`<script type="application/json" id="pl-data">` + string(data) + `</script>`)
	b.WriteString(`<script>` + animationJS + `</script>`)

	text := "The plant as the scenario describes it, laid out left to right by flow: sources (rounded, left), stations with their buffer (the bar) and one square per machine, sinks (rounded, right) and repair or operator crews (dashed, below). Blue arrows are the branches of a split with their probabilities, dashed red arrows send parts to rework, thick arrows bring components into an assembly."
	if len(s.Conveyors) > 0 {
		text += " An arrow labelled with a conveyor's name runs over it (a part there moves as a dot when it reaches the next station)."
	}
	text += fmt.Sprintf("\n\nPress play to watch replication 1 from %s to %s %s: machines take the colour of their state, buffers fill, and parts move as dots along the arrows. The speed is simulated %s per second of yours; the slider jumps to any time. Choose another window with takt run --animate FROM..TO.",
		roundTime(a.From), roundTime(a.To), u, u)
	if a.Cut {
		text += fmt.Sprintf(" The window ends at %s %s, where it reached the cap of %d events (machine state changes, buffer level changes and part moves), to keep the report small.",
			roundTime(a.To), u, rec.opt.MaxAnimationEvents)
	}
	return Section{Heading: "The plant", Text: text, HTML: template.HTML(b.String())} // our own markup, names escaped
}

func newAnimationData(l *PlantLayout, a *Animation, unit string) animationData {
	d := animationData{From: a.From, To: a.To, Unit: unit, States: a.States, Machines: a.Machines, Init: a.Init,
		Level0: a.Level0, S: a.S, Q: a.Q, P: a.P, BarW: map[int]int{}}
	if d.S == nil {
		d.S = []float64{}
	}
	if d.Q == nil {
		d.Q = []float64{}
	}
	if d.P == nil {
		d.P = []float64{}
	}
	if d.Machines == nil {
		d.Machines, d.Init, d.Level0 = [][2]int{}, []int{}, [][2]int{}
	}
	for _, st := range a.States {
		d.Colors = append(d.Colors, hexColor(StateColorByName(st)))
	}
	for _, e := range l.Edges {
		if e.Kind == "crew" {
			d.Edges = append(d.Edges, [2]int{-1, -1})
		} else {
			d.Edges = append(d.Edges, [2]int{e.From, e.To})
		}
	}
	peak := map[int]int{}
	for _, lv := range a.Level0 {
		peak[lv[0]] = lv[1]
	}
	for i := 0; i+2 < len(a.Q); i += 3 {
		b := int(a.Q[i+1])
		peak[b] = max(peak[b], int(a.Q[i+2]))
	}
	for i, b := range l.Boxes {
		d.Centers = append(d.Centers, [2]int{int(b.X + b.W/2), int(b.Y + b.H/2)})
		if b.Kind == "station" {
			full := b.Capacity
			if full <= 0 {
				full = max(1, peak[i])
			}
			d.Bars = append(d.Bars, [3]int{i, b.Capacity, full})
			d.BarW[i] = int(b.Buffer.W)
		}
	}
	return d
}

// jsNum formats x for an HTML attribute a script reads back exactly.
func jsNum(x float64) string {
	b, _ := json.Marshal(x)
	return string(b)
}

// animationJS plays the animation: it applies the state and level changes
// up to the current time (replaying from the window's start when the time
// goes back) and draws the moves of the last moments as dots along their
// arrows. "#t=TIME" in the address starts it at TIME; "#view=ID" shows
// only the section ID (for a slide or a screenshot), e.g.
// "#view=the-plant&t=100".
const animationJS = `
(function () {
  "use strict";
  var view = /view=([a-z0-9-]+)/.exec(location.hash);
  if (view && document.getElementById(view[1])) {
    document.body.classList.add("focus");
    document.getElementById(view[1]).classList.add("focused");
  }
  var D = JSON.parse(document.getElementById("pl-data").textContent);
  if (!D) return;
  var $ = function (id) { return document.getElementById(id); };
  var NS = document.querySelector("svg.plant").namespaceURI;
  var slots = D.machines.map(function (m) { return $("pl-m" + m[0] + "-" + m[1]); });
  var edge = {};
  D.edges.forEach(function (e, i) { if (e[0] >= 0) edge[e[0] + "-" + e[1]] = $("pl-e" + i); });
  var lengths = {};
  var tokens = $("pl-tokens"), play = $("pl-play"), speedSel = $("pl-speed"), scrub = $("pl-scrub"), clock = $("pl-clock");
  var state, level, iS, iQ, now, playing = false, last = 0;
  var speed = 1;
  var want = (D.to - D.from) / 60;
  for (var k = 0; k < speedSel.options.length; k++) {
    if (+speedSel.options[k].value <= Math.max(1, want)) { speedSel.selectedIndex = k; speed = +speedSel.options[k].value; }
  }
  function reset() {
    state = D.init.slice(); level = {}; iS = 0; iQ = 0; now = D.from;
    D.level0.forEach(function (p) { level[p[0]] = p[1]; });
  }
  function advance(t) {
    if (t < now) reset();
    while (iS < D.s.length && D.s[iS] <= t) { state[D.s[iS + 1]] = D.s[iS + 2]; iS += 3; }
    while (iQ < D.q.length && D.q[iQ] <= t) { level[D.q[iQ + 1]] = D.q[iQ + 2]; iQ += 3; }
    now = t;
  }
  function fmt(t) {
    var a = Math.abs(t), d = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
    return t.toFixed(d);
  }
  function firstMove(t) { // index of the first move at or after t
    var lo = 0, hi = D.p.length / 4;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (D.p[4 * mid] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function draw(t) {
    advance(t);
    for (var i = 0; i < slots.length; i++) if (slots[i]) slots[i].style.fill = D.colors[state[i]];
    D.bars.forEach(function (b) {
      var n = level[b[0]] || 0, f = $("pl-q" + b[0]), c = $("pl-qt" + b[0]);
      if (f) f.setAttribute("width", (D.barw[b[0]] * Math.min(1, n / b[2])).toFixed(1));
      if (c) c.textContent = b[1] >= 0 ? n + "/" + b[1] : String(n);
    });
    while (tokens.firstChild) tokens.removeChild(tokens.firstChild);
    var span = Math.min(0.6 * speed, (D.to - D.from) / 10);
    for (var j = firstMove(t - span), drawn = 0; j < D.p.length / 4 && D.p[4 * j] <= t && drawn < 300; j++, drawn++) {
      var from = D.p[4 * j + 1], to = D.p[4 * j + 2], f = span > 0 ? (t - D.p[4 * j]) / span : 1, x, y;
      var p = edge[from + "-" + to];
      if (p) {
        var key = from + "-" + to;
        if (!(key in lengths)) lengths[key] = p.getTotalLength();
        var pt = p.getPointAtLength(f * lengths[key]); x = pt.x; y = pt.y;
      } else {
        var a = D.centers[from], b = D.centers[to];
        x = a[0] + f * (b[0] - a[0]); y = a[1] + f * (b[1] - a[1]);
      }
      var c = document.createElementNS(NS, "circle");
      c.setAttribute("class", "token"); c.setAttribute("r", "4");
      c.setAttribute("cx", x.toFixed(1)); c.setAttribute("cy", y.toFixed(1));
      tokens.appendChild(c);
    }
    clock.textContent = "t = " + fmt(t) + " " + D.unit;
    scrub.value = t;
  }
  function frame(ts) {
    if (!playing) return;
    var t = Math.min(D.to, now + (ts - last) / 1000 * speed);
    last = ts;
    draw(t);
    if (t >= D.to) { pause(); return; }
    requestAnimationFrame(frame);
  }
  function pause() { playing = false; play.textContent = "▶ play"; }
  play.addEventListener("click", function () {
    if (playing) { pause(); return; }
    if (now >= D.to) draw(D.from);
    playing = true; play.textContent = "❚❚ pause";
    requestAnimationFrame(function (ts) { last = ts; requestAnimationFrame(frame); });
  });
  speedSel.addEventListener("change", function () { speed = +speedSel.value; draw(now); });
  scrub.addEventListener("input", function () { draw(+scrub.value); });
  reset();
  var m = /t=([-+0-9.eE]+)/.exec(location.hash), t0 = m ? +m[1] : D.from;
  draw(Math.max(D.from, Math.min(D.to, isFinite(t0) ? t0 : D.from)));
  $("pl-controls").hidden = false;
})();
`
