package report

import (
	"fmt"
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

// page writes an XHTML page (well-formed XML, so any XML reader can check
// it) around body.
func page(w io.Writer, title, body string) error {
	_, err := fmt.Fprintf(w, `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head>
<meta charset="utf-8"/>
<title>%s</title>
<style>
%s
</style>
</head>
<body>
%s</body>
</html>
`, esc(title), pageStyle, body)
	return err
}

// WriteGanttHTML writes a self-contained HTML page with the schedule's
// Gantt chart (inline SVG), where it comes from, and its delivery; a
// fresh solve's cost too (the booking store keeps no costs).
func WriteGanttHTML(w io.Writer, s *schedule.Schedule, o Origin) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<h1>%s — schedule</h1>\n", esc(s.Production))
	weights := ""
	for _, note := range s.Cost.WeightNotes() {
		weights += " · " + note
	}
	cost := "Cost " + compile.Money(s.Currency, s.Cost.Total) + weights
	if o.Committed {
		cost = costNote
	}
	fmt.Fprintf(&b, `<p class="sub origin">%s</p>`+"\n", esc(o.String()))
	fmt.Fprintf(&b, `<p class="sub">%s · delivery %s · times in %s · solid bars are confirmed, hatched bars are pencils, cross-hatched bars second pencils; hover over a bar for its pieces</p>`+"\n",
		esc(cost), esc(whatif.DeliveryDay(s.Delivery)), esc(s.TimeZone))
	if err := ganttBlock(&b, s, o); err != nil {
		return err
	}
	return page(w, s.Production+" — schedule", b.String())
}

// ganttBlock adds a Gantt chart to a page.
func ganttBlock(b *strings.Builder, s *schedule.Schedule, o Origin) error {
	b.WriteString(`<div class="gantt">` + "\n")
	if err := WriteGanttSVG(b, s, o); err != nil {
		return err
	}
	b.WriteString("</div>\n")
	return nil
}

// WriteComparisonHTML writes one self-contained page for the producer:
// the comparison tables, the cost-against-delivery and cost-by-department
// charts (inline SVG), why any scenario has no schedule, and each
// scenario's Gantt chart.
func WriteComparisonHTML(w io.Writer, c *whatif.Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<h1>What if — %s</h1>\n", esc(c.Production))
	fmt.Fprintf(&b, `<p class="sub">%d scenarios against the base schedule · amounts in %s · seed %d</p>`+"\n",
		len(c.Scenarios), esc(c.Currency), c.Options.Seed)
	for _, t := range whatif.Tables(c) {
		fmt.Fprintf(&b, "<h2>%s</h2>\n<table>\n<tr>", esc(t.Title))
		for _, h := range t.Header {
			fmt.Fprintf(&b, "<th>%s</th>", esc(h))
		}
		b.WriteString("</tr>\n")
		for _, row := range t.Rows {
			class := ""
			if len(row) > 1 && row[1] == whatif.NoSchedule {
				class = ` class="none"`
			}
			fmt.Fprintf(&b, "<tr%s>", class)
			for i, cell := range row {
				if i == 0 || i == len(row)-1 && t.Title == whatif.SummaryTitle {
					fmt.Fprintf(&b, "<td>%s</td>", esc(cell))
				} else {
					fmt.Fprintf(&b, `<td class="n">%s</td>`, esc(cell))
				}
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	fmt.Fprintf(&b, `<p class="sub">%s</p>`+"\n", esc(whatif.RiskNote))
	b.WriteString("<h3>What each scenario changes</h3>\n<ul class=\"why\">\n")
	for _, r := range c.Scenarios {
		note := ""
		if r.Note != "" {
			note = " (" + r.Note + ")"
		}
		fmt.Fprintf(&b, "<li><b>%s</b>: %s%s</li>\n", esc(r.Name), esc(r.Changes), esc(note))
	}
	b.WriteString("</ul>\n")
	for _, r := range c.Scenarios {
		if r.Feasible {
			continue
		}
		fmt.Fprintf(&b, "<h3>No schedule for %s</h3>\n<ul class=\"why\">\n", esc(r.Name))
		if r.Infeasible.Headline != "" {
			fmt.Fprintf(&b, "<li><b>%s</b></li>\n", esc(r.Infeasible.Headline))
		}
		for _, l := range r.Infeasible.Lines {
			fmt.Fprintf(&b, "<li>%s</li>\n", esc(l))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("<h2>Charts</h2>\n")
	for _, chart := range []func(io.Writer, *whatif.Comparison, string) error{WriteCostDeliveryChart, WriteDepartmentChart} {
		svg, err := inlineSVG(c, chart)
		if err != nil {
			return err
		}
		b.WriteString(`<div class="chart">` + svg + "</div>\n")
	}
	for _, r := range c.All() {
		if !r.Feasible {
			continue
		}
		fmt.Fprintf(&b, "<h2>Schedule: %s</h2>\n", esc(r.Name))
		fmt.Fprintf(&b, `<p class="sub">Cost %s · last session ends %s</p>`+"\n",
			esc(compile.Money(c.Currency, r.Cost)), esc(whatif.DeliveryDay(r.Delivery)))
		if err := ganttBlock(&b, r.Schedule, Origin{Note: "what-if scenario"}); err != nil {
			return err
		}
	}
	return page(w, "What if — "+c.Production, b.String())
}
