package compile

import (
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile/compiletest"
	"github.com/pencil-post/pencil/solver"
)

func TestCompactDates(t *testing.T) {
	d := func(m time.Month, day int) model.Date { return model.Date{Year: 2026, Month: m, Day: day} }
	tests := []struct {
		from, to model.Date
		want     string
	}{
		{d(5, 2), d(5, 9), "2–9 May"},
		{d(5, 28), d(6, 3), "28 May–3 Jun"},
		{d(6, 4), d(6, 4), "4 Jun"},
	}
	for _, tt := range tests {
		if got := compactDates(model.DateRange{From: tt.from, To: tt.to}); got != tt.want {
			t.Errorf("compactDates(%v..%v) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestEarliestAfter: the forward pass behind the headline's date.
func TestEarliestAfter(t *testing.T) {
	tests := []struct {
		name    string
		lag     time.Duration
		working bool
		want    solver.Slot
	}{
		{"no lag: the lock's release", 0, false, 3 * 48},
		{"elapsed lag of a day", 24 * time.Hour, false, 4 * 48},
		{"working lag of a day ends at 19:00", 10 * time.Hour, true, 3*48 + 38},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := compiletest.Short()
			lock, adr := p.Sessions[0], p.Sessions[2]
			lock.Release = time.Date(2026, 10, 22, 0, 0, 0, 0, p.Calendar.Location)
			adr.After[0].Lag = model.Lag{Amount: tt.lag, Working: tt.working}
			c, err := Compile(p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range c.Problem.Precedences {
				if pr.To == 2 {
					if got := c.earliestAfter(pr); got != tt.want {
						t.Errorf("earliestAfter = %d (%s), want %d (%s)", got, c.Grid.Time(got), tt.want, c.Grid.Time(tt.want))
					}
				}
			}
		})
	}
}
