package compile_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile/compiletest"
	"github.com/pencil-post/pencil/solver"
)

// rateOf compiles p and returns the compiled rate card of resource id.
func rateOf(t *testing.T, p *model.Project, id string) solver.RateCard {
	t.Helper()
	c := mustCompile(t, p)
	for r, info := range c.Resources {
		if info.ID == id {
			return c.Problem.Resources[r].Rate
		}
	}
	t.Fatalf("no resource %q", id)
	return solver.RateCard{}
}

// TestClockBands: bands by the clock become a multiplier per slot of the
// day, standard inside the calendar's hours (09:00-19:00), the last band
// of the evening carried past midnight, a band starting mid-slot paid pro
// rata.
func TestClockBands(t *testing.T) {
	p := compiletest.Short()
	p.People[0].Rate.ClockOvertime = []model.ClockBand{
		{From: 6 * 60, Multiplier: 1.5}, {From: 19 * 60, Multiplier: 1.5},
		{From: 20*60 + 15, Multiplier: 1.8}, {From: 21 * 60, Multiplier: 2},
	}
	x := rateOf(t, p, "ines").ClockX
	if len(x) != 48 {
		t.Fatalf("ClockX has %d slots, want 48", len(x))
	}
	for _, tt := range []struct {
		slot int
		want float64
	}{{0, 2}, {4, 2}, {11, 2}, {12, 1.5}, {17, 1.5}, {18, 1}, {37, 1}, {38, 1.5}, {40, 1.65}, {41, 1.8}, {42, 2}, {47, 2}} {
		if math.Abs(x[tt.slot]-tt.want) > 1e-9 {
			t.Errorf("slot %d (%02d:%02d): x %v, want %v", tt.slot, tt.slot/2, tt.slot%2*30, x[tt.slot], tt.want)
		}
	}
	if x := rateOf(t, compiletest.Short(), "ines").ClockX; x != nil {
		t.Errorf("a card without clock bands has ClockX %v", x)
	}
}

// TestWeekCap: max_per_week becomes a cap in slots and is named in the
// working-time group an explanation shows.
func TestWeekCap(t *testing.T) {
	p := compiletest.Short()
	p.People[0].Rules.MaxPerWeek = 50 * time.Hour
	c := mustCompile(t, p)
	for r, info := range c.Resources {
		if info.ID != "ines" {
			continue
		}
		res := c.Problem.Resources[r]
		if res.Rules.MaxSlotsPerWeek != 100 {
			t.Errorf("MaxSlotsPerWeek %d, want 100", res.Rules.MaxSlotsPerWeek)
		}
		if g := c.Problem.Groups[res.RulesGroup].Label; !strings.Contains(g, "at most 50h a week") {
			t.Errorf("group %q does not name the week cap", g)
		}
	}
}
