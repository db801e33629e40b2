package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/whatif"
)

// Sheet names of the workbooks.
const (
	SheetBySuite     = "By suite"
	SheetByPerson    = "By person"
	SheetCost        = "Cost"
	SheetAbout       = "About"
	SheetComparison  = "Comparison"
	SheetDepartments = "Departments"
	SheetSlack       = "Slack"
)

// workbook wraps an excelize file with the styles the sheets share.
type workbook struct {
	f                 *excelize.File
	bold, date, money int
	err               error
}

func newWorkbook(first string) *workbook {
	wb := &workbook{f: excelize.NewFile()}
	wb.err = wb.f.SetSheetName("Sheet1", first)
	wb.bold = wb.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}})
	fmt1 := "yyyy-mm-dd hh:mm"
	wb.date = wb.style(&excelize.Style{CustomNumFmt: &fmt1})
	fmt2 := "#,##0.00"
	wb.money = wb.style(&excelize.Style{CustomNumFmt: &fmt2})
	return wb
}

func (wb *workbook) style(s *excelize.Style) int {
	id, err := wb.f.NewStyle(s)
	if wb.err == nil {
		wb.err = err
	}
	return id
}

// sheet adds a sheet (the first one exists already).
func (wb *workbook) sheet(name string) {
	if wb.err != nil {
		return
	}
	if idx, _ := wb.f.GetSheetIndex(name); idx < 0 {
		_, wb.err = wb.f.NewSheet(name)
	}
}

// money marks an amount of the production's currency for the money
// number format.
type money float64

// row writes values from column A of row r (from 1); time.Time values
// are written as spreadsheet date-times of their wall clock, money as
// numbers with two decimals. header rows are bold.
func (wb *workbook) row(sheet string, r int, header bool, vals ...any) {
	if wb.err != nil {
		return
	}
	for i, v := range vals {
		cell, err := excelize.CoordinatesToCellName(i+1, r)
		if err != nil {
			wb.err = err
			return
		}
		style := 0
		switch x := v.(type) {
		case time.Time:
			v = time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), 0, time.UTC)
			style = wb.date
		case money:
			v, style = float64(x), wb.money
		}
		if header {
			style = wb.bold
		}
		if err := wb.f.SetCellValue(sheet, cell, v); err != nil {
			wb.err = err
			return
		}
		if style != 0 {
			if err := wb.f.SetCellStyle(sheet, cell, cell, style); err != nil {
				wb.err = err
				return
			}
		}
	}
}

