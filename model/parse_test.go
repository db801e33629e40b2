package model

import (
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr string
	}{
		{"2026-05-04", Date{2026, time.May, 4}, ""},
		{" 2026-12-31 ", Date{2026, time.December, 31}, ""},
		{"2028-02-29", Date{2028, time.February, 29}, ""},
		{"2026-02-29", Date{}, "February has no day 29"},
		{"2026-04-31", Date{}, "April has no day 31"},
		{"2026-13-01", Date{}, "month 13"},
		{"2026-00-10", Date{}, "month 0"},
		{"2026-05-00", Date{}, "has no day 0"},
		{"2026-5-4", Date{}, "want YYYY-MM-DD"},
		{"04/05/2026", Date{}, "want YYYY-MM-DD"},
		{"2026-0a-04", Date{}, "want YYYY-MM-DD"},
		{"", Date{}, "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			checkErr(t, err, tt.wantErr)
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q, want one containing %q", err, want)
	}
}

func TestParseDateRange(t *testing.T) {
	tests := []struct {
		in       string
		from, to string
		wantErr  string
	}{
		{"2026-11-02..2026-11-06", "2026-11-02", "2026-11-06", ""},
		{"2026-11-02", "2026-11-02", "2026-11-02", ""},
		{"2026-11-06..2026-11-02", "", "", "ends before it starts"},
		{"2026-11-02..2026-11-31", "", "", "November has no day 31"},
		{"2026-11-02...2026-11-06", "", "", "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDateRange(tt.in)
			checkErr(t, err, tt.wantErr)
			if err == nil && (got.From.String() != tt.from || got.To.String() != tt.to) {
				t.Errorf("got %v, want %s..%s", got, tt.from, tt.to)
			}
		})
	}
}

