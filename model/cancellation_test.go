package model

import (
	"testing"
	"time"
)

func TestCancellationShare(t *testing.T) {
	week, err := ParseWeek("Mon-Fri")
	if err != nil {
		t.Fatal(err)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	// Whit Monday is no holiday in England; Fri 5 June is one here, so
	// that the working days skip it.
	cal := Calendar{Week: week, Holidays: []Date{{2026, 6, 5}}}
	start := time.Date(2026, 6, 8, 10, 0, 0, 0, london) // Mon 8 June
	terms := []CancellationTerm{{WorkingDays: 5, X: 0.5}, {WorkingDays: 1, X: 1}}
	at := func(day, hour int) time.Time { return time.Date(2026, 6, day, hour, 0, 0, 0, london) }
	tests := []struct {
		name  string
		terms []CancellationTerm
		at    time.Time
		want  float64
	}{
		// The 5 working days before Mon 8 are Fri 29 May and Mon 1 to
		// Thu 4 June (Fri 5 is a holiday); the last one is Thu 4.
		{"a full notice", terms, time.Date(2026, 5, 28, 23, 0, 0, 0, london), 0},
		{"five working days", terms, at(1, 9), 0.5}, // Mon 1 June
		{"still five", terms, at(3, 18), 0.5},
		{"the last working day", terms, at(4, 0), 1},
		{"on the day", terms, at(8, 9), 1},
		{"after it started", terms, at(9, 9), 1},
		{"48 hours: not yet", []CancellationTerm{{Notice: 48 * time.Hour, X: 0.5}}, at(6, 9), 0},
		{"48 hours", []CancellationTerm{{Notice: 48 * time.Hour, X: 0.5}}, at(6, 10), 0.5},
		{"no terms", nil, at(8, 9), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CancellationShare(tt.terms, cal, start, tt.at); got != tt.want {
				t.Errorf("share at %s = %v, want %v", tt.at.Format("Mon 2 Jan 15:04"), got, tt.want)
			}
		})
	}
}

func TestCancellationTermString(t *testing.T) {
	for _, tt := range []struct {
		term CancellationTerm
		want string
	}{
		{CancellationTerm{WorkingDays: 5, X: 0.5}, "5wd: 50%"},
		{CancellationTerm{Notice: 48 * time.Hour, X: 1}, "48h: 100%"},
		{CancellationTerm{Notice: 30 * time.Minute, X: 0.25}, "30m: 25%"},
	} {
		if got := tt.term.String(); got != tt.want {
			t.Errorf("%+v reads %q, want %q", tt.term, got, tt.want)
		}
	}
}