// widths sets column widths from A.
func (wb *workbook) widths(sheet string, ws ...float64) {
	for i, w := range ws {
		if wb.err != nil {
			return
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		wb.err = wb.f.SetColWidth(sheet, col, col, w)
	}
}

// write saves the workbook to w.
func (wb *workbook) write(w io.Writer) error {
	if wb.err != nil {
		return fmt.Errorf("report: xlsx: %w", wb.err)
	}
	wb.f.SetActiveSheet(0)
	if _, err := wb.f.WriteTo(w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return wb.f.Close()
}

// WriteScheduleXLSX writes a workbook with the schedule By suite and By
// person (artistes too): one row per piece worked, in start order within
// each suite or person, with its booking's status, start and end as
// date-times in the production's time zone, and hours; the About sheet
// says where the schedule comes from. A fresh solve adds each piece's
// share of its booking's cost (pro rata by hours) and the Cost sheet: the
// cost terms, departments and resources. A committed plan has no costs
// (the booking store keeps none) and About says so.
func WriteScheduleXLSX(w io.Writer, s *schedule.Schedule, o Origin) error {
	wb := newWorkbook(SheetBySuite)
	wb.bookingSheet(SheetBySuite, "suite", s, o, func(b schedule.Booking) []string { return b.Suites })
	wb.sheet(SheetByPerson)
	wb.bookingSheet(SheetByPerson, "person", s, o, func(b schedule.Booking) []string { return slices.Concat(b.People, b.Artistes) })
	if !o.Committed {
		wb.costSheet(s)
	}
	wb.sheet(SheetAbout)
	wb.row(SheetAbout, 1, true, s.Production, "")
	about := [][]any{{"schedule", o.String()}, {"time zone", s.TimeZone}, {"rows", "one per piece worked: a split booking has a row per run of work"}}
	if o.Committed {
		about = append(about, []any{"cost", costNote})
	}
	for i, r := range about {
		wb.row(SheetAbout, i+2, false, r...)
	}
	wb.widths(SheetAbout, 14, 80)
	return wb.write(w)
}

// costSheet writes the Cost sheet: the total, the cost terms, departments
// and resources.
func (wb *workbook) costSheet(s *schedule.Schedule) {
	wb.sheet(SheetCost)
	r := 1
	wb.row(SheetCost, r, true, s.Production, "amount ("+s.Currency+")")
	r++
	wb.row(SheetCost, r, false, "total", money(s.Cost.Total))
	for _, w := range s.Cost.Weights {
		if w.Amount != 0 { // a search weight, not spend: beside the total, never in it
			r++
			wb.row(SheetCost, r, false, schedule.WeightLabel(w.Name), math.Round(w.Amount))
		}
	}
	r += 2
	for _, part := range []struct {
		title   string
		amounts []schedule.Amount
	}{{"cost term", s.Cost.Terms}, {"department", s.Cost.Departments}, {"suite, person or artiste", s.Cost.Resources}} {
		wb.row(SheetCost, r, true, part.title, "amount ("+s.Currency+")")
		r++
		for _, a := range part.amounts {
			wb.row(SheetCost, r, false, a.Name, money(a.Amount))
			r++
		}
		r++
	}
	wb.widths(SheetCost, 28, 16)
}

// bookingSheet fills a sheet with one row per (resource, piece): the
// resource, the booking (a committed booking's id, a fresh solve's
// session id), its name, episode and status, which piece of how many,
// the piece's start, end and hours, and for a fresh solve the piece's
// share of the booking's cost.
func (wb *workbook) bookingSheet(sheet, what string, s *schedule.Schedule, o Origin, of func(schedule.Booking) []string) {
	type line struct {
		name  string
		b     schedule.Booking
		piece int
	}
	var lines []line
	for _, b := range s.Bookings {
		for _, n := range of(b) {
			for i := range piecesOf(b) {
				lines = append(lines, line{n, b, i})
			}
		}
	}
	slices.SortStableFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.name, b.name), piecesOf(a.b)[a.piece].Start.Compare(piecesOf(b.b)[b.piece].Start))
	})
	id := "session"
	if o.Committed {
		id = "booking"
	}
	header := []any{what, id, "name", "episode", "status", "piece", "start", "end", "hours"}
	if !o.Committed {
		header = append(header, "cost ("+s.Currency+")")
	}
	wb.row(sheet, 1, true, header...)
	for i, l := range lines {
		ps := piecesOf(l.b)
		p := ps[l.piece]
		hours := p.End.Sub(p.Start).Hours()
		vals := []any{l.name, l.b.ID, l.b.Name, l.b.Episode, l.b.Status, fmt.Sprintf("%d of %d", l.piece+1, len(ps)), p.Start, p.End, hours}
		if !o.Committed {
			share := 0.0
			if total := l.b.Hours(); total > 0 {
				share = l.b.Cost * hours / total
			} else if l.piece == 0 {
				share = l.b.Cost
			}
			vals = append(vals, money(share))
		}
		wb.row(sheet, i+2, false, vals...)
	}
	wb.widths(sheet, 22, 26, 26, 9, 13, 8, 17, 17, 8, 12)
	if wb.err == nil {
		wb.err = wb.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

// WriteComparisonXLSX writes a what-if comparison: the Comparison sheet
// (one row per scenario: schedule found, cost, difference from the base,
// delivery, least slack, overtime and weekend hours, sessions moved,
// critical sessions, artiste risk, and why there is no schedule), the
// cost of each department and the working days of slack before each
// delivery. Numbers are numbers, dates are dates.
func WriteComparisonXLSX(w io.Writer, c *whatif.Comparison) error {
	wb := newWorkbook(SheetComparison)
	wb.row(SheetComparison, 1, true, "scenario", "schedule", "cost ("+c.Currency+")", "vs base", "delivery", "min slack (days)",
		"overtime (h)", "weekend (h)", "moved", "critical", "artiste", "artiste slack (days)", "waiting on artiste", "why no schedule")
	for i, r := range c.All() {
		if !r.Feasible {
			wb.row(SheetComparison, i+2, false, r.Name, whatif.NoSchedule, "", "", "", "", "", "", "", "", "", "", "", r.Reason())
			continue
		}
		wb.row(SheetComparison, i+2, false, r.Name, "feasible", money(r.Cost), money(r.Cost-c.Base.Cost), r.Delivery, r.MinSlackDays,
			r.OvertimeHours, r.WeekendHours, r.Moved, r.Risk.Critical, r.Risk.Artiste, r.Risk.ArtisteSlackDays, r.Risk.ArtisteWaiting)
	}
	wb.widths(SheetComparison, 34, 13, 14, 12, 17, 10, 10, 10, 8, 8, 18, 10, 10, 60)
	tables := whatif.Tables(c)
	wb.sheet(SheetDepartments)
	depts := c.Departments()
	wb.row(SheetDepartments, 1, true, append([]any{"scenario"}, anys(depts)...)...)
	for i, r := range c.All() {
		vals := []any{r.Name}
		for _, d := range depts {
			if !r.Feasible {
				vals = append(vals, "")
				continue
			}
			v := money(0)
			for _, a := range r.Departments {
				if a.Name == d {
					v = money(a.Amount)
				}
			}
			vals = append(vals, v)
		}
		wb.row(SheetDepartments, i+2, false, vals...)
	}
	wb.widths(SheetDepartments, 34)
	wb.sheet(SheetSlack)
	slack := tables[2]
	wb.row(SheetSlack, 1, true, anys(slack.Header)...)
	for i, r := range c.All() {
		vals := []any{r.Name}
		for _, n := range slack.Header[1:] {
			var v any = ""
			for _, d := range r.Deadlines {
				if d.Name == n {
					v = d.SlackDays
				}
			}
			vals = append(vals, v)
		}
		wb.row(SheetSlack, i+2, false, vals...)
	}
	wb.widths(SheetSlack, 34)
	return wb.write(w)
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
