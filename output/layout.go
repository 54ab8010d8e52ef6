package output

import (
	"fmt"
	"sort"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// PlantLayout is the plant drawn left to right by flow: a box per source,
// station and sink, the crews in a strip below, and the arrows between
// them. It is a pure function of the model (and the hints): the same model
// gives the same picture. Coordinates are SVG pixels, y downwards.
//
// The layout is layered: an element's column is the longest path to it
// from a source, skipping the arrows that close a loop (rework, returns);
// within a column, elements are ordered by the barycentre of their
// neighbours to reduce crossings. More than LayoutColumns columns wrap into
// bands below one another, like lines of text. Arrows between neighbouring
// columns are curves; every other arrow runs through the gaps between
// columns and below the bands, so that no arrow crosses a box.
type PlantLayout struct {
	Width, Height float64
	Boxes         []LayoutBox // sources, stations, sinks in model order, then crews
	Edges         []LayoutEdge
}

// LayoutBox is one element's box.
type LayoutBox struct {
	Name, Kind string // Kind: "source", "station", "sink" or "crew"
	X, Y, W, H float64
	Band, Col  int // the band (row of columns) and column within it
	// Lines are the box's text below its name.
	Lines []string
	// Buffer is the buffer bar of a station (zero size for other kinds);
	// Capacity its capacity (sim.Unlimited for none).
	Buffer   Rect
	Capacity int
	// Slots are the machines of a station, at most MaxSlots of them.
	Slots []Rect
	// Index is the element's index in its kind's slice of the model.
	Index int
}

// Rect is a rectangle.
type Rect struct{ X, Y, W, H float64 }

// overlaps reports whether r and o share interior points.
func (r Rect) overlaps(o Rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// Rect is the box's rectangle.
func (b LayoutBox) Rect() Rect { return Rect{b.X, b.Y, b.W, b.H} }

// LayoutEdge is an arrow from box From to box To (indices into Boxes).
type LayoutEdge struct {
	From, To int
	// Kind is "flow", "split" (a branch of a probabilistic routing),
	// "rework", "join" (a component into an assembly) or "crew" (a crew
	// serving a station, no arrowhead).
	Kind  string
	Label string // e.g. "30%"
	// Path is an SVG path ("M x y C …" or "M x y L …").
	Path string
	// LabelX, LabelY is where the label goes.
	LabelX, LabelY float64
	// Curve is the path's points: the ends and the control points of a
	// curve, the corners of a routed line; tokens of the animation move
	// along them.
	Points [][2]float64
	curved bool
}

// beltLabel is a conveyor's name as the label of its arrow, cut to fit
// the gap between two columns.
func beltLabel(name string) string {
	const fit = 7 // runes of 10px text in the gap beside the arrowhead
	if r := []rune(name); len(r) > fit {
		name = string(r[:fit-1]) + "…"
	}
	return name
}

// LayoutHint places one element by hand: its column (1 is the leftmost,
// before wrapping) and its row within the column (1 is the top). 0 leaves
// it to the layout.
type LayoutHint struct{ Row, Column int }

// Geometry of the layout, in pixels.
const (
	// LayoutColumns is the number of columns of a band; longer lines wrap.
	LayoutColumns = 7
	// MaxSlots is the number of machine slots drawn per station; a station
	// with more machines says how many in its box.
	MaxSlots = 24

	boxW, colGap, rowGap, margin            = 132.0, 52.0, 22.0, 28.0
	slotSize, slotGap, slotsPerRow          = 12.0, 3.0, 8
	lineH, nameH, bufferH, laneGap, bandGap = 14.0, 20.0, 10.0, 8.0, 26.0
	crewH                                   = 40.0
)

// Layout lays out the plant of m. hints, which may be nil, place elements
// by hand (unknown names are ignored: the scenario checks them).
func Layout(m *sim.Model, hints map[string]LayoutHint) *PlantLayout {
	g := newFlowGraph(m)
	g.layers(hints)
	g.order(hints)
	return g.place(m)
}

// flowGraph is the plant as a graph of sources, stations and sinks.
type flowGraph struct {
	boxes []LayoutBox
	index map[string]int
	edges []LayoutEdge
	back  []bool // edges[i] closes a loop
	layer []int
	pos   []float64 // order within the layer
	crews []int     // box indices of the crews
}

func newFlowGraph(m *sim.Model) *flowGraph {
	g := &flowGraph{index: map[string]int{}}
	add := func(name, kind string, i int, lines ...string) {
		g.index[name] = len(g.boxes)
		g.boxes = append(g.boxes, LayoutBox{Name: name, Kind: kind, Index: i, Lines: lines})
	}
	for i, s := range m.Sources {
		add(s.Name, "source", i, sourceLine(s))
	}
	cards := map[string]string{} // first station of a kanban loop → its cards
	for _, k := range m.Kanbans {
		if len(k.Stations) > 0 {
			cards[k.Stations[0]] = fmt.Sprintf("kanban: %d cards", k.Total())
		}
	}
	for i, st := range m.Stations {
		lines := stationLines(st)
		if c, ok := cards[st.Name]; ok {
			lines = append(lines, c)
		}
		add(st.Name, "station", i, lines...)
		g.boxes[len(g.boxes)-1].Capacity = st.Buffer
	}
	for i, k := range m.Sinks {
		add(k.Name, "sink", i, "sink")
	}
	seen := map[[3]string]bool{}
	edge := func(from, to, kind, label string) {
		a, okA := g.index[from]
		b, okB := g.index[to]
		if !okA || !okB || seen[[3]string{from, to, kind}] {
			return
		}
		seen[[3]string{from, to, kind}] = true
		g.edges = append(g.edges, LayoutEdge{From: a, To: b, Kind: kind, Label: label})
	}
	for _, s := range m.Sources {
		edge(s.Name, s.To, "flow", "")
	}
	belts := map[[2]string]string{} // (from, to) → the conveyor on that way, as its label
	for _, c := range m.Conveyors {
		belts[[2]string{c.From, c.To}] = beltLabel(c.Name)
	}
	for _, st := range m.Stations {
		for _, r := range st.Routes {
			belt := belts[[2]string{st.Name, r.To}]
			if r.By != "" { // a route has a conveyor or a transporter, not both
				belt = "by " + r.By
			}
			if len(st.Routes) > 1 {
				edge(st.Name, r.To, "split", strings.TrimSpace(percent(r.P)+" "+belt))
			} else {
				edge(st.Name, r.To, "flow", belt)
			}
		}
		if q := st.Quality; q != nil && q.ReworkTo != "" && q.Rework > 0 {
			edge(st.Name, q.ReworkTo, "rework", "rework "+percent(q.Rework))
		}
	}
	assembles := map[[2]string]int{} // (station, component) → count
	for _, st := range m.Stations {
		if a := st.Assembly; a != nil {
			for _, c := range a.Components {
				assembles[[2]string{st.Name, c.Product}] = c.Count
			}
		}
	}
	for _, p := range m.Products {
		route := p.Route
		if len(route) > 0 && !g.isSink(route[len(route)-1]) && len(m.Sinks) > 0 {
			if n, ok := assembles[[2]string{route[len(route)-1], p.Name}]; !ok || n == 0 {
				route = append(route[:len(route):len(route)], m.Sinks[0].Name)
			}
		}
		for i := 1; i < len(route); i++ {
			if n, ok := assembles[[2]string{route[i], p.Name}]; ok {
				edge(route[i-1], route[i], "join", fmt.Sprintf("%d× %s", n, p.Name))
			} else {
				edge(route[i-1], route[i], "flow", "")
			}
		}
	}
	for i, c := range m.Crews {
		g.crews = append(g.crews, len(g.boxes))
		add(c.Name, "crew", i, fmt.Sprintf("crew of %d", c.Size))
	}
	for _, st := range m.Stations {
		var crews []string
		for _, f := range st.Failures {
			crews = append(crews, f.Crew)
		}
		if st.PM != nil {
			crews = append(crews, st.PM.Crew)
		}
		if st.Operators != nil {
			crews = append(crews, st.Operators.Crews...)
		}
		for _, c := range crews {
			edge(c, st.Name, "crew", "")
		}
	}
	return g
}

func (g *flowGraph) isSink(name string) bool {
	i, ok := g.index[name]
	return ok && g.boxes[i].Kind == "sink"
}

func sourceLine(s sim.Source) string {
	switch s.Kind {
	case sim.Open:
		if s.Arrivals != nil {
			return fmt.Sprintf("%.4g a week", s.ArrivalRate()*s.Arrivals.Week)
		}
		return "every " + s.Interarrival.String()
	case sim.CONWIP:
		return fmt.Sprintf("CONWIP %d", s.WIP)
	case sim.OrderBook:
		return fmt.Sprintf("%d orders", len(s.Orders))
	}
	return s.Kind.String()
}

func stationLines(st sim.Station) []string {
	var l []string
	if st.Process != nil {
		l = append(l, st.Process.String())
	}
	buf := "buffer ∞"
	if st.Buffer != sim.Unlimited {
		buf = fmt.Sprintf("buffer %d", st.Buffer)
	}
	if st.Machines > MaxSlots {
		buf = fmt.Sprintf("%d machines · %s", st.Machines, buf)
	}
	l = append(l, buf)
	if q := st.Quality; q != nil && q.Yield < 1 {
		l = append(l, "yield "+percent(q.Yield))
	}
	if st.Assembly != nil {
		l = append(l, "assembly")
	}
	if st.Batch > 1 {
		l = append(l, fmt.Sprintf("batch of %d", st.Batch))
	}
	return l
}

// percent formats a probability as a percentage with up to 3 significant
// digits.
func percent(p float64) string { return roundTime(100*p) + "%" }

// flowEdges are the indices of the edges between flow elements (not
// crews).
func (g *flowGraph) flowEdges() []int {
	var es []int
	for i, e := range g.edges {
		if e.Kind != "crew" {
			es = append(es, i)
		}
	}
	return es
}

// layers finds the loops (a depth-first search from the sources in model
// order marks the edges back to an element on the current path) and gives
// every element its longest distance from a source over the other edges,
// or its hinted column.
func (g *flowGraph) layers(hints map[string]LayoutHint) {
	n := len(g.boxes)
	g.back = make([]bool, len(g.edges))
	out := make([][]int, n)
	for _, i := range g.flowEdges() {
		out[g.edges[i].From] = append(out[g.edges[i].From], i)
	}
	state := make([]int, n) // 0 new, 1 on the path, 2 done
	var visit func(v int)
	visit = func(v int) {
		state[v] = 1
		for _, i := range out[v] {
			switch w := g.edges[i].To; state[w] {
			case 0:
				visit(w)
			case 1:
				g.back[i] = true
			}
		}
		state[v] = 2
	}
	for v := range g.boxes {
		if g.boxes[v].Kind == "source" && state[v] == 0 {
			visit(v)
		}
	}
	for v := range g.boxes {
		if g.boxes[v].Kind != "crew" && state[v] == 0 {
			visit(v)
		}
	}
	// Longest path by relaxation in topological order (Kahn, lowest index
	// first, so the result does not depend on map order).
	g.layer = make([]int, n)
	indeg := make([]int, n)
	for _, i := range g.flowEdges() {
		if !g.back[i] {
			indeg[g.edges[i].To]++
		}
	}
	done := make([]bool, n)
	for range n {
		v := -1
		for u := range n {
			if !done[u] && indeg[u] == 0 {
				v = u
				break
			}
		}
		if v < 0 {
			break
		}
		done[v] = true
		if h, ok := hints[g.boxes[v].Name]; ok && h.Column > 0 {
			g.layer[v] = h.Column - 1
		}
		for _, i := range out[v] {
			if g.back[i] {
				continue
			}
			w := g.edges[i].To
			if _, hinted := hints[g.boxes[w].Name]; !hinted || hints[g.boxes[w].Name].Column == 0 {
				g.layer[w] = max(g.layer[w], g.layer[v]+1)
			}
			indeg[w]--
		}
	}
	for _, c := range g.crews {
		g.layer[c] = -1
	}
}

// order sorts the elements of every column: first by hinted row, then by
// the barycentre of their neighbours' positions, sweeping left to right
// and back four times; ties keep model order.
func (g *flowGraph) order(hints map[string]LayoutHint) {
	n := len(g.boxes)
	g.pos = make([]float64, n)
	byLayer := map[int][]int{}
	maxLayer := 0
	for v := range n {
		if g.boxes[v].Kind == "crew" {
			continue
		}
		byLayer[g.layer[v]] = append(byLayer[g.layer[v]], v)
		maxLayer = max(maxLayer, g.layer[v])
	}
	renumber := func(vs []int) {
		for k, v := range vs {
			g.pos[v] = float64(k)
		}
	}
	for l := 0; l <= maxLayer; l++ {
		renumber(byLayer[l])
	}
	row := func(v int) int {
		if h, ok := hints[g.boxes[v].Name]; ok && h.Row > 0 {
			return h.Row
		}
		return 1 << 30
	}
	sortLayer := func(l int, fromLeft bool) {
		vs := byLayer[l]
		bary := make(map[int]float64, len(vs))
		for _, v := range vs {
			sum, cnt := 0.0, 0
			for _, i := range g.flowEdges() {
				e := g.edges[i]
				switch {
				case fromLeft && e.To == v && g.layer[e.From] < l:
					sum, cnt = sum+g.pos[e.From], cnt+1
				case !fromLeft && e.From == v && g.layer[e.To] > l:
					sum, cnt = sum+g.pos[e.To], cnt+1
				}
			}
			bary[v] = g.pos[v]
			if cnt > 0 {
				bary[v] = sum / float64(cnt)
			}
		}
		sort.SliceStable(vs, func(a, b int) bool {
			if ra, rb := row(vs[a]), row(vs[b]); ra != rb {
				return ra < rb
			}
			return bary[vs[a]] < bary[vs[b]]
		})
		renumber(vs)
	}
	for range 4 {
		for l := 1; l <= maxLayer; l++ {
			sortLayer(l, true)
		}
		for l := maxLayer - 1; l >= 0; l-- {
			sortLayer(l, false)
		}
	}
	sortLayer(0, false)
}

// place gives every box its size and position and routes the edges.
func (g *flowGraph) place(m *sim.Model) *PlantLayout {
	for v := range g.boxes {
		b := &g.boxes[v]
		b.W, b.H = boxW, nameH+lineH*float64(len(b.Lines))+8
		if b.Kind == "station" {
			st := m.Stations[b.Index]
			b.H += bufferH + 6
			slots := min(st.Machines, MaxSlots)
			rows := (slots + slotsPerRow - 1) / slotsPerRow
			b.H += float64(rows)*(slotSize+slotGap) + 2
		}
	}
	// Columns by band; the height of a band is its tallest column.
	maxLayer := 0
	for v, b := range g.boxes {
		if b.Kind != "crew" {
			maxLayer = max(maxLayer, g.layer[v])
		}
	}
	bands := maxLayer/LayoutColumns + 1
	cols := min(maxLayer+1, LayoutColumns)
	colH := map[int]float64{}
	byLayer := map[int][]int{}
	for v, b := range g.boxes {
		if b.Kind == "crew" {
			continue
		}
		byLayer[g.layer[v]] = append(byLayer[g.layer[v]], v)
	}
	for l, vs := range byLayer {
		sort.Slice(vs, func(a, b int) bool { return g.pos[vs[a]] < g.pos[vs[b]] })
		h := -rowGap
		for _, v := range vs {
			h += g.boxes[v].H + rowGap
		}
		colH[l] = h
	}
	bandH := make([]float64, bands)
	for l, h := range colH {
		bandH[l/LayoutColumns] = max(bandH[l/LayoutColumns], h)
	}
	// Lanes for the routed edges below each band.
	lanes := make([]int, bands)
	laneOf := make([]int, len(g.edges))
	for i, e := range g.edges {
		if e.Kind == "crew" || g.adjacent(e) {
			continue
		}
		b := g.layer[e.From] / LayoutColumns
		laneOf[i] = lanes[b]
		lanes[b]++
	}
	bandY := make([]float64, bands)
	y := margin + 6
	for b := range bands {
		bandY[b] = y
		y += bandH[b] + bandGap + float64(lanes[b])*laneGap
	}
	for l := 0; l <= maxLayer; l++ {
		band, col := l/LayoutColumns, l%LayoutColumns
		x := margin + float64(col)*(boxW+colGap)
		y := bandY[band] + (bandH[band]-colH[l])/2
		for _, v := range byLayer[l] {
			b := &g.boxes[v]
			b.X, b.Y, b.Band, b.Col = x, y, band, col
			y += b.H + rowGap
		}
	}
	width := margin*2 + float64(cols)*boxW + float64(cols-1)*colGap
	// Crews in a strip below, wrapping at the width.
	x := margin
	for _, v := range g.crews {
		b := &g.boxes[v]
		b.H = crewH
		if x+b.W > width-margin+1 {
			x, y = margin, y+crewH+rowGap
		}
		b.X, b.Y, b.Band, b.Col = x, y, bands, -1
		x += b.W + colGap/2
	}
	if len(g.crews) > 0 {
		y += crewH + rowGap
	}
	for v := range g.boxes {
		g.inner(&g.boxes[v], m)
	}
	for i := range g.edges {
		g.route(i, bandY, bandH, laneOf[i])
	}
	return &PlantLayout{Width: width, Height: y + margin - rowGap, Boxes: g.boxes, Edges: g.edges}
}

// adjacent reports whether an edge goes one column to the right in the
// same band: it is drawn as a curve.
func (g *flowGraph) adjacent(e LayoutEdge) bool {
	a, b := g.layer[e.From], g.layer[e.To]
	return b == a+1 && a/LayoutColumns == b/LayoutColumns
}

// inner places a station's buffer bar and machine slots.
func (g *flowGraph) inner(b *LayoutBox, m *sim.Model) {
	if b.Kind != "station" {
		return
	}
	y := b.Y + nameH + lineH*float64(len(b.Lines)) + 4
	b.Buffer = Rect{b.X + 8, y, b.W - 16, bufferH}
	y += bufferH + 6
	for k := range min(m.Stations[b.Index].Machines, MaxSlots) {
		r, c := k/slotsPerRow, k%slotsPerRow
		b.Slots = append(b.Slots, Rect{b.X + 8 + float64(c)*(slotSize+slotGap), y + float64(r)*(slotSize+slotGap), slotSize, slotSize})
	}
}

// route draws edge i: a curve between neighbouring columns, otherwise a
// line through the gap right of its start, the lane below the start's
// band, and the gap left of its end. A crew's line runs from the top of
// its box up the gap left of the station.
func (g *flowGraph) route(i int, bandY, bandH []float64, lane int) {
	e := &g.edges[i]
	a, b := g.boxes[e.From], g.boxes[e.To]
	if e.Kind == "crew" {
		x0, y0 := a.X+a.W/2, a.Y
		x1, y1 := b.X-colGap/2+6, b.Y+b.H-8
		e.Points = [][2]float64{{x0, y0}, {x0, y0 - 10}, {x1, y0 - 10}, {x1, y1}, {b.X, y1}}
		e.Path = polyline(e.Points)
		return
	}
	x0, y0 := a.X+a.W, a.Y+a.H/2
	x1, y1 := b.X, b.Y+b.H/2
	if g.adjacent(*e) {
		mid := (x0 + x1) / 2
		e.Points = [][2]float64{{x0, y0}, {mid, y0}, {mid, y1}, {x1, y1}}
		e.Path = fmt.Sprintf("M%s %sC%s %s %s %s %s %s", f1(x0), f1(y0), f1(mid), f1(y0), f1(mid), f1(y1), f1(x1), f1(y1))
		e.curved = true
		e.LabelX, e.LabelY = x0+6, y0-4
		if y1 > y0 {
			e.LabelY = y0 + 12
		}
		return
	}
	band := a.Band
	laneY := bandY[band] + bandH[band] + bandGap/2 + float64(lane)*laneGap
	// Several routed edges share the gaps: offset each by its lane.
	off := 6 + float64(lane%6)*4
	xa, xb := x0+off, x1-off
	e.Points = [][2]float64{{x0, y0}, {xa, y0}, {xa, laneY}, {xb, laneY}, {xb, y1}, {x1, y1}}
	e.Path = polyline(e.Points)
	e.LabelX, e.LabelY = xa+4, laneY-3
}

func polyline(ps [][2]float64) string {
	s := ""
	for k, p := range ps {
		cmd := "L"
		if k == 0 {
			cmd = "M"
		}
		s += fmt.Sprintf("%s%s %s", cmd, f1(p[0]), f1(p[1]))
	}
	return s
}

// f1 formats a coordinate with at most one decimal.
func f1(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}
