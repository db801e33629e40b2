package model

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

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
			src := fmt.Sprintf(head, tt.hours, tt.overtime, tt.suite, tt.agent, tt.window)
			p, err := Parse("x.yaml", []byte(src))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
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
