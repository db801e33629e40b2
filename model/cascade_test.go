package model

import (
	"errors"
	"strings"
	"testing"
)

// TestOneProblemPerMistake makes one mistake at a time in the base project,
// each of which once set off problems in the checks that depend on the
// faulty value (deadlines of "end of -001-11-30", roles nobody has, an
// artiste never available, a field reported missing and misspelt), and
// checks that exactly one problem comes back, for the value written wrong,
// with a hint.
func TestOneProblemPerMistake(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replaced once in base
		want     string // the one problem, from its line on
	}{
		{"impossible delivery", "delivery: 2026-07-31", "delivery: 2026-06-31",
			`4:11: delivery: bad date "2026-06-31": June has no day 31 (hint: June 2026 has 30 days)`},
		{"delivery before the start", "delivery: 2026-07-31", "delivery: 2026-04-30",
			`4:11: delivery: delivery 2026-04-30 is before the start 2026-05-04`},
		{"placeholder delivery", "delivery: 2026-07-31", "delivery: 9999-12-31",
			`4:11: delivery: delivery 9999-12-31 is 2912319 days after the start 2026-05-04`},
		{"missing start", "start: 2026-05-04\n", "",
			`1:1: start: missing start date (hint: add start: 2026-05-04)`},
		{"misspelt start", "start: 2026-05-04", "strat: 2026-05-04",
			`3:1: strat: unknown field "strat" (hint: did you mean "start"?)`},
		{"open-ended availability", "available: [2026-06-01..2026-06-05]", "available: [2026-06-01..]",
			`17:52: artistes[0].available[0]: range "2026-06-01.." has no last day`},
		{"reversed availability", "available: [2026-06-01..2026-06-05]", "available: [2026-06-05..2026-06-01]",
			`17:52: artistes[0].available[0]: range 2026-06-05..2026-06-01 ends before it starts (hint: write the first day first: 2026-06-01..2026-06-05)`},
		{"misspelt role", "roles: [colourist], rate: { day: 750 }", "roles: [colorist], rate: { day: 750 }",
			`13:25: people[0].roles[0]: unknown value "colorist" (hint: did you mean "colourist"?)`},
		{"misspelt suite kind", "kind: grade, rate: { day: 1400 }", "kind: grading, rate: { day: 1400 }",
			`9:26: suites[0].kind: unknown value "grading" (hint: did you mean "grade"?)`},
		{"suite as a bare word", "  - { id: grade-a, kind: grade, rate: { day: 1400 } }", "  - grade-a",
			`9:5: suites[0]: want an entry of key: value pairs, got "grade-a"`},
		{"misspelt duration", "suite: grade, duration: 3d", "suite: grade, durration: 3d",
			`21:65: sessions[1].durration: unknown field "durration" (hint: did you mean "duration"?)`},
		{"impossible deadline", "suite: adr, artistes: [maya], duration: 4h }", "suite: adr, artistes: [maya], duration: 4h, deadline: 2026-06-31 }",
			`22:103: sessions[2].deadline: bad date "2026-06-31": June has no day 31`},
		{"minimum piece too long", "duration: 3d, split: 1d", "duration: 3d, split: { min: 40h }",
			`21:86: sessions[1].split: grade: minimum piece 40h is longer than a day`},
		{"booking names an unknown person", "people: [ines] }", "people: [rhi] }",
			`25:98: bookings[0].people[0]: unknown person "rhi"`},
		{"confirmed booking without its colourist", "status: pencil, start: 2026-05-11T09:00, suite: grade-a, people: [ines]",
			"status: confirmed, start: 2026-05-11T09:00, suite: grade-a",
			`25:5: bookings[0].people: confirmed booking B-1 does not name a colourist, which grade needs (hint: name what was confirmed, e.g. people: [ines], or make it a pencil)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("base has no %q", tt.old)
			}
			_, err := Parse("p.yaml", []byte(strings.Replace(base, tt.old, tt.new, 1)))
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("want a *ValidationError, got %v", err)
			}
			if len(verr.Problems) != 1 || !strings.Contains(verr.Problems[0].String(), "p.yaml:"+tt.want) || verr.Problems[0].Hint == "" {
				t.Errorf("want one problem with a hint, p.yaml:%s, got %d:\n%v", tt.want, len(verr.Problems), err)
			}
		})
	}
}

// TestHints checks that a hint answers what was written: the month's
// length, the range turned round, dashes for an undashed date, the hours
// turned round, a dashed id.
func TestHints(t *testing.T) {
	parse := func(f func(string) error) func(string) error { return f }
	date := parse(func(s string) error { _, err := ParseDateRange(s); return err })
	hours := parse(func(s string) error { _, err := ParseClockRange(s); return err })
	tests := []struct {
		name, in string
		hint     func(s string, err error) string
		parse    func(string) error
		want     string
	}{
		{"no such day", "2028-02-30", dateHint, date, "February 2028 has 29 days"},
		{"reversed range", "2026-06-05..2026-06-01", dateHint, date, "write the first day first: 2026-06-01..2026-06-05"},
		{"open range", "2026-06-05..", dateHint, date, "ranges are written 2026-11-02..2026-11-06, first day first"},
		{"undashed date", "20260605", dateHint, date, "write it with dashes: 2026-06-05"},
		{"words for a date", "next Tuesday", dateHint, date, "dates are written 2026-05-04"},
		{"empty hours", "19:00-19:00", func(_ string, err error) string { return clockHint(err, "") }, hours,
			`the end comes after the start, e.g. "09:00-19:00", or the next morning, e.g. "22:00-02:00"; the whole day is "00:00-24:00"`},
		{"hour 25", "09:00-25:00", func(_ string, err error) string { return clockHint(err, "") }, hours,
			`times run from 00:00 to 24:00; a time after midnight is written as the morning's: 02:00, or hours "22:00-02:00"`},
		{"no dash", "0900", func(_ string, err error) string { return clockHint(err, "the form") }, hours, "the form"},
		{"id with spaces", "colour grade", func(s string, _ error) string { return idHint(s) }, func(string) error { return nil },
			"write it colour-grade (ids are short words like grade-a, sam or ep1-mix)"},
		{"id with a slash", "a/b", func(s string, _ error) string { return idHint(s) }, func(string) error { return nil },
			"ids are short words like grade-a, sam or ep1-mix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.hint(tt.in, tt.parse(tt.in)); got != tt.want {
				t.Errorf("hint for %q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