func TestParseClockRange(t *testing.T) {
	tests := []struct {
		in      string
		want    ClockRange
		wantErr string
	}{
		{"09:00-19:00", ClockRange{540, 1140}, ""},
		{"9:30-18:00", ClockRange{570, 1080}, ""},
		{"00:00-24:00", ClockRange{0, 1440}, ""},
		{"19:00-09:00", ClockRange{1140, 1980}, ""}, // a night: to 09:00 the next morning
		{"22:00-02:00", ClockRange{1320, 1560}, ""},
		{"09:00-00:00", ClockRange{540, 1440}, ""},
		{"10:00-10:00", ClockRange{}, "end when they start"},
		{"00:00-00:00", ClockRange{}, "end when they start"},
		{"24:00-00:00", ClockRange{}, "end when they start"},
		{"25:00-26:00", ClockRange{}, "between 00:00 and 24:00"},
		{"24:30-24:45", ClockRange{}, "between 00:00 and 24:00"},
		{"09:60-10:00", ClockRange{}, "between 00:00 and 24:00"},
		{"0900-1900", ClockRange{}, "want HH:MM"},
		{"09:00", ClockRange{}, "want HH:MM-HH:MM"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseClockRange(tt.in)
			checkErr(t, err, tt.wantErr)
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseWeek(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{"Mon-Fri", "Mon,Tue,Wed,Thu,Fri", ""},
		{"mon,tue,thu", "Mon,Tue,Thu", ""},
		{"Sat-Sun", "Sat,Sun", ""},
		{"Fri-Mon", "Mon,Fri,Sat,Sun", ""},
		{"Mon-Fri, Sat", "Mon,Tue,Wed,Thu,Fri,Sat", ""},
		{"Mon-Fry", "", `unknown day "Fry"`},
		{"Monday", "", `unknown day "Monday"`},
		{"", "", "unknown day"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWeek(tt.in)
			checkErr(t, err, tt.wantErr)
			if err == nil && got.String() != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseDuration(t *testing.T) {
	const day = 10 * time.Hour
	tests := []struct {
		in      string
		day     time.Duration
		want    time.Duration
		wantErr string
	}{
		{"30m", day, 30 * time.Minute, ""},
		{"6h", day, 6 * time.Hour, ""},
		{"1.5h", day, 90 * time.Minute, ""},
		{"4d", day, 40 * time.Hour, ""},
		{"2wd", day, 20 * time.Hour, ""},
		{"2w", day, 100 * time.Hour, ""},
		{"4d", 0, 0, "write this one in hours or minutes"},
		{"4", day, 0, "has no unit"},
		{"-3h", day, 0, "negative duration"},
		{"3 fortnights", day, 0, `unknown unit "fortnights"`},
		{"h", day, 0, "want a number and a unit"},
		{"1e9h", day, 0, "bad duration"},
		{"99999999h", day, 0, "a typo?"},
		{"5h30m", day, 5*time.Hour + 30*time.Minute, ""},
		{"1d4h", day, 14 * time.Hour, ""},
		{"1w2d3h15min", day, 73*time.Hour + 15*time.Minute, ""},
		{"30m5h", day, 0, "from the largest down"},
		{"1h2h", day, 0, "from the largest down"},
		{"1d4h", 0, 0, "write this one in hours or minutes"},
		{"5h30x", day, 0, `unknown unit "x"`},
		{"60000h50000h", day, 0, "from the largest down"},
		{"5h-30m", day, 0, "unknown unit"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDuration(tt.in, tt.day, 5)
			checkErr(t, err, tt.wantErr)
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseLag(t *testing.T) {
	tests := []struct {
		in      string
		want    Lag
		wantErr string
	}{
		{"2wd", Lag{20 * time.Hour, true}, ""},
		{"1w", Lag{7 * 24 * time.Hour, false}, ""},
		{"3d", Lag{3 * 24 * time.Hour, false}, ""},
		{"4h", Lag{4 * time.Hour, false}, ""},
		{"0h", Lag{}, ""},
		{"2 weeks", Lag{}, "unknown unit"},
		{"1d12h", Lag{36 * time.Hour, false}, ""},
		{"1wd4h", Lag{}, "cannot be added to elapsed time"},
		{"4h1d", Lag{}, "from the largest down"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLag(tt.in, 10*time.Hour)
			checkErr(t, err, tt.wantErr)
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		wantErr string
	}{
		{"2600", 2600, ""},
		{"182.50", 182.5, ""},
		{"-400", -400, ""},
		{"£2,600", 0, "plain number"},
		{"2,600", 0, "plain number"},
		{"NaN", 0, "plain number"},
		{"Inf", 0, "plain number"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMoney(tt.in)
			checkErr(t, err, tt.wantErr)
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseTimeRange(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in         string
		start, end string
		wantErr    string
	}{
		{"2026-06-03T08:00..2026-06-03T13:00", "2026-06-03T08:00", "2026-06-03T13:00", ""},
		{"2026-06-03..2026-06-04", "2026-06-03T00:00", "2026-06-05T00:00", ""},
		{"2026-06-03", "2026-06-03T00:00", "2026-06-04T00:00", ""},
		{"2026-06-03T13:00..2026-06-03T08:00", "", "", "ends before it starts"},
		{"2026-06-03T08:00", "", "", "want FROM..TO"},
		{"2026-06-03T08:00..2026-06-31T09:00", "", "", "June has no day 31"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTimeRange(tt.in, london)
			checkErr(t, err, tt.wantErr)
			if err != nil {
				return
			}
			if s := got.Start.Format("2006-01-02T15:04"); s != tt.start {
				t.Errorf("start %s, want %s", s, tt.start)
			}
			if e := got.End.Format("2006-01-02T15:04"); e != tt.end {
				t.Errorf("end %s, want %s", e, tt.end)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	roles := []string{"editor", "colourist", "re-recording-mixer", "adr-mixer"}
	tests := []struct{ in, want string }{
		{"colorist", `did you mean "colourist"?`},
		{"edtior", `did you mean "editor"?`},
		{"re-recording mixer", `did you mean "re-recording-mixer"?`},
		{"gaffer", "fallback"},
		{"x", "fallback"},
	}
	for _, tt := range tests {
		if got := suggest(tt.in, roles, "fallback"); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := suggest("durration", sessionKeys, ""); got != `did you mean "duration"?` {
		t.Errorf("suggest(durration) = %q", got)
	}
}

// Property: a valid date prints and parses back to itself, and AddDays
// agrees with DaysUntil.
func TestDateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
		d := DateOf(base.AddDate(0, 0, rapid.IntRange(0, 40000).Draw(t, "days")))
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%s) = %v, %v", d, back, err)
		}
		n := rapid.IntRange(-2000, 2000).Draw(t, "n")
		e := d.AddDays(n)
		if got := d.DaysUntil(e); got != n {
			t.Fatalf("%s.DaysUntil(%s) = %d, want %d", d, e, got, n)
		}
		if (n > 0) != e.After(d) || (n < 0) != e.Before(d) {
			t.Fatalf("order of %s and %s wrong for n=%d", d, e, n)
		}
	})
}

// Property: edit distance is a metric on the ids people write.
func TestEditDistanceProperties(t *testing.T) {
	word := rapid.StringMatching(`[a-z-]{0,12}`)
	rapid.Check(t, func(t *rapid.T) {
		a, b := word.Draw(t, "a"), word.Draw(t, "b")
		if editDistance(a, a) != 0 {
			t.Fatalf("d(a,a) != 0 for %q", a)
		}
		if editDistance(a, b) != editDistance(b, a) {
			t.Fatalf("not symmetric: %q %q", a, b)
		}
		if d := editDistance(a, b); d > max(len(a), len(b)) {
			t.Fatalf("d(%q,%q) = %d > longer length", a, b, d)
		}
		if d := editDistance(a, a+"x"); d != 1 {
			t.Fatalf("d(%q, %q+x) = %d, want 1", a, a, d)
		}
	})
}

// Property: formatted week sets and clock ranges parse back to themselves.
func TestRoundTripProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := WeekDays(rapid.IntRange(1, 127).Draw(t, "week"))
		back, err := ParseWeek(w.String())
		if err != nil || back != w {
			t.Fatalf("ParseWeek(%q) = %v, %v; want %v", w.String(), back, err, w)
		}
		start := Clock(rapid.IntRange(0, 1439).Draw(t, "start"))
		end := Clock(rapid.IntRange(int(start)+1, 1440).Draw(t, "end"))
		r := ClockRange{start, end}
		cr, err := ParseClockRange(r.String())
		if err != nil || cr != r {
			t.Fatalf("ParseClockRange(%q) = %v, %v", r.String(), cr, err)
		}
	})
}
