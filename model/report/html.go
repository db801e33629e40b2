package report

import (
	"bytes"
	"html/template"
	"io"
	"strings"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/whatif"
)

// pageStyle is shared by every page: readable on screen, landscape and
// one chart per page when printed.
const pageStyle = `body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ccc; }
p.sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; }
th { background: #f3f3f3; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.none td { color: #a40000; }
.chart svg { width: 100%; max-width: 720px; height: auto; }
.gantt { overflow-x: auto; }
ul.why { font-size: 13px; }
table + p.sub { margin-top: 10px; }
@media print { @page { size: landscape; } .gantt svg { width: 100%; height: auto; } h2 { break-before: page; } }`

// pages holds every HTML page pencil writes. The pages are XHTML
// (well-formed XML, so any XML reader can check them); html/template
// escapes every value, and only the SVG pencil draws itself is passed in
// as template.HTML.
var pages = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head>
<meta charset="utf-8"/>
<title>{{.Title}}</title>
<style>
{{.Style}}
</style>
</head>
<body>
{{template "body" .}}</body>
</html>
{{define "gantt"}}<div class="gantt">
{{.}}</div>
{{end}}`))

// ganttPage is the Gantt chart of one schedule.
var ganttPage = template.Must(template.Must(pages.Clone()).Parse(`{{define "body"}}<h1>{{.Production}} — schedule</h1>
<p class="sub origin">{{.Origin}}</p>
<p class="sub">{{.Cost}} · delivery {{.Delivery}} · times in {{.TimeZone}} · solid bars are confirmed, hatched bars are pencils, cross-hatched bars second pencils; hover over a bar for its pieces</p>
{{template "gantt" .Chart}}{{end}}`))

// comparisonPage is the producer's what-if page.
var comparisonPage = template.Must(template.Must(pages.Clone()).Parse(`{{define "body"}}<h1>What if — {{.Production}}</h1>
<p class="sub">{{.Count}} scenarios against the base schedule · amounts in {{.Currency}} · seed {{.Seed}}</p>
{{range .Tables}}<h2>{{.Title}}</h2>
<table>
<tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr{{if .None}} class="none"{{end}}>{{range .Cells}}{{if .Number}}<td class="n">{{.Text}}</td>{{else}}<td>{{.Text}}</td>{{end}}{{end}}</tr>
{{end}}</table>
{{end}}<p class="sub">{{.RiskNote}}</p>
<h3>What each scenario changes</h3>
<ul class="why">
{{range .Changes}}<li><b>{{.Name}}</b>: {{.Changes}}{{with .Note}} ({{.}}){{end}}</li>
{{end}}</ul>
{{range .NoSchedule}}<h3>No schedule for {{.Name}}</h3>
<ul class="why">
{{with .Infeasible}}{{with .Headline}}<li><b>{{.}}</b></li>
{{end}}{{range .Lines}}<li>{{.}}</li>
{{end}}{{end}}</ul>
{{end}}<h2>Charts</h2>
{{range .Charts}}<div class="chart">{{.}}</div>
{{end}}{{range .Schedules}}<h2>Schedule: {{.Name}}</h2>
<p class="sub">Cost {{.Cost}} · last session ends {{.Delivery}}</p>
{{template "gantt" .Chart}}{{end}}{{end}}`))

// pageData is what every page shows around its body.
type pageData struct {
	Title string
	Style template.CSS
}

// WriteGanttHTML writes a self-contained HTML page with the schedule's
// Gantt chart (inline SVG), where it comes from, and its delivery; a
// fresh solve's cost too (the booking store keeps no costs).
func WriteGanttHTML(w io.Writer, s *schedule.Schedule, o Origin) error {
	cost := "Cost " + compile.Money(s.Currency, s.Cost.Total)
	for _, note := range s.Cost.WeightNotes() {
		cost += " · " + note
	}
	if o.Committed {
		cost = costNote
	}
	chart, err := ganttSVG(s, o)
	if err != nil {
		return err
	}
	return ganttPage.Execute(w, struct {
		pageData
		Production, Origin, Cost, Delivery, TimeZone string
		Chart                                        template.HTML
	}{
		pageData:   pageData{Title: s.Production + " — schedule", Style: pageStyle},
		Production: s.Production, Origin: o.String(), Cost: cost,
		Delivery: whatif.DeliveryDay(s.Delivery), TimeZone: s.TimeZone, Chart: chart,
	})
}

// ganttSVG draws a schedule's Gantt chart for a page.
func ganttSVG(s *schedule.Schedule, o Origin) (template.HTML, error) {
	var b strings.Builder
	if err := WriteGanttSVG(&b, s, o); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // drawn by WriteGanttSVG, every text escaped there
}

// comparisonTable is one of whatif.Tables as the page lays it out.
type comparisonTable struct {
	Title  string
	Header []string
	Rows   []comparisonRow
}

// comparisonRow is one table row: red when the scenario has no schedule.
type comparisonRow struct {
	None  bool
	Cells []comparisonCell
}

// comparisonCell is one cell; figures are right-aligned.
type comparisonCell struct {
	Text   string
	Number bool
}

// comparisonSchedule is one feasible scenario's Gantt chart.
type comparisonSchedule struct {
	Name, Cost, Delivery string
	Chart                template.HTML
}

// WriteComparisonHTML writes one self-contained page for the producer:
// the comparison tables, the cost-against-delivery and cost-by-department
// charts (inline SVG), why any scenario has no schedule, and each
// scenario's Gantt chart.
func WriteComparisonHTML(w io.Writer, c *whatif.Comparison) error {
	var tables []comparisonTable
	for _, t := range whatif.Tables(c) {
		ct := comparisonTable{Title: t.Title, Header: t.Header}
		for _, row := range t.Rows {
			cr := comparisonRow{None: len(row) > 1 && row[1] == whatif.NoSchedule}
			for i, cell := range row {
				text := i == 0 || i == len(row)-1 && t.Title == whatif.SummaryTitle
				cr.Cells = append(cr.Cells, comparisonCell{Text: cell, Number: !text})
			}
			ct.Rows = append(ct.Rows, cr)
		}
		tables = append(tables, ct)
	}
	var noSchedule []whatif.Result
	for _, r := range c.Scenarios {
		if !r.Feasible {
			noSchedule = append(noSchedule, r)
		}
	}
	var charts []template.HTML
	for _, chart := range []func(io.Writer, *whatif.Comparison, string) error{WriteCostDeliveryChart, WriteDepartmentChart} {
		svg, err := inlineSVG(c, chart)
		if err != nil {
			return err
		}
		charts = append(charts, template.HTML(svg)) // drawn by gonum/plot from our own figures
	}
	var schedules []comparisonSchedule
	for _, r := range c.All() {
		if !r.Feasible {
			continue
		}
		chart, err := ganttSVG(r.Schedule, Origin{Note: "what-if scenario"})
		if err != nil {
			return err
		}
		schedules = append(schedules, comparisonSchedule{Name: r.Name, Cost: compile.Money(c.Currency, r.Cost),
			Delivery: whatif.DeliveryDay(r.Delivery), Chart: chart})
	}
	var buf bytes.Buffer
	err := comparisonPage.Execute(&buf, struct {
		pageData
		Production, Currency, RiskNote string
		Count                          int
		Seed                           uint64
		Tables                         []comparisonTable
		Changes, NoSchedule            []whatif.Result
		Charts                         []template.HTML
		Schedules                      []comparisonSchedule
	}{
		pageData:   pageData{Title: "What if — " + c.Production, Style: pageStyle},
		Production: c.Production, Currency: c.Currency, RiskNote: whatif.RiskNote,
		Count: len(c.Scenarios), Seed: c.Options.Seed, Tables: tables,
		Changes: c.Scenarios, NoSchedule: noSchedule, Charts: charts, Schedules: schedules,
	})
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}
