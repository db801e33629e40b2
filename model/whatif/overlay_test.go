package whatif

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
)

const featureFile = "../../testdata/feature.yaml"

// applyYAML parses one scenario's overlays and applies them to a fresh
// copy of testdata/feature.yaml.
func applyYAML(t *testing.T, overlays string) (*model.Project, error) {
	t.Helper()
	sc, err := Parse("s.yaml", []byte("scenarios:\n  - name: x\n"+overlays))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	p, err := model.Load(featureFile)
	if err != nil {
		t.Fatal(err)
	}
	return p, sc[0].Apply(p)
}

func TestApply(t *testing.T) {
	for _, tt := range []struct {
		name, overlays string
		check          func(*model.Project) string // "" when as expected
	}{
		{"budget", "    budget: { total: 250000, caps: { grade: 20000, adr: 0, vfx: 5000 } }\n", func(p *model.Project) string {
			b := p.Productions[0].Budget
			var caps []string
			for _, c := range b.Caps {
				caps = append(caps, fmt.Sprintf("%s=%.0f", c.Department, c.Limit))
			}
			if b.Total != 250000 || strings.Join(caps, ",") != "grade=20000,sound=75000,vfx=5000" {
				return fmt.Sprintf("total %.0f, caps %s", b.Total, strings.Join(caps, ","))
			}
			return ""
		}},
		{"add person and suite", "    add_people: [{ copy: ines, id: kit, name: Kit Lamb }]\n    add_suites: [{ copy: grade-a, id: grade-b }]\n", func(p *model.Project) string {
			kit, g := p.Person("kit"), p.Suite("grade-b")
			if kit == nil || g == nil || !kit.HasRole("colourist") || kit.Rate.Day != p.Person("ines").Rate.Day || g.Kind != "grade" || g.Name != "grade-b" || len(g.Maintenance) != 0 {
				return "copies not as expected"
			}
			return ""
		}},
		{"remove person", "    remove_people: [kai]\n", func(p *model.Project) string {
			if p.Person("kai") != nil || len(p.People) != 10 {
				return "kai still there"
			}
			return ""
		}},
		{"remove a booked suite releases its bookings", "    remove_suites: [offline-1]\n", func(p *model.Project) string {
			for _, b := range p.Bookings {
				if b.ID == "B-0101" {
					return "B-0101 (booked in offline-1) kept"
				}
			}
			return ""
		}},
		{"move deliveries", "    move_deliveries: -2w\n", func(p *model.Project) string {
			if got := p.Productions[0].Delivery.String(); got != "2026-07-31" {
				return "delivery " + got
			}
			if got := p.Session("qc").Deadline.Format(time.DateTime); got != "2026-08-01 00:00:00" {
				return "qc deadline " + got
			}
			return ""
		}},
		{"deadline", "    deadlines: { grade: 2026-06-30 }\n", func(p *model.Project) string {
			if got := p.Session("grade").Deadline.Format(time.DateTime); got != "2026-07-01 00:00:00" {
				return "grade deadline " + got
			}
			return ""
		}},
		{"rates", "    rates: { ines: { day: 950, kit: 40 }, adr-1: { hour: 200 } }\n", func(p *model.Project) string {
			if r := p.Person("ines").Rate; r.Day != 950 || r.Kit != 40 || p.Suite("adr-1").Rate.Hour != 200 {
				return "rates not set"
			}
			return ""
		}},
		{"cost rules", "    rates: { ines: { week: 3000, paid: engagement, sixth_day_x: 1.5, minimum_call: 4h, unit: 15m, free_hour_after: 7h, week_hours: 50h, oncost: 0.14, overtime: [{ from: \"21:00\", x: 2 }, { from: \"19:00\" }] } }\n", func(p *model.Project) string {
			r := p.Person("ines").Rate
			if r.MinimumCall != 4*time.Hour || r.Unit != 15*time.Minute || r.FreeHourAfter != 7*time.Hour ||
				r.WeekHours != 50*time.Hour || r.OverWeekX != 1.5 || p.Person("ines").OnCost != 0.14 {
				return fmt.Sprintf("billing terms not set: %+v", r)
			}
			if !r.Engagement || r.Week != 3000 || r.SixthDayX != 1.5 || len(r.ClockOvertime) != 2 ||
				r.ClockOvertime[0].From != 19*60 || r.ClockOvertime[0].Multiplier != 1.5 || r.ClockOvertime[1].Multiplier != 2 {
				return fmt.Sprintf("cost rules not set: %+v", r)
			}
			return ""
		}},
		{"cancellation terms and deposit", "    rates: { grade-a: { deposit: 0.3, cancellation: [{ within: 10wd, x: 0.25 }, { within: 48h, x: 1 }] } }\n", func(p *model.Project) string {
			if d := p.Suite("grade-a").Rate.Deposit; d != 0.3 {
				return fmt.Sprintf("deposit %v, want 0.3", d)
			}
			c := p.Suite("grade-a").Rate.Cancellation
			if len(c) != 2 || c[0].WorkingDays != 10 || c[0].X != 0.25 || c[1].Notice != 48*time.Hour || c[1].X != 1 {
				return fmt.Sprintf("cancellation terms not set: %v", c)
			}
			return ""
		}},
		{"an artiste's recall", "    rates: { maya: { recall: { within: 2w, fee: 450 } } }\n", func(p *model.Project) string {
			if r := p.Artiste("maya").Recall; r.Within != 14 || r.Fee != 450 {
				return fmt.Sprintf("recall not set: %+v", r)
			}
			return ""
		}},
		{"an artiste's travel time", "    rates: { maya: { travel_time: 90m } }\n", func(p *model.Project) string {
			if tt := p.Artiste("maya").Travel.Time; tt != 90*time.Minute {
				return fmt.Sprintf("travel time %v, want 1h30m", tt)
			}
			return ""
		}},
		{"weekends", "    weekends: premium\n", func(p *model.Project) string {
			if p.Calendar.Weekends != model.WeekendsPremium || p.Session("final-mix").Weekends != model.WeekendsPremium {
				return "weekends not allowed"
			}
			return ""
		}},
		{"just in time", "    buffer: 5wd\n    schedule: backward\n", func(p *model.Project) string {
			prod := p.Productions[0]
			if !prod.Buffer.Working || prod.Buffer.Amount != 5*prod.Calendar.DayLength() || prod.EarlyPerDay != 1 {
				return fmt.Sprintf("buffer %+v, early per day %v", prod.Buffer, prod.EarlyPerDay)
			}
			return ""
		}},
		{"fix", "    fix: [{ session: grade, start: 2026-06-08T09:00, suite: grade-a, people: [ines] }]\n", func(p *model.Project) string {
			for _, b := range p.Bookings {
				if b.Session == p.Session("grade") {
					if b.Status != booking.Confirmed || b.Start.Format(time.DateTime) != "2026-06-08 09:00:00" || b.Suite.ID != "grade-a" || b.People[0].ID != "ines" {
						return "booking not as written"
					}
					return ""
				}
			}
			return "no booking for grade"
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := applyYAML(t, tt.overlays)
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(p); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestApplyProblems(t *testing.T) {
	for _, tt := range []struct{ name, overlays, want string }{
		{"unknown department", "    budget: { caps: { catering: 100 } }\n", `s.yaml:3:23: scenarios[0].budget.caps.catering: unknown department "catering"`},
		{"copy of nobody", "    add_people: [{ copy: nobody, id: x2 }]\n", `s.yaml:3:18: scenarios[0].add_people[0]: no person "nobody" to copy`},
		{"id taken", "    add_suites: [{ copy: grade-a, id: sam }]\n", `s.yaml:3:18: scenarios[0].add_suites[0]: id "sam" is already taken`},
		{"remove a named suite", "    remove_suites: [online-1]\n", `s.yaml:3:21: scenarios[0].remove_suites[0]: online-1 is named by session conform`},
		{"unknown session", "    deadlines: { ep9/mix: 2026-06-30 }\n", `s.yaml:3:18: scenarios[0].deadlines.ep9/mix: no session "ep9/mix"`},
		{"travel time of a person", "    rates: { ola: { travel_time: 2h } }\n", `s.yaml:3:14: scenarios[0].rates.ola: ola is not an artiste`},
		{"no price left", "    rates: { ola: { day: 0 } }\n", `s.yaml:3:14: scenarios[0].rates.ola: ola's rate card offers no price`},
		{"engagement without a week", "    rates: { ola: { paid: engagement } }\n", `s.yaml:3:14: scenarios[0].rates.ola: ola's card has no weekly rate`},
		{"clock band in the day", "    rates: { ola: { overtime: [{ from: \"12:00\" }] } }\n", `s.yaml:3:14: scenarios[0].rates.ola: band from 12:00 is inside the working day`},
		{"bad start", "    fix: [{ session: grade, start: next week }]\n", `s.yaml:3:36: scenarios[0].fix[0].start: bad date-time "next week"`},
		{"unknown session", "    durations: { ep9/mix: 2d }\n", `s.yaml:3:27: scenarios[0].durations.ep9/mix: no session "ep9/mix"`},
		{"milestone", "    durations: { picture-lock: 1d }\n", `s.yaml:3:32: scenarios[0].durations.picture-lock: picture-lock is a milestone`},
		{"nothing left", "    durations: { qc: -1d }\n", `s.yaml:3:22: scenarios[0].durations.qc: qc would take no time`},
		{"bad duration", "    durations: { qc: a while }\n", `s.yaml:3:22: scenarios[0].durations.qc:`},
		{"unknown artiste", "    availability: { mya: [2026-06-15] }\n", `s.yaml:3:21: scenarios[0].availability.mya: no artiste "mya"`},
		{"copy of nothing", "    add_sessions: [{ copy: adr-mia, id: x }]\n", `s.yaml:3:20: scenarios[0].add_sessions[0]: no session "adr-mia" to copy`},
		{"id taken", "    add_sessions: [{ copy: qc, id: grade }]\n", `s.yaml:3:20: scenarios[0].add_sessions[0]: session "grade" exists already`},
		{"remove nothing", "    remove_sessions: [grading]\n", `s.yaml:3:23: scenarios[0].remove_sessions[0]: no session "grading"`},
		{"overtime into the day", "    overtime_until: \"12:00\"\n", `s.yaml:3:21: scenarios[0].overtime_until: overtime until 12:00 falls inside the working hours 09:00-19:00`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := applyYAML(t, tt.overlays)
			var verr *model.ValidationError
			if !errors.As(err, &verr) || len(verr.Problems) == 0 {
				t.Fatalf("err = %v, want a *model.ValidationError", err)
			}
			if got := verr.Problems[0].String(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s...", got, tt.want)
			}
		})
	}
}

// TestMoveDeliveriesRoundTrip: moving every delivery by d days and back
// restores every date, and a move shifts every deadline by exactly d days.
func TestMoveDeliveriesRoundTrip(t *testing.T) {
	base, err := model.Load(featureFile)
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.IntRange(-60, 60).Draw(t, "days")
		p, err := model.Load(featureFile)
		if err != nil {
			t.Fatal(err)
		}
		MoveDeliveries{Days: d}.Apply(p)
		for i, s := range p.Sessions {
			if got, want := s.Deadline, base.Sessions[i].Deadline.AddDate(0, 0, d); !got.Equal(want) {
				t.Fatalf("%s: deadline %v, want %v", s.ID, got, want)
			}
		}
		MoveDeliveries{Days: -d}.Apply(p)
		if p.Productions[0].Delivery != base.Productions[0].Delivery {
			t.Fatalf("delivery %v after moving %d and back, want %v", p.Productions[0].Delivery, d, base.Productions[0].Delivery)
		}
		for i, s := range p.Sessions {
			if !s.Deadline.Equal(base.Sessions[i].Deadline) {
				t.Fatalf("%s: deadline %v after moving %d and back, want %v", s.ID, s.Deadline, d, base.Sessions[i].Deadline)
			}
		}
	})
}

// TestBudgetOneProduction: in a facility, budget: { production: id }
// changes that production's caps only, and an unknown production is
// refused with the facility's production ids as the hint.
func TestBudgetOneProduction(t *testing.T) {
	load := func(overlays string) (*model.Project, error) {
		sc, err := Parse("s.yaml", []byte("scenarios:\n  - name: x\n"+overlays))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		p, err := model.Load("../../testdata/costs/facility-shares.yaml")
		if err != nil {
			t.Fatal(err)
		}
		return p, sc[0].Apply(p)
	}
	p, err := load("    budget: { production: crest, total: 2500, caps: { grade: 2000 } }\n")
	if err != nil {
		t.Fatal(err)
	}
	if h, c := p.Production("harbour").Budget, p.Production("crest").Budget; h.Total != 6000 || len(h.Caps) != 0 ||
		c.Total != 2500 || len(c.Caps) != 1 || c.Caps[0].Limit != 2000 {
		t.Errorf("harbour %+v, crest %+v: want only crest changed", h, c)
	}
	_, err = load("    budget: { production: crests, total: 2500 }\n")
	if err == nil || !strings.Contains(err.Error(), `unknown production "crests"`) || !strings.Contains(err.Error(), "harbour, crest") {
		t.Errorf("unknown production: %v", err)
	}
}

// TestRateUses: a rate overlay sets a use's hourly rate, adds one the
// card lacks, takes one off with 0, and refuses one below the card.
func TestRateUses(t *testing.T) {
	for _, tt := range []struct {
		overlay, want, problem string
	}{
		{"{ uses: { record: { hour: 160 } } }", "record=160", ""},
		{"{ uses: { mix: { hour: 120 } } }", "record=140,mix=120", ""},
		{"{ uses: { record: { hour: 0 } } }", "", ""},
		{"{ uses: { record: { hour: 60 } } }", "", "use record at 60 an hour is below studio-2's rate"},
	} {
		sc, err := Parse("s.yaml", []byte("scenarios:\n  - name: x\n    rates: { studio-2: "+tt.overlay+" }\n"))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		p, err := model.Load("../../testdata/costs/uses.yaml")
		if err != nil {
			t.Fatal(err)
		}
		err = sc[0].Apply(p)
		if tt.problem != "" {
			if err == nil || !strings.Contains(err.Error(), tt.problem) {
				t.Errorf("%s: got %v, want %q", tt.overlay, err, tt.problem)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.overlay, err)
		}
		var got []string
		for _, u := range p.Suite("studio-2").Rate.Uses {
			got = append(got, fmt.Sprintf("%s=%g", u.Use, u.Hour))
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%s: uses %v, want %s", tt.overlay, got, tt.want)
		}
	}
}
