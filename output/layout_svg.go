package output

import (
	"fmt"
	"html"
	"html/template"
	"image/color"
	"strings"
)

// SVG draws the layout as an inline <svg> element. Every machine slot,
// buffer bar and arrow has an id (pl-m{box}-{k}, pl-q{box}, pl-e{edge})
// for the animation; without it, slots are grey and buffers empty.
func (l *PlantLayout) SVG(title string) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="plant" role="img" aria-label="%s" viewBox="0 0 %s %s" width="%s" height="%s">`,
		html.EscapeString(title), f1(l.Width), f1(l.Height), f1(l.Width), f1(l.Height))
	b.WriteString(`<defs><marker id="pl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#59636e"/></marker>` +
		`<marker id="pl-arrow-rework" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#d62728"/></marker></defs>`)
	for i, e := range l.Edges {
		marker := ` marker-end="url(#pl-arrow)"`
		switch e.Kind {
		case "rework":
			marker = ` marker-end="url(#pl-arrow-rework)"`
		case "crew":
			marker = ""
		}
		fmt.Fprintf(&b, `<path id="pl-e%d" class="edge edge-%s" d="%s"%s/>`, i, e.Kind, e.Path, marker)
	}
	for _, e := range l.Edges {
		if e.Label != "" {
			fmt.Fprintf(&b, `<text class="edge-label edge-label-%s" x="%s" y="%s">%s</text>`, e.Kind, f1(e.LabelX), f1(e.LabelY), html.EscapeString(e.Label))
		}
	}
	for i, x := range l.Boxes {
		fmt.Fprintf(&b, `<g class="box box-%s">`, x.Kind)
		shape := fmt.Sprintf(`<rect x="%s" y="%s" width="%s" height="%s" rx="6"/>`, f1(x.X), f1(x.Y), f1(x.W), f1(x.H))
		if x.Kind == "source" || x.Kind == "sink" {
			shape = fmt.Sprintf(`<rect x="%s" y="%s" width="%s" height="%s" rx="%s"/>`, f1(x.X), f1(x.Y), f1(x.W), f1(x.H), f1(x.H/2))
		}
		b.WriteString(shape)
		fmt.Fprintf(&b, `<text class="name" x="%s" y="%s">%s</text>`, f1(x.X+x.W/2), f1(x.Y+15), html.EscapeString(clip(x.Name, 20)))
		for k, line := range x.Lines {
			fmt.Fprintf(&b, `<text class="line" x="%s" y="%s">%s</text>`, f1(x.X+x.W/2), f1(x.Y+nameH+lineH*float64(k)+10), html.EscapeString(clip(line, 24)))
		}
		if x.Kind == "station" {
			r := x.Buffer
			fmt.Fprintf(&b, `<rect class="buffer" x="%s" y="%s" width="%s" height="%s"/>`, f1(r.X), f1(r.Y), f1(r.W), f1(r.H))
			fmt.Fprintf(&b, `<rect id="pl-q%d" class="fill" x="%s" y="%s" width="0" height="%s"/>`, i, f1(r.X), f1(r.Y), f1(r.H))
			fmt.Fprintf(&b, `<text id="pl-qt%d" class="count" x="%s" y="%s"></text>`, i, f1(r.X+r.W-2), f1(r.Y+r.H-1.5))
			for k, s := range x.Slots {
				fmt.Fprintf(&b, `<rect id="pl-m%d-%d" class="slot" x="%s" y="%s" width="%s" height="%s"/>`, i, k, f1(s.X), f1(s.Y), f1(s.W), f1(s.H))
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`<g id="pl-tokens"></g></svg>`)
	return template.HTML(b.String()) // built from our own numbers and escaped names
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// hexColor is c as #rrggbb.
func hexColor(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// plantCSS styles the layout and the animation controls.
const plantCSS = `
.plant-wrap { overflow-x: auto; margin: 12px 0; }
svg.plant { display: block; max-width: 100%; height: auto; font-size: 11px; }
svg.plant .box rect { fill: #fff; stroke: #8c959f; stroke-width: 1.2; }
svg.plant .box-source > rect:first-child, svg.plant .box-sink > rect:first-child { fill: var(--band); }
svg.plant .box-crew > rect:first-child { fill: #f3eefa; stroke: #9467bd; stroke-dasharray: 4 3; }
svg.plant text { text-anchor: middle; fill: var(--ink); }
svg.plant text.name { font-weight: 600; font-size: 12px; }
svg.plant text.line { fill: var(--muted); font-size: 10.5px; }
svg.plant text.count { text-anchor: end; font-size: 9px; fill: var(--ink); }
svg.plant .box rect.buffer { fill: #fff; stroke: #afb8c1; stroke-width: 1; }
svg.plant .box rect.fill { fill: #9ecae1; stroke: none; }
svg.plant .box rect.slot { fill: #d0d7de; stroke: #fff; stroke-width: .5; }
svg.plant .edge { fill: none; stroke: #59636e; stroke-width: 1.4; }
svg.plant .edge-rework { stroke: #d62728; stroke-dasharray: 5 3; }
svg.plant .edge-split { stroke: #1f77b4; }
svg.plant .edge-join { stroke-width: 2.4; }
svg.plant .edge-crew { stroke: #9467bd; stroke-width: 1; stroke-dasharray: 2 3; }
svg.plant .edge-label { text-anchor: start; font-size: 10px; fill: var(--muted); }
svg.plant .edge-label-rework { fill: #d62728; }
svg.plant .edge-label-split { fill: #1f77b4; }
svg.plant circle.token { fill: #ff7f0e; stroke: #fff; stroke-width: .8; }
svg.plant .vsm-tri { fill: #fff3c4; stroke: #b58900; stroke-width: 1.2; }
svg.plant .vsm-rule { stroke: #8c959f; }
svg.plant .vsm-ladder { fill: none; stroke: var(--ink); stroke-width: 1.6; }
svg.plant text.vsm-num { font-size: 10.5px; }
body.focus header, body.focus footer, body.focus main > section:not(.focused) { display: none; }
body.focus section.focused { border-bottom: 0; }
.anim-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin: 8px 0; font-size: 14px; }
.anim-controls input[type=range] { flex: 1 1 320px; }
.anim-clock { font-variant-numeric: tabular-nums; min-width: 13ch; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; color: var(--muted); margin: 4px 0; }
.legend i { display: inline-block; width: 11px; height: 11px; margin-right: 4px; vertical-align: -1px; }
`
