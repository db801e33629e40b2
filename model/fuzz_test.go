package model

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// FuzzParse feeds arbitrary bytes to the loader: it never panics, and
// every failure is a *ValidationError whose problems name a file (and a
// line whenever the input has one).
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/*.yaml")
	bad, _ := filepath.Glob("../testdata/bad/*.yaml")
	timed, _ := filepath.Glob("../testdata/time/*.yaml") // remote-adr.yaml: suites:
	for _, name := range append(append(seeds, bad...), timed...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(base))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("production: x\nepisodes: {count: 200}\npipeline: [{id: a}]\n"))
	f.Add([]byte("production: x\nstart: 2026-05-04\ndelivery: 2026-05-29\nepisodes: {count: 2, overrides: [{episode: 2, start: 2026-05-06, delivery: 2026-05-22}]}\npipeline: [{id: a}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Named inside testdata so relative includes and CSV imports
		// resolve against files that exist.
		p, err := Parse("../testdata/fuzz.yaml", data)
		if err == nil {
			if p == nil || len(p.Productions) == 0 {
				t.Fatalf("no error and no production")
			}
			return
		}
		var verr *ValidationError
		if !errors.As(err, &verr) {
			// Only an unreadable project file is an I/O error.
			if errors.Is(err, ErrInvalid) {
				t.Fatalf("ErrInvalid without a *ValidationError: %v", err)
			}
			return
		}
		if len(verr.Problems) == 0 {
			t.Fatalf("validation error with no problems")
		}
		for _, pr := range verr.Problems {
			if pr.File == "" || pr.Msg == "" {
				t.Fatalf("problem without a file or message: %+v", pr)
			}
		}
	})
}

// FuzzCSV feeds arbitrary bytes to the CSV reader: it never panics and
// every row and problem it returns has a line.
func FuzzCSV(f *testing.F) {
	for _, name := range []string{"../testdata/facility/crew.csv", "../testdata/facility/availability.csv"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("id;roles\n\"a;b\";editor\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l := &loader{proj: &Project{}}
		d := &dec{l: l, file: "x.csv", cols: map[*yaml.Node]string{}}
		rows := d.csvRows(data, personCSV)
		for _, r := range rows {
			if r.Line < 1 {
				t.Fatalf("row without a line: %+v", r)
			}
			l.decodePerson(d, r, "people[0]")
		}
		for _, p := range l.problems {
			if p.Line < 1 {
				t.Fatalf("problem without a line: %s", p)
			}
		}
	})
}

// FuzzScalars checks the small parsers: no panics, and whatever parses
// prints back to the same value.
func FuzzScalars(f *testing.F) {
	for _, s := range []string{"2026-05-04", "2026-11-02..2026-11-06", "09:00-19:00", "22:00-02:00", "Mon-Fri", "4d", "2wd", "1.5h", "2026-06-03T08:00..2026-06-03T13:00", "650"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDate(s); err == nil {
			if back, err := ParseDate(d.String()); err != nil || back != d {
				t.Fatalf("date %q -> %v -> %v, %v", s, d, back, err)
			}
		}
		if r, err := ParseDateRange(s); err == nil {
			if r.To.Before(r.From) {
				t.Fatalf("reversed range %v accepted", r)
			}
			if back, err := ParseDateRange(r.String()); err != nil || back.From != r.From || back.To != r.To {
				t.Fatalf("range %q -> %v -> %v, %v", s, r, back, err)
			}
		}
		if c, err := ParseClockRange(s); err == nil {
			if c.End <= c.Start || c.End-c.Start > 1440 || c.End >= 2*1440 {
				t.Fatalf("bad hours %v accepted", c)
			}
			if back, err := ParseClockRange(c.String()); err != nil || back != c {
				t.Fatalf("hours %q -> %v -> %v, %v", s, c, back, err)
			}
		}
		if w, err := ParseWeek(s); err == nil {
			if back, err := ParseWeek(w.String()); err != nil || back != w {
				t.Fatalf("week %q -> %v -> %v, %v", s, w, back, err)
			}
		}
		if d, err := ParseDuration(s, 10*time.Hour, 5); err == nil && (d < 0 || float64(d) > maxSpan) {
			t.Fatalf("duration %q -> %v out of range", s, d)
		}
		if l, err := ParseLag(s, 10*time.Hour); err == nil && l.Amount < 0 {
			t.Fatalf("lag %q -> %v negative", s, l)
		}
		_, _ = ParseTimeRange(s, time.UTC)
		_, _ = ParseMoney(s)
	})
}

// FuzzParseDuration: durations and lags, single or compound, never panic,
// and what is accepted is not negative and not beyond the longest span.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"30m", "5h30m", "1d4h", "2wd", "1w2d3h15min", "30m5h", "1wd4h", "-3h", "1e9h", "5h-30m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDuration(s, 10*time.Hour, 5); err == nil && (d < 0 || float64(d) > maxSpan) {
			t.Fatalf("ParseDuration(%q) = %v", s, d)
		}
		if lag, err := ParseLag(s, 10*time.Hour); err == nil && (lag.Amount < 0 || float64(lag.Amount) > maxSpan) {
			t.Fatalf("ParseLag(%q) = %+v", s, lag)
		}
	})
}
