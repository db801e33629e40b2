package compile_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/compile/compiletest"
	"github.com/pencil-post/pencil/solver"
)

func mustCompile(t *testing.T, p *model.Project) *compile.Compiled {
	t.Helper()
	c, err := compile.Compile(p, compile.Options{})
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return c
}

func TestCompileShort(t *testing.T) {
	c := mustCompile(t, compiletest.Short())
	p := c.Problem
	if !p.Frozen() {
		t.Fatal("problem not frozen")
	}
	// 19 Oct (Mon) to 30 Oct (Fri) inclusive: 12 days of 48 slots.
	if p.Slots != 12*48 || p.Calendar.SlotsPerDay != 48 || p.Calendar.WeekOffset != 0 {
		t.Errorf("slots %d, per day %d, week offset %d", p.Slots, p.Calendar.SlotsPerDay, p.Calendar.WeekOffset)
	}
	wantDays := []solver.DayKind{0, 0, 0, 0, 0, solver.Weekend, solver.Weekend, 0, 0, 0, 0, 0}
	for d, k := range wantDays {
		if p.Calendar.Days[d] != k {
			t.Errorf("day %d kind %d, want %d", d, p.Calendar.Days[d], k)
		}
	}
	for _, tt := range []struct {
		slot    solver.Slot
		working bool
	}{{17, false}, {18, true}, {37, true}, {38, false}, {5*48 + 20, false}, {7*48 + 18, true}} {
		if got := p.Calendar.Working.Has(tt.slot); got != tt.working {
			t.Errorf("Working.Has(%d) = %v", tt.slot, got)
		}
	}

	byID := map[string]solver.TaskID{}
	for i, ti := range c.Tasks {
		byID[ti.ID] = solver.TaskID(i)
	}
	grade, adr, lock := p.Tasks[byID["grade"]], p.Tasks[byID["adr"]], p.Tasks[byID["picture-lock"]]
	if grade.Duration != 40 || !grade.Split || grade.MinChunk != 20 {
		t.Errorf("grade: duration %d split %v chunk %d", grade.Duration, grade.Split, grade.MinChunk)
	}
	if lock.Duration != 0 || !c.Tasks[byID["picture-lock"]].Milestone {
		t.Errorf("picture lock is not a milestone: %+v", lock)
	}
	// A milestone falls at 09:00 or 19:00 of a working day: Thursday
	// 22 October is day 3, Saturday 24 October day 5.
	for s, want := range map[solver.Slot]bool{3*48 + 18: true, 3*48 + 38: true, 3*48 + 24: false, 5*48 + 38: false, 3 * 48: false} {
		if lock.Window.Has(s) != want {
			t.Errorf("picture lock may fall at slot %d: %v, want %v", s, !want, want)
		}
	}
	if adr.Duration != 8 || adr.Deadline != solver.Slot(12*48) || len(adr.Demands) != 3 {
		t.Errorf("adr: duration %d deadline %d demands %d", adr.Duration, adr.Deadline, len(adr.Demands))
	}
	// The ADR window is 10:00-18:00 on working days.
	if adr.Window.Has(19) || !adr.Window.Has(20) || !adr.Window.Has(35) || adr.Window.Has(36) || adr.Window.Has(5*48+24) {
		t.Error("adr window is not 10:00-18:00 on working days")
	}
	// Maya is available on 26 and 27 Oct only (days 7 and 8), 09:00-19:00.
	maya := p.Resources[adr.Demands[2].Candidates[0]]
	if maya.Name != "Maya Rees" || maya.Available.Has(6*48+20) || !maya.Available.Has(7*48+20) || !maya.Available.Has(8*48+37) || maya.Available.Has(9*48+20) {
		t.Errorf("artiste availability wrong for %s", maya.Name)
	}
	if maya.Rate.PerTask != 600 || maya.Rate.Travel != 220 {
		t.Errorf("artiste fee %+v", maya.Rate)
	}
	adrSuite := p.Resources[adr.Demands[0].Candidates[0]]
	if adrSuite.Rate.MinimumCall != 8 || adrSuite.Rate.Hour != 180 || adrSuite.Rate.DaySlots != 20 {
		t.Errorf("adr suite rate %+v", adrSuite.Rate)
	}
	if len(p.Precedences) != 2 || len(p.Budgets) != 1 || p.Budgets[0].Department != -1 || p.Objective.OverheadPerDay != 100 {
		t.Errorf("precedences %d budgets %+v overhead %v", len(p.Precedences), p.Budgets, p.Objective.OverheadPerDay)
	}
	label := p.Groups[maya.AvailabilityGroup]
	if label.Kind != compile.KindArtisteAvailability || !strings.Contains(label.Label, "Maya Rees's dates from their agent: only 2026-10-26..2026-10-27 (short.yaml:") {
		t.Errorf("artiste availability group %+v", label)
	}
	if g := p.Groups[adr.Demands[2].Group]; g.Label != "ADR needs artiste Maya Rees (short.yaml:16:3)" {
		t.Errorf("artiste demand group %q", g.Label)
	}
}

