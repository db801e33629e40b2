package model

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOvertimePastMidnight: an overtime end before the day's start is the
// next morning, on the calendar, a production's calendar and a session;
// one inside the working hours is refused where it is written.
func TestOvertimePastMidnight(t *testing.T) {
	const head = `production: Night Grade
timezone: Europe/London
start: 2026-06-01
delivery: 2026-06-12
calendar: { hours: "09:00-19:00"%s }
people:
  - { id: ines, roles: [colourist], rate: { hour: 50 } }
sessions:
  - { id: grade, people: [ines], duration: 8h%s }
`
	tests := []struct {
		name              string
		calendar, session string
		calEnd, sessEnd   Clock // want; 0 when refused
		err               string
	}{
		{"no overtime", "", "", 19 * 60, 19 * 60, ""},
		{"evening", `, overtime_until: "23:00"`, "", 23 * 60, 23 * 60, ""},
		{"midnight", `, overtime_until: "00:00"`, "", 24 * 60, 24 * 60, ""},
		{"two in the morning", `, overtime_until: "02:00"`, "", 26 * 60, 26 * 60, ""},
		{"up to the next day's start", `, overtime_until: "09:00"`, "", 33 * 60, 33 * 60, ""},
		{"session's own night", `, overtime_until: "21:00"`, `, overtime_until: "01:30"`, 21 * 60, 25*60 + 30, ""},
		{"into the next day's hours", `, overtime_until: "10:00"`, "", 0, 0,
			`x.yaml:5:51: calendar.overtime_until: overtime until 10:00 falls inside the working hours 09:00-19:00 (hint: overtime runs on after the day ends at 19:00, past midnight if need be, until the next day starts at 09:00)`},
		{"session into the next day's hours", "", `, overtime_until: "18:00"`, 0, 0,
			`x.yaml:9:64: sessions[0].overtime_until: overtime until 18:00 falls inside the working hours 09:00-19:00`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parseOrRefused(t, fmt.Sprintf(head, tt.calendar, tt.session), tt.err)
			if p == nil {
				return
			}
			if got := p.Calendar.OvertimeUntil; got != tt.calEnd {
				t.Errorf("calendar overtime until %d min, want %d", got, tt.calEnd)
			}
			if got := p.Productions[0].Sessions[0].OvertimeUntil; got != tt.sessEnd {
				t.Errorf("session overtime until %d min, want %d", got, tt.sessEnd)
			}
		})
	}
}

// parseOrRefused parses src as x.yaml: with want empty it must load, and
// is returned; else it must be refused with a problem containing want,
// and nil is returned.
func parseOrRefused(t *testing.T, src, want string) *Project {
	t.Helper()
	p, err := Parse("x.yaml", []byte(src))
	switch {
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Fatalf("got error %v, want %q", err, want)
	case want != "":
		return nil
	case err != nil:
		t.Fatal(err)
	}
	return p
}

// TestClockStringNextMorning: an end past 24:00 reads as the clock shows it.
func TestClockStringNextMorning(t *testing.T) {
	for c, want := range map[Clock]string{9 * 60: "09:00", 24 * 60: "24:00", 26*60 + 30: "02:30"} {
		if got := c.String(); got != want {
			t.Errorf("Clock(%d) = %q, want %q", int(c), got, want)
		}
	}
}

