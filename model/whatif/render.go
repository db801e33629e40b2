package whatif

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/schedule"
)

// Formats understood by Write (XLSX is written by package report).
const (
	FormatText     = "text"
	FormatCSV      = "csv"
	FormatMarkdown = "md"
)

// RiskNote explains the risk columns, under every rendering.
const RiskNote = `Slack is working time a session can slip before a delivery moves, pushing along the work after it and the next booking of each of its suites, crew and artistes. Critical: sessions with under a day of slack. Artiste risk: the artiste whose sessions have the least slack, and how many later sessions wait on them.`

// Write renders c in format (FormatText, FormatCSV or FormatMarkdown).
func Write(w io.Writer, c *Comparison, format string) error {
	switch format {
	case FormatText:
		return WriteText(w, c)
	case FormatCSV:
		return WriteCSV(w, c)
	case FormatMarkdown:
		return WriteMarkdown(w, c)
	}
	return fmt.Errorf("whatif: unknown format %q", format)
}

// Table is one block of a comparison as formatted cells: a title, a
// header row and one row per result.
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
}

// Table titles and the summary's word for a scenario with no schedule.
const (
	SummaryTitle = "Scenarios"
	NoSchedule   = "NO SCHEDULE"
	// NoChange is the summary's word for a cost within the search noise
	// of the base's (see Comparison.NoChange).
	NoChange = "no change"
)

// Tables lays the comparison out as the summary (SummaryTitle), the cost
// per department and the working days of slack before each delivery,
// formatted the way WriteText prints them.
func Tables(c *Comparison) []Table {
	all := c.All()
	summary := Table{Title: SummaryTitle, Header: []string{"scenario", "schedule", "cost", "vs base", "delivery",
		"min slack", "overtime", "weekend", "moved", "critical", "artiste risk"}}
	for _, r := range all {
		summary.Rows = append(summary.Rows, summaryRow(c, r))
	}
	depts := c.Departments()
	dept := Table{Title: "Cost by department", Header: append([]string{"scenario"}, depts...)}
	for _, r := range all {
		row := []string{r.Name}
		for _, d := range depts {
			row = append(row, ifFeasible(r, func() string { return compile.Money(c.Currency, amount(r.Departments, d)) }))
		}
		dept.Rows = append(dept.Rows, row)
	}
	names := deadlineNames(c)
	slack := Table{Title: "Working days of slack before each delivery", Header: append([]string{"scenario"}, names...)}
	for _, r := range all {
		row := []string{r.Name}
		for _, n := range names {
			row = append(row, ifFeasible(r, func() string {
				for _, d := range r.Deadlines {
					if d.Name == n {
						return fmt.Sprintf("%.1f", d.SlackDays)
					}
				}
				return "—"
			}))
		}
		slack.Rows = append(slack.Rows, row)
	}
	return []Table{summary, dept, slack}
}

// summaryRow is one result's line of the summary table.
func summaryRow(c *Comparison, r Result) []string {
	if !r.Feasible {
		return []string{r.Name, NoSchedule, "—", "—", "—", "—", "—", "—", "—", "—", "—"}
	}
	vs, moved := "—", "—"
	if r.Name != BaseName {
		vs = signedMoney(c.Currency, r.Cost-c.Base.Cost)
		if c.NoChange(r) {
			vs = NoChange
		}
		moved = strconv.Itoa(r.Moved)
	}
	return []string{r.Name, "feasible", compile.Money(c.Currency, r.Cost), vs, DeliveryDay(r.Delivery),
		fmt.Sprintf("%.1f d", r.MinSlackDays), fmt.Sprintf("%.0f h", r.OvertimeHours), fmt.Sprintf("%.0f h", r.WeekendHours),
		moved, strconv.Itoa(r.Risk.Critical), artisteRisk(r.Risk)}
}

// DeliveryDay formats the day work ends ("Fri 9 Oct"): an end at
// midnight is the day before.
func DeliveryDay(t time.Time) string { return t.Add(-time.Minute).Format("Mon 2 Jan") }

// artisteRisk sums up Risk's artiste exposure in a few words.
func artisteRisk(r Risk) string {
	if r.Artiste == "" {
		return "—"
	}
	return fmt.Sprintf("%s: %.1f d slack, %d waiting", r.Artiste, r.ArtisteSlackDays, r.ArtisteWaiting)
}

// signedMoney formats a difference with its sign: +£1,200, -£300, £0.
func signedMoney(currency string, d float64) string {
	if d >= 0.5 {
		return "+" + compile.Money(currency, d)
	}
	return compile.Money(currency, d)
}

func ifFeasible(r Result, f func() string) string {
	if !r.Feasible {
		return "—"
	}
	return f()
}

// amount returns the named amount, 0 when absent.
func amount(as []schedule.Amount, name string) float64 {
	for _, a := range as {
		if a.Name == name {
			return a.Amount
		}
	}
	return 0
}

// deadlineNames lists every deadline of any result, base first.
func deadlineNames(c *Comparison) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range c.All() {
		for _, d := range r.Deadlines {
			if !seen[d.Name] {
				seen[d.Name] = true
				out = append(out, d.Name)
			}
		}
	}
	return out
}

// heading is the first line of every rendering.
func heading(c *Comparison) string {
	o := c.Options
	limit := fmt.Sprintf("%d iterations", o.Iterations)
	if o.TimeLimit > 0 {
		limit = fmt.Sprintf("%s per solve", o.TimeLimit)
		if o.Iterations > 0 {
			limit += fmt.Sprintf(" or %d iterations", o.Iterations)
		}
	}
	noise := ""
	if o.NoiseRuns > 0 {
		noise = fmt.Sprintf("; search noise %s over %d seeds", compile.Money(c.Currency, c.Noise), o.NoiseRuns+1)
	}
	return fmt.Sprintf("What if — %s (%s; seed %d, %s%s)", c.Production, c.Currency, o.Seed, limit, noise)
}