// TestCompileProblems: what cannot be compiled is reported with the
// session's position, as a model.ValidationError.
func TestCompileProblems(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(p *model.Project)
		want   string
	}{
		{
			name: "window leaves no slot",
			break_: func(p *model.Project) {
				p.Sessions[2].Deadline = time.Date(2026, 10, 19, 9, 30, 0, 0, p.Calendar.Location)
			},
			want: "short.yaml:16:3: sessions.adr.window: ADR: the window 10:00-18:00 leaves no slot between its start and deadline (hint: widen the window or move the dates)",
		},
		{
			name:   "unsplit session longer than its window",
			break_: func(p *model.Project) { p.Sessions[2].Duration = 9 * time.Hour },
			want:   "short.yaml:16:3: sessions.adr.window: ADR runs 9h unbroken but its window 10:00-18:00 is at most 8h long (hint: allow split: { min: ... } or widen the window)",
		},
		{
			name: "deadline before the start",
			break_: func(p *model.Project) {
				p.Sessions[1].Deadline = time.Date(2026, 10, 1, 0, 0, 0, 0, p.Calendar.Location)
			},
			want: "short.yaml:13:3: sessions.grade.deadline: Grade must end by Thu 1 Oct 2026 00:00 but cannot start before Mon 19 Oct 2026 00:00 (hint: move the deadline or the production start)",
		},
		{
			name:   "no suite of the kind",
			break_: func(p *model.Project) { p.Sessions[2].SuiteKind = "foley" },
			want:   "short.yaml:16:3: sessions.adr.needs: ADR needs a foley suite but there is none (hint: add a suite of that kind or name a suite)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := compiletest.Short()
			tt.break_(p)
			_, err := compile.Compile(p, compile.Options{})
			var verr *model.ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, model.ErrInvalid) {
				t.Fatalf("err = %v, want a *model.ValidationError", err)
			}
			if len(verr.Problems) != 1 || verr.Problems[0].String() != tt.want {
				t.Errorf("problems:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

// TestCompileBookings: a confirmed booking pins, a pencil is the previous
// placement with a move cost, a released booking is ignored.
func TestCompileBookings(t *testing.T) {
	p := compiletest.Short()
	loc := p.Calendar.Location
	grade, adr := p.Sessions[1], p.Sessions[2]
	p.Bookings = []*model.Booking{
		{ID: "B-1", Session: grade, Status: booking.Confirmed, Start: time.Date(2026, 10, 23, 9, 0, 0, 0, loc),
			Suite: p.Suites[0], People: []*model.Person{p.People[0]}, Pos: model.Pos{File: "short.yaml", Line: 40, Col: 5}},
		{ID: "B-2", Session: adr, Status: booking.SecondPencil, Start: time.Date(2026, 10, 26, 10, 0, 0, 0, loc),
			Suite: p.Suites[1], Artistes: []*model.Artiste{p.Artistes[0]}},
		{ID: "B-3", Session: adr, Status: booking.Released, Start: time.Date(2026, 10, 27, 10, 0, 0, 0, loc)},
	}
	c := mustCompile(t, p)
	g, a := c.Problem.Tasks[1], c.Problem.Tasks[2]
	if g.Pin == nil || g.Pin.Start != 4*48+18 || len(g.Pin.Resources) != 2 || g.PinGroup == solver.NoGroup {
		t.Fatalf("grade pin %+v", g.Pin)
	}
	if got := c.Problem.Groups[g.PinGroup].Label; got != "booking B-1: Grade confirmed for Fri 23 Oct 2026 09:00 (short.yaml:40:5)" {
		t.Errorf("pin label %q", got)
	}
	if a.Pin != nil || a.Previous == nil || a.Previous.Start != 7*48+20 || a.MoveCost != compile.DefaultPencilMoveCost/2 {
		t.Errorf("adr previous %+v move cost %v", a.Previous, a.MoveCost)
	}
	// The pencil named no ADR mixer: the first candidate tops it up.
	if len(a.Previous.Resources) != 3 || a.Previous.Resources[1] != a.Demands[1].Candidates[0] {
		t.Errorf("adr previous resources %v", a.Previous.Resources)
	}
	if c.Tasks[1].Booking != "B-1" || c.Tasks[2].Booking != "B-2" {
		t.Errorf("booking ids %q %q", c.Tasks[1].Booking, c.Tasks[2].Booking)
	}
	if w := c.WarmStart; len(w) != 3 || w[0].Start != -1 || w[1].Start != g.Pin.Start || w[2].Start != a.Previous.Start {
		t.Errorf("warm start %+v", w)
	}
}

func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		cur  string
		amt  float64
		want string
	}{{"GBP", 1234567.4, "£1,234,567"}, {"EUR", 999.5, "€1,000"}, {"USD", 0, "$0"}, {"NOK", -1500, "-NOK 1,500"}, {"GBP", 100, "£100"}} {
		if got := compile.Money(tt.cur, tt.amt); got != tt.want {
			t.Errorf("Money(%q, %v) = %q, want %q", tt.cur, tt.amt, got, tt.want)
		}
	}
}

func TestExplain(t *testing.T) {
	c := mustCompile(t, compiletest.Short())
	adr := c.Problem.Tasks[2]
	maya := c.Problem.Resources[adr.Demands[2].Candidates[0]]
	lines := c.Explain([]solver.GroupID{adr.Demands[2].Group, maya.AvailabilityGroup, 9999})
	want := []string{
		"artiste needed: ADR needs artiste Maya Rees (short.yaml:16:3)",
		"artiste availability: Maya Rees's dates from their agent: only 2026-10-26..2026-10-27 (short.yaml:10:3)",
		"constraint group 9999",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("Explain:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	conflict := []solver.GroupID{adr.Demands[2].Group, maya.AvailabilityGroup}
	for _, tt := range []struct {
		sure          solver.Certainty
		want, wantNot []string
	}{
		{solver.Confirmed, []string{"No schedule exists", "  - artiste needed: ADR needs artiste Maya Rees", "Relax any one"}, []string{"robabl"}},
		{solver.Probable, []string{"Probably: ", "probably these constraints", "  - artiste needed: ADR needs artiste Maya Rees", "probably lets the rest"}, []string{"No schedule exists", "Relax any one"}},
		{solver.NotMinimal, []string{"probably cannot all hold", "not all of them are needed", "  - artiste availability"}, []string{"No schedule exists", "Relax any one"}},
		{solver.Refuted, []string{"could not narrow down why"}, []string{"artiste needed", "No schedule exists"}},
	} {
		t.Run(tt.sure.String(), func(t *testing.T) {
			var b strings.Builder
			if err := c.WriteExplanation(&b, conflict, tt.sure); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("explanation lacks %q:\n%s", w, b.String())
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(b.String(), w) {
					t.Errorf("explanation has %q:\n%s", w, b.String())
				}
			}
		})
	}
}

// TestSuiteAvailability: opening hours, closed days and maintenance
// blocks (rounded out to whole slots) come off a suite's availability.
func TestSuiteAvailability(t *testing.T) {
	p := compiletest.Short()
	loc := p.Calendar.Location
	grade := p.Suites[0]
	grade.Hours = model.ClockRange{Start: 8 * 60, End: 20 * 60}
	grade.Closed = []model.DateRange{{From: model.Date{Year: 2026, Month: 10, Day: 21}, To: model.Date{Year: 2026, Month: 10, Day: 21}}}
	grade.Maintenance = []model.TimeRange{{Start: time.Date(2026, 10, 22, 9, 15, 0, 0, loc), End: time.Date(2026, 10, 22, 13, 0, 0, 0, loc)}}
	c := mustCompile(t, p)
	avail := c.Problem.Resources[0].Available
	tests := []struct {
		name string
		slot solver.Slot
		want bool
	}{
		{"before opening", 15, false},
		{"at opening", 16, true},
		{"last slot open", 39, true},
		{"after closing", 40, false},
		{"closed day", 2*48 + 20, false},
		{"before maintenance", 3*48 + 17, true},
		{"maintenance starts mid-slot", 3*48 + 18, false},
		{"maintenance", 3*48 + 25, false},
		{"after maintenance", 3*48 + 26, true},
	}
	for _, tt := range tests {
		if got := avail.Has(tt.slot); got != tt.want {
			t.Errorf("%s: Has(%d) = %v", tt.name, tt.slot, got)
		}
	}
	if got := c.Problem.Groups[c.Problem.Resources[0].AvailabilityGroup].Label; !strings.Contains(got, "suite Grade A: open 08:00-20:00, closed 2026-10-21, maintenance 2026-10-22T09:15..2026-10-22T13:00") {
		t.Errorf("label %q", got)
	}
}

func TestHeadline(t *testing.T) {
	c := mustCompile(t, compiletest.Short())
	p := c.Problem
	adr := p.Tasks[2]
	maya := p.Resources[adr.Demands[2].Candidates[0]]
	var order solver.GroupID = -1
	for _, pr := range p.Precedences {
		if pr.To == 2 {
			order = pr.Group
		}
	}
	tests := []struct {
		name     string
		conflict []solver.GroupID
		want     string
	}{
		{"artiste after a milestone", []solver.GroupID{adr.Demands[2].Group, maya.AvailabilityGroup, order},
			"ADR needs artiste Maya Rees after Picture lock; their agent gave only 26–27 Oct"},
		{"artiste alone", []solver.GroupID{maya.AvailabilityGroup, adr.Demands[2].Group},
			"ADR needs artiste Maya Rees; their agent gave only 26–27 Oct"},
		{"no artiste in the conflict", []solver.GroupID{adr.Demands[0].Group, order}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Headline(tt.conflict); got != tt.want {
				t.Errorf("Headline = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHorizonCap(t *testing.T) {
	p := compiletest.Short()
	p.Productions[0].Delivery = model.Date{Year: 2062, Month: 10, Day: 30}
	_, err := compile.Compile(p, compile.Options{})
	var verr *model.ValidationError
	if !errors.As(err, &verr) || len(verr.Problems) != 1 {
		t.Fatalf("err = %v, want one problem", err)
	}
	want := "short.yaml:12:3: delivery: the schedule would run 13161 days, from 2026-10-19 to 2062-10-30; pencil plans at most 1098 (hint: check the years of the start, delivery and deadlines)"
	if got := verr.Problems[0].String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
