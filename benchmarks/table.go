package benchmarks

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Format selects how Run prints its table.
type Format string

// Table formats.
const (
	// FormatText aligns columns for a terminal.
	FormatText Format = "text"
	// FormatMarkdown writes a Markdown table, for benchmarks/results/*.md.
	FormatMarkdown Format = "markdown"
	// FormatCSV writes comma-separated values that LoadReference reads
	// back as a reference of previous makespans.
	FormatCSV Format = "csv"
)

// Column headings, in order; cost appears for iMOPSE only.
var columns = []string{"instance", "makespan", "reference", "proven", "dev_ref%", "lb", "dev_lb%", "time", "first_feasible", "cost", "note"}

// table prints Run's rows one at a time, so a long run shows progress. It
// keeps the first write error.
type table struct {
	w      io.Writer
	csv    *csv.Writer
	format Format
	cost   bool
	widths []int
	err    error
}

func newTable(w io.Writer, format Format, kind Kind, files []instanceFile) *table {
	tw := &table{w: w, format: format, cost: kind == KindIMOPSE}
	if format == FormatCSV {
		tw.csv = csv.NewWriter(w)
	}
	tw.widths = make([]int, len(columns))
	for i, c := range columns {
		tw.widths[i] = max(len(c), 7)
	}
	for _, f := range files {
		tw.widths[0] = max(tw.widths[0], len(f.name))
	}
	return tw
}

// cells returns a row's cells, in the order of columns.
func (tw *table) cells(r Result) []string {
	dash := "-"
	c := []string{r.Name, dash, dash, dash, dash, dash, dash, seconds(r.Time), dash, dash, ""}
	if r.Known.Upper > 0 {
		c[2] = strconv.Itoa(r.Known.Upper)
		c[3] = map[bool]string{true: "yes", false: "no"}[r.Known.Optimal]
	}
	if r.LowerBound > 0 {
		c[5] = strconv.Itoa(r.LowerBound)
	}
	if r.Feasible {
		c[1] = strconv.Itoa(r.Makespan)
		if d, ok := r.DevRef(); ok {
			c[4] = fmt.Sprintf("%.2f", d)
		}
		if d, ok := r.DevLB(); ok {
			c[6] = fmt.Sprintf("%.2f", d)
		}
		c[8] = seconds(r.FirstFeasible)
		c[9] = fmt.Sprintf("%.1f", r.Cost)
	}
	switch {
	case r.Err != nil:
		c[10] = strings.ReplaceAll(r.Err.Error(), "\n", " ")
	case r.Feasible && r.Proved:
		c[10] = "proved optimal"
	}
	if tw.format == FormatCSV {
		// Empty, not "-", so that the file reads back as numbers.
		for i := 1; i < len(c); i++ {
			if c[i] == dash {
				c[i] = ""
			}
		}
		c[7], c[8] = strings.TrimSuffix(c[7], "s"), strings.TrimSuffix(c[8], "s")
	}
	if !tw.cost {
		c = append(c[:9], c[10])
	}
	return c
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

func (tw *table) header() {
	c := append([]string(nil), columns...)
	if tw.format == FormatCSV {
		c[4], c[6], c[7], c[8] = "dev_ref", "dev_lb", "time_s", "first_feasible_s"
	}
	if !tw.cost {
		c = append(c[:9], c[10])
	}
	tw.line(c)
	if tw.format == FormatMarkdown {
		rule := make([]string, len(c))
		for i := range rule {
			rule[i] = "---:"
		}
		rule[0], rule[len(rule)-1] = "---", "---"
		tw.line(rule)
	}
}

func (tw *table) row(r Result) { tw.line(tw.cells(r)) }

// line writes one row of cells in the table's format.
func (tw *table) line(c []string) {
	if tw.err != nil {
		return
	}
	var err error
	switch tw.format {
	case FormatCSV:
		if err = tw.csv.Write(c); err == nil {
			tw.csv.Flush()
			err = tw.csv.Error()
		}
	case FormatMarkdown:
		_, err = fmt.Fprintf(tw.w, "| %s |\n", strings.Join(c, " | "))
	default:
		var b strings.Builder
		for i, cell := range c {
			switch {
			case i == len(c)-1:
				b.WriteString(cell)
			case i == 0:
				fmt.Fprintf(&b, "%-*s  ", tw.widths[0], cell)
			default:
				fmt.Fprintf(&b, "%*s  ", tw.widths[i], cell)
			}
		}
		_, err = fmt.Fprintln(tw.w, strings.TrimRight(b.String(), " "))
	}
	tw.err = err
}

// summary ends the table with the summary line (after a blank line in
// Markdown, so that it is not read as a table row).
func (tw *table) summary(s Summary) {
	if tw.err != nil {
		return
	}
	if tw.format == FormatMarkdown {
		_, tw.err = fmt.Fprintf(tw.w, "\n%s\n", s)
		return
	}
	_, tw.err = fmt.Fprintln(tw.w, s)
}