// TestNightHours: hours written across midnight ("22:00-02:00") run into
// the next morning wherever hours are written (a calendar, a suite, an
// agent's window, a session's window), and the working day starts at the
// latest end past midnight, overtime included. Calendar hours and a
// session's window that start before that are refused where they are
// written; so are hours that end when they start.
func TestNightHours(t *testing.T) {
	const head = `production: Night Grade
timezone: Europe/London
start: 2026-06-01
delivery: 2026-06-12
calendar: { hours: %q%s }
suites:
  - { id: grade-2, kind: grade, hours: %q }
artistes:
  - { id: maya, fee: { session: 600 }, available: [{ dates: 2026-06-01..2026-06-05, hours: %q }] }
people:
  - { id: ines, roles: [colourist], rate: { hour: 50 } }
sessions:
  - { id: grade, people: [ines], suite: grade-2, duration: 2h%s }
`
	tests := []struct {
		name                 string
		hours, overtime      string
		suite, agent, window string
		suiteHours, calHours ClockRange // want
		dayStart             time.Duration
		err                  string
	}{
		{name: "a night suite", hours: "09:00-19:00", suite: "22:00-02:00", agent: "10:00-16:00",
			suiteHours: ClockRange{22 * 60, 26 * 60}, calHours: ClockRange{9 * 60, 19 * 60}, dayStart: 2 * time.Hour},
		{name: "a night session in it", hours: "09:00-19:00", suite: "22:00-02:00", agent: "10:00-16:00", window: `, window: "23:00-01:00"`,
			suiteHours: ClockRange{22 * 60, 26 * 60}, calHours: ClockRange{9 * 60, 19 * 60}, dayStart: 2 * time.Hour},
		{name: "an agent's night", hours: "09:00-19:00", suite: "09:00-19:00", agent: "20:00-01:30",
			suiteHours: ClockRange{9 * 60, 19 * 60}, calHours: ClockRange{9 * 60, 19 * 60}, dayStart: 90 * time.Minute},
		{name: "night calendar hours", hours: "22:00-06:00", suite: "22:00-06:00", agent: "22:00-06:00",
			suiteHours: ClockRange{22 * 60, 30 * 60}, calHours: ClockRange{22 * 60, 30 * 60}, dayStart: 6 * time.Hour},
		{name: "overtime later than the night", hours: "09:00-19:00", overtime: `, overtime_until: "03:00"`, suite: "22:00-02:00", agent: "10:00-16:00",
			suiteHours: ClockRange{22 * 60, 26 * 60}, calHours: ClockRange{9 * 60, 19 * 60}, dayStart: 3 * time.Hour},
		{name: "the night later than overtime", hours: "09:00-19:00", overtime: `, overtime_until: "01:00"`, suite: "22:00-02:00", agent: "10:00-16:00",
			suiteHours: ClockRange{22 * 60, 26 * 60}, calHours: ClockRange{9 * 60, 19 * 60}, dayStart: 2 * time.Hour},
		{name: "the day opens before the night ends", hours: "06:00-16:00", suite: "22:00-07:00", agent: "10:00-16:00",
			err: `x.yaml:5:20: calendar.hours: hours 06:00-16:00 start at 06:00, before the working day starts at 07:00 (hint: work past midnight in this file runs to 07:00, so each working day runs from 07:00 to 07:00 the next morning: start these hours at 07:00 or later, or end the night earlier)`},
		{name: "a window before the day starts", hours: "09:00-19:00", suite: "00:00-24:00", agent: "20:00-03:00", window: `, window: "01:00-05:00"`,
			err: `x.yaml:13:72: sessions[0].window: grade: window 01:00-05:00 starts at 01:00, before the working day starts at 03:00`},
		{name: "hours that end when they start", hours: "09:00-19:00", suite: "22:00-22:00", agent: "10:00-16:00",
			err: `x.yaml:7:40: suites[0].hours: hours 22:00-22:00 end when they start`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parseOrRefused(t, fmt.Sprintf(head, tt.hours, tt.overtime, tt.suite, tt.agent, tt.window), tt.err)
			if p == nil {
				return
			}
			if got := p.Suites[0].Hours; got != tt.suiteHours {
				t.Errorf("suite hours %v (%d-%d), want %d-%d", got, got.Start, got.End, tt.suiteHours.Start, tt.suiteHours.End)
			}
			if got := p.Calendar.Hours; got != tt.calHours {
				t.Errorf("calendar hours %d-%d, want %d-%d", got.Start, got.End, tt.calHours.Start, tt.calHours.End)
			}
			if got := p.DayStart(); got != tt.dayStart {
				t.Errorf("day start %v, want %v", got, tt.dayStart)
			}
		})
	}
}

// TestCSVNightHours: a spreadsheet's hours and window columns read a
// night the same way.
func TestCSVNightHours(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"p.yaml":    withSection("suites", "suites: { csv: rooms.csv }") + "artiste_availability: { csv: dates.csv }\n",
		"rooms.csv": "id,kind,hours\ngrade-a,grade,22:00-02:00\nadr-1,adr,\n",
		"dates.csv": "artiste,from,to,hours\nmaya,2026-06-01,2026-06-03,23:00-01:00\n",
	})
	p, err := Load(filepath.Join(dir, "p.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if h := p.Suites[0].Hours; h != (ClockRange{22 * 60, 26 * 60}) {
		t.Errorf("grade-a open %d-%d, want 22:00 to 02:00 the next morning", h.Start, h.End)
	}
	av := p.Artiste("maya").Available
	if h := av[len(av)-1].Hours; h != (ClockRange{23 * 60, 25 * 60}) {
		t.Errorf("maya offered %d-%d, want 23:00 to 01:00 the next morning", h.Start, h.End)
	}
	if p.DayStart() != 2*time.Hour {
		t.Errorf("day start %v, want 2h", p.DayStart())
	}
}