// WriteText renders the comparison for people: the summary, the cost per
// department, the slack before each delivery, why each scenario without a
// schedule has none, and what the risk columns mean.
func WriteText(w io.Writer, c *Comparison) error {
	var b strings.Builder
	b.WriteString(heading(c) + "\n")
	for _, t := range Tables(c) {
		b.WriteString("\n" + t.Title + "\n")
		writeAligned(&b, append([][]string{t.Header}, t.Rows...))
	}
	writeNotes(&b, c, "", "  ")
	b.WriteString("\n" + RiskNote + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeNotes says what each scenario changes (and its note), then gives
// each infeasible scenario's explanation.
func writeNotes(b *strings.Builder, c *Comparison, bullet, indent string) {
	b.WriteString("\nWhat each scenario changes:\n")
	item := bullet // a Markdown list item, or an indented line of text
	if item == "" {
		item = indent
	}
	for _, r := range c.Scenarios {
		fmt.Fprintf(b, "%s%s: %s", item, r.Name, r.Changes)
		if r.Note != "" {
			fmt.Fprintf(b, " (%s)", r.Note)
		}
		b.WriteString("\n")
	}
	for _, r := range c.Scenarios {
		if r.Feasible {
			continue
		}
		fmt.Fprintf(b, "\n%sNo schedule for %q:\n", bullet, r.Name)
		if r.Infeasible.Headline != "" {
			fmt.Fprintf(b, "%s%s\n", indent, r.Infeasible.Headline)
		}
		for _, l := range r.Infeasible.Lines {
			fmt.Fprintf(b, "%s%s\n", indent, l)
		}
	}
}

// writeAligned pads columns to their widest cell; the first column is
// left-aligned, the others right-aligned except text columns.
func writeAligned(b *strings.Builder, rows [][]string) {
	widths := map[int]int{}
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i > 0 {
				line.WriteString("  ")
			}
			if i == 0 || i == len(row)-1 {
				line.WriteString(cell + pad)
			} else {
				line.WriteString(pad + cell)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// WriteMarkdown renders the same tables as WriteText in GitHub Markdown.
func WriteMarkdown(w io.Writer, c *Comparison) error {
	var b strings.Builder
	b.WriteString("# " + heading(c) + "\n")
	for _, t := range Tables(c) {
		fmt.Fprintf(&b, "\n## %s\n\n", t.Title)
		b.WriteString("| " + strings.Join(mdCells(t.Header), " | ") + " |\n")
		b.WriteString("|" + strings.Repeat(" --- |", len(t.Header)) + "\n")
		for _, row := range t.Rows {
			b.WriteString("| " + strings.Join(mdCells(row), " | ") + " |\n")
		}
	}
	writeNotes(&b, c, "- ", "  - ")
	b.WriteString("\n" + RiskNote + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCells escapes pipes in table cells.
func mdCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.ReplaceAll(c, "|", `\|`)
	}
	return out
}

// WriteCSV renders one row per result under a header row: scenario,
// feasible, cost, cost_vs_base, delivery (RFC 3339), min_slack_days,
// overtime_hours, weekend_hours, moved, critical, artiste,
// artiste_slack_days, artiste_waiting, one cost_<department> column per
// department, one slack_<deadline> column per deadline, and reason (why
// there is no schedule). Amounts are plain numbers in the production's
// currency.
func WriteCSV(w io.Writer, c *Comparison) error {
	depts, names := c.Departments(), deadlineNames(c)
	header := []string{"scenario", "feasible", "cost", "cost_vs_base", "delivery", "min_slack_days", "overtime_hours",
		"weekend_hours", "moved", "critical", "artiste", "artiste_slack_days", "artiste_waiting"}
	for _, d := range depts {
		header = append(header, "cost_"+d)
	}
	for _, n := range names {
		header = append(header, "slack_"+strings.ReplaceAll(n, " ", "_"))
	}
	header = append(header, "reason")
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, r := range c.All() {
		row := []string{r.Name, strconv.FormatBool(r.Feasible)}
		if r.Feasible {
			row = append(row, num(round2(r.Cost)), num(round2(r.Cost-c.Base.Cost)), r.Delivery.Format("2006-01-02T15:04:05Z07:00"),
				num(r.MinSlackDays), num(r.OvertimeHours), num(r.WeekendHours), strconv.Itoa(r.Moved),
				strconv.Itoa(r.Risk.Critical), r.Risk.Artiste, num(r.Risk.ArtisteSlackDays), strconv.Itoa(r.Risk.ArtisteWaiting))
			for _, d := range depts {
				row = append(row, num(round2(amount(r.Departments, d))))
			}
			for _, n := range names {
				v := ""
				for _, d := range r.Deadlines {
					if d.Name == n {
						v = num(d.SlackDays)
					}
				}
				row = append(row, v)
			}
			row = append(row, "")
		} else {
			row = append(row, make([]string, 11+len(depts)+len(names))...)
			row = append(row, reason(r))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// reason is an infeasible result's explanation on one line.
func reason(r Result) string {
	if r.Infeasible == nil {
		return ""
	}
	parts := r.Infeasible.Lines
	if r.Infeasible.Headline != "" {
		parts = append([]string{r.Infeasible.Headline}, parts...)
	}
	return strings.Join(parts, "; ")
}

// Reason returns why a result has no schedule, on one line ("" when it
// has one).
func (r Result) Reason() string { return reason(r) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }
