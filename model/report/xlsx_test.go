package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pencil-post/pencil/model/schedule"
)

// cells reads the given cells of a sheet as text.
func cells(t *testing.T, f *excelize.File, sheet string, refs ...string) []string {
	t.Helper()
	out := make([]string, len(refs))
	for i, r := range refs {
		v, err := f.GetCellValue(sheet, r)
		if err != nil {
			t.Fatalf("%s!%s: %v", sheet, r, err)
		}
		out[i] = v
	}
	return out
}

func reopen(t *testing.T, b *bytes.Buffer) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestScheduleXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := WriteScheduleXLSX(&b, fixtureSchedule(), Origin{}); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, &b)
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetBySuite, SheetByPerson, SheetCost, SheetAbout}) {
		t.Fatalf("sheets %q", got)
	}
	for _, tt := range []struct {
		sheet string
		refs  []string
		want  []string
	}{
		{SheetBySuite, []string{"A1", "B1", "F1", "G1", "J1"}, []string{"suite", "session", "piece", "start", "cost (GBP)"}},
		// Suites in name order: ADR Stage, Cutting Room 1 (three pieces), Dubbing Theatre, Grade 1.
		{SheetBySuite, []string{"A2", "B2", "E2", "F2", "G2", "H2", "I2"}, []string{"ADR Stage", "ep2/adr", "pencil", "1 of 1", "2026-06-10 10:00", "2026-06-10 14:00", "4"}},
		{SheetBySuite, []string{"A3", "B3", "E3", "F3", "G3", "H3", "J3"}, []string{"Cutting Room 1", "ep1/assembly", "confirmed", "1 of 3", "2026-06-01 09:00", "2026-06-01 19:00", "520.00"}},
		{SheetBySuite, []string{"A5", "F5", "G5", "H5"}, []string{"Cutting Room 1", "3 of 3", "2026-06-03 09:00", "2026-06-03 19:00"}},
		{SheetBySuite, []string{"A10"}, []string{""}},
		{SheetByPerson, []string{"A1", "A2", "B2", "A4", "B4", "A6", "B6", "A7"}, []string{"person", "Inès Moreau", "ep1/grade", "Lena Berg", "ep2/mix", "Maya Rees", "ep2/adr", "Mo Harris"}},
		{SheetCost, []string{"A2", "B2", "A4", "A5", "B5", "A8", "B10"}, []string{"total", "15,780.00", "cost term", "rate cards", "13,780.00", "department", "4,300.00"}},
		{SheetAbout, []string{"A1", "B2", "B3"}, []string{"Harbour & Sons", "fresh solve, not committed", "Europe/London"}},
	} {
		if got := cells(t, f, tt.sheet, tt.refs...); !equal(got, tt.want) {
			t.Errorf("%s %v = %q, want %q", tt.sheet, tt.refs, got, tt.want)
		}
	}
	// Amounts are numbers, not text.
	if typ, _ := f.GetCellType(SheetBySuite, "J3"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("cost is stored as text")
	}
}

// TestScheduleXLSXTruth checks every row of By suite and By person
// against the schedule: one row per piece of each booking on each of its
// suites, people and artistes, with the booking's status and the piece's
// exact start, end and hours; a committed plan has no cost and says so.
func TestScheduleXLSXTruth(t *testing.T) {
	for _, tt := range []struct {
		name   string
		s      *schedule.Schedule
		o      Origin
		sheets []string
	}{
		{"fresh solve", fixtureSchedule(), Origin{}, []string{SheetBySuite, SheetByPerson, SheetCost, SheetAbout}},
		{"committed plan", committedFixture(), Origin{Committed: true, Run: 7, At: at(3, 10)}, []string{SheetBySuite, SheetByPerson, SheetAbout}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteScheduleXLSX(&b, tt.s, tt.o); err != nil {
				t.Fatal(err)
			}
			f := reopen(t, &b)
			if got := f.GetSheetList(); !slices.Equal(got, tt.sheets) {
				t.Fatalf("sheets %q, want %q", got, tt.sheets)
			}
			for _, sh := range []struct {
				sheet string
				of    func(schedule.Booking) []string
			}{
				{SheetBySuite, func(b schedule.Booking) []string { return b.Suites }},
				{SheetByPerson, func(b schedule.Booking) []string { return slices.Concat(b.People, b.Artistes) }},
			} {
				checkRows(t, f, sh.sheet, tt.s, tt.o, sh.of)
			}
			about, err := f.GetRows(SheetAbout)
			if err != nil {
				t.Fatal(err)
			}
			text := fmt.Sprint(about)
			if !strings.Contains(text, tt.o.String()) || strings.Contains(text, costNote) != tt.o.Committed {
				t.Errorf("About %q: want %q, and the cost note only for a committed plan", text, tt.o.String())
			}
		})
	}
}

// checkRows compares a sheet's rows with the pieces of the schedule.
func checkRows(t *testing.T, f *excelize.File, sheet string, s *schedule.Schedule, o Origin, of func(schedule.Booking) []string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, bk := range s.Bookings {
		for _, who := range of(bk) {
			for i, p := range bk.Pieces {
				key := strings.Join([]string{who, bk.ID, string(bk.Status), fmt.Sprintf("%d of %d", i+1, len(bk.Pieces)),
					p.Start.Format("2006-01-02 15:04"), p.End.Format("2006-01-02 15:04"), fmt.Sprint(p.End.Sub(p.Start).Hours())}, "|")
				want[key]++
			}
		}
	}
	if hasCost := slices.Contains(rows[0], "cost ("+s.Currency+")"); hasCost == o.Committed {
		t.Errorf("%s header %q: a cost column only for a fresh solve", sheet, rows[0])
	}
	for _, r := range rows[1:] {
		key := strings.Join([]string{r[0], r[1], r[4], r[5], r[6], r[7], r[8]}, "|")
		if want[key] == 0 {
			t.Errorf("%s row %q is no piece of the schedule", sheet, r)
		}
		want[key]--
	}
	for k, n := range want {
		if n > 0 {
			t.Errorf("%s has no row for %s", sheet, k)
		}
	}
}

func TestComparisonXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := WriteComparisonXLSX(&b, fixtureComparison()); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, &b)
	for _, tt := range []struct {
		sheet string
		refs  []string
		want  []string
	}{
		{SheetComparison, []string{"A1", "C1", "E1"}, []string{"scenario", "cost (GBP)", "delivery"}},
		{SheetComparison, []string{"A2", "B2", "C2", "D2", "E2", "F2", "I2"}, []string{"base", "feasible", "15,780.00", "0.00", "2026-06-16 19:00", "3", "0"}},
		{SheetComparison, []string{"A3", "C3", "D3", "I3", "J3", "K3", "L3", "M3"}, []string{"Cheaper colourist", "14,900.00", "-880.00", "2", "1", "Maya Rees", "2.5", "3"}},
		{SheetComparison, []string{"A5", "B5", "C5", "N5"}, []string{"Grade capped at £1k", "NO SCHEDULE", "", "budget cap: grade budget capped at £1,000"}},
		{SheetDepartments, []string{"A1", "B1", "C1", "D1", "C3", "C5"}, []string{"scenario", "picture", "grade", "sound", "3,420.00", ""}},
		{SheetSlack, []string{"A1", "B1", "B2", "B4", "B5"}, []string{"scenario", "delivery", "3", "7", ""}},
	} {
		if got := cells(t, f, tt.sheet, tt.refs...); !equal(got, tt.want) {
			t.Errorf("%s %v = %q, want %q", tt.sheet, tt.refs, got, tt.want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
