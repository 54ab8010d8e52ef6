package output

import "html/template"

// reportTemplate is the HTML of a report. It loads nothing: no external
// scripts, style sheets, fonts or images; its only script is inline.
var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="takt">
<title>{{.Title}} — takt report</title>
<style>` + reportCSS + plantCSS + `</style>
</head>
<body>
<header>
<p class="kicker">takt simulation report</p>
<h1>{{.Title}}</h1>
{{- if .Description}}
<p class="description">{{.Description}}</p>
{{- end}}
<nav><ul>
{{- range .Sections}}
<li><a href="#{{.ID}}">{{.Heading}}</a></li>
{{- end}}
{{- if .Source}}
<li><a href="#scenario-file">Scenario file</a></li>
{{- end}}
</ul></nav>
</header>
<main>
{{- range .Sections}}
<section id="{{.ID}}">
<h2>{{.Heading}}</h2>
{{- range .Paragraphs}}
<p>{{.}}</p>
{{- end}}
{{- if .HTML}}
{{.HTML}}
{{- end}}
{{- if .Head}}
<div class="table"><table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table></div>
{{- end}}
{{- range .Charts}}
<figure>
{{.}}</figure>
{{- end}}
</section>
{{- end}}
{{- if .Source}}
<section id="scenario-file">
<h2>Scenario file</h2>
<details>
<summary>{{if .File}}{{.File}}{{else}}scenario{{end}} (TOML)</summary>
<pre><code>{{.Source}}</code></pre>
</details>
</section>
{{- end}}
</main>
<footer>Made with takt, a discrete-event plant simulator. Every figure is a mean over independent replications with the half-width of its confidence interval (mean ±half-width).</footer>
</body>
</html>
`))

// reportCSS styles the report for screens and print, with system fonts.
const reportCSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --band: #f6f8fa; --accent: #1f77b4; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 32px; border-bottom: 1px solid var(--line); }
.kicker { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .08em; text-transform: uppercase; }
h1 { margin: 4px 0 8px; font-size: 30px; line-height: 1.2; }
.description { margin: 0 0 16px; color: var(--muted); font-size: 18px; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 16px; padding: 0; list-style: none; font-size: 14px; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
section { padding: 8px 0 16px; border-bottom: 1px solid var(--line); }
h2 { margin: 24px 0 8px; font-size: 21px; }
p { margin: 0 0 10px; max-width: 75ch; }
.table { overflow-x: auto; margin: 12px 0; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 14px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { text-align: right; font-weight: 600; background: var(--band); }
td { text-align: right; }
th:first-child, td:first-child { text-align: left; }
tbody tr:hover { background: var(--band); }
figure { margin: 16px 0; }
figure svg { display: block; width: 100%; max-width: 880px; height: auto; }
details { margin: 8px 0 16px; }
summary { cursor: pointer; color: var(--accent); }
pre { overflow-x: auto; padding: 12px 16px; background: var(--band); border: 1px solid var(--line);
  border-radius: 6px; font-size: 13px; line-height: 1.45; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
footer { padding: 16px 24px 32px; color: var(--muted); font-size: 13px; }
@media print {
  nav { display: none; }
  section { break-inside: avoid-page; }
  details > pre { display: block; }
}
`
