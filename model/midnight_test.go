package model

import (
	"fmt"
	"strings"
	"testing"
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
			p, err := Parse("x.yaml", fmt.Appendf(nil, head, tt.calendar, tt.session))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
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

// TestClockStringNextMorning: an end past 24:00 reads as the clock shows it.
func TestClockStringNextMorning(t *testing.T) {
	for c, want := range map[Clock]string{9 * 60: "09:00", 24 * 60: "24:00", 26*60 + 30: "02:30"} {
		if got := c.String(); got != want {
			t.Errorf("Clock(%d) = %q, want %q", int(c), got, want)
		}
	}
}
