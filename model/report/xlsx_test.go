package report

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
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
	if err := WriteScheduleXLSX(&b, fixtureSchedule()); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, &b)
	if got := f.GetSheetList(); len(got) != 3 || got[0] != SheetBySuite || got[1] != SheetByPerson || got[2] != SheetCost {
		t.Fatalf("sheets %q", got)
	}
	for _, tt := range []struct {
		sheet string
		refs  []string
		want  []string
	}{
		{SheetBySuite, []string{"A1", "B1", "F1", "I1"}, []string{"suite", "session", "start", "cost (GBP)"}},
		// Suites in name order: ADR Stage, Cutting Room 1, Dubbing Theatre, Grade 1.
		{SheetBySuite, []string{"A2", "B2", "E2", "F2", "G2", "H2"}, []string{"ADR Stage", "ep2/adr", "pencil", "2026-06-10 10:00", "2026-06-10 14:00", "4"}},
		{SheetBySuite, []string{"A3", "B3", "E3", "F3", "I3"}, []string{"Cutting Room 1", "ep1/assembly", "confirmed", "2026-06-01 09:00", "1,560.00"}},
		{SheetBySuite, []string{"A6"}, []string{""}},
		{SheetByPerson, []string{"A1", "A2", "B2", "A4", "B4", "A5"}, []string{"person", "Inès Moreau", "ep1/grade", "Maya Rees", "ep2/adr", "Mo Harris"}},
		{SheetCost, []string{"A2", "B2", "A4", "A5", "B5", "A8", "B10"}, []string{"total", "15,780.00", "cost term", "rate cards", "13,780.00", "department", "4,300.00"}},
	} {
		if got := cells(t, f, tt.sheet, tt.refs...); !equal(got, tt.want) {
			t.Errorf("%s %v = %q, want %q", tt.sheet, tt.refs, got, tt.want)
		}
	}
	// Amounts are numbers, not text.
	if typ, _ := f.GetCellType(SheetBySuite, "I3"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("cost is stored as text")
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
