package calendars

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestObservances(t *testing.T) {
	type obs struct {
		dtstart  string
		from, to string
		name     string
		daylight bool
	}
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		zone     string
		from, to time.Time
		want     []obs
	}{
		{"Europe/London", utc(2026, 10, 12), utc(2026, 11, 2), []obs{
			{"20260329T010000", "+0000", "+0100", "BST", true},
			{"20261025T020000", "+0100", "+0000", "GMT", false},
		}},
		{"Europe/London", utc(2026, 12, 1), utc(2026, 12, 24), []obs{
			{"20261025T020000", "+0100", "+0000", "GMT", false},
		}},
		{"America/New_York", utc(2026, 10, 30), utc(2027, 3, 20), []obs{
			{"20260308T020000", "-0500", "-0400", "EDT", true},
			{"20261101T020000", "-0400", "-0500", "EST", false},
			{"20270314T020000", "-0500", "-0400", "EDT", true},
		}},
		{"Australia/Sydney", utc(2026, 9, 1), utc(2027, 5, 1), []obs{
			{"20260405T030000", "+1100", "+1000", "AEST", false},
			{"20261004T020000", "+1000", "+1100", "AEDT", true},
			{"20270404T030000", "+1100", "+1000", "AEST", false},
		}},
		{"Asia/Kolkata", utc(2026, 1, 1), utc(2027, 1, 1), []obs{
			{"19451015T000000", "+0630", "+0530", "IST", false},
		}},
		// Past the end of Go's tables ZoneBounds stalls at the end of a leap
		// year (2040-12-31) and reports boundaries where nothing changes.
		{"Europe/London", utc(2040, 12, 15), utc(2041, 4, 15), []obs{
			{"20401028T020000", "+0100", "+0000", "GMT", false},
			{"20410331T010000", "+0000", "+0100", "BST", true},
		}},
		{"Asia/Kathmandu", utc(2037, 12, 15), utc(2041, 4, 15), []obs{
			{"19860101T000000", "+0530", "+0545", "+0545", false},
		}},
		{"UTC", utc(2026, 1, 1), utc(2027, 1, 1), []obs{
			{"19700101T000000", "+0000", "+0000", "UTC", false},
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s", tt.zone, tt.from.Format("2006-01")), func(t *testing.T) {
			got := Observances(mustZone(t, tt.zone), tt.from, tt.to)
			if len(got) != len(tt.want) {
				t.Fatalf("%d observances %+v, want %d", len(got), got, len(tt.want))
			}
			for i, o := range got {
				g := obs{o.localOnset(), utcOffset(o.OffsetFrom), utcOffset(o.OffsetTo), o.Name, o.Daylight}
				if g != tt.want[i] {
					t.Errorf("observance %d: %+v, want %+v", i, g, tt.want[i])
				}
			}
		})
	}
}

func TestUTCOffset(t *testing.T) {
	for sec, want := range map[int]string{0: "+0000", 3600: "+0100", -18000: "-0500", 19800: "+0530", -75: "-000115", 20700: "+0545"} {
		if got := utcOffset(sec); got != want {
			t.Errorf("utcOffset(%d) = %s, want %s", sec, got, want)
		}
	}
}

// resolve is the UTC offset a client reading our VTIMEZONE gives instant
// t: that of the last observance that has begun.
func resolve(obs []Observance, t time.Time) int {
	off := obs[0].OffsetTo
	for _, o := range obs {
		if !o.Onset.After(t) {
			off = o.OffsetTo
		}
	}
	return off
}

// TestObservancesAgreeWithGo: for any zone and span, every instant in the
// span gets from the observances the offset Go's tz database gives it, and
// each observance starts from the offset the one before it ended on.
func TestObservancesAgreeWithGo(t *testing.T) {
	zones := []string{"Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
		"Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "Asia/Kathmandu", "UTC", "Africa/Casablanca"}
	rapid.Check(t, func(t *rapid.T) {
		loc, err := time.LoadLocation(rapid.SampledFrom(zones).Draw(t, "zone"))
		if err != nil {
			t.Fatal(err)
		}
		from := time.Unix(rapid.Int64Range(946684800, 2208988800).Draw(t, "from"), 0) // 2000..2040
		to := from.Add(time.Duration(rapid.IntRange(0, 800).Draw(t, "days")) * 24 * time.Hour)
		obs := Observances(loc, from, to)
		for i := 1; i < len(obs); i++ {
			if obs[i].OffsetFrom != obs[i-1].OffsetTo || !obs[i].Onset.After(obs[i-1].Onset) {
				t.Fatalf("observance %d does not follow %d: %+v", i, i-1, obs)
			}
		}
		if obs[0].Onset.After(from) {
			t.Fatalf("first observance starts %v, after the span %v", obs[0].Onset, from)
		}
		probe := from.Add(time.Duration(rapid.Int64Range(0, int64(to.Sub(from))).Draw(t, "probe")))
		if _, want := probe.In(loc).Zone(); resolve(obs, probe) != want {
			t.Fatalf("%s at %v: observances give %d, Go gives %d", loc, probe, resolve(obs, probe), want)
		}
		for _, o := range obs[1:] {
			if _, want := o.Onset.In(loc).Zone(); o.OffsetTo != want {
				t.Fatalf("%s: observance at %v says %d, Go says %d", loc, o.Onset, o.OffsetTo, want)
			}
		}
	})
}

// parseOffset reads an RFC 5545 UTC-OFFSET.
func parseOffset(t *rapid.T, s string) int {
	var sign, h, m, sec int
	switch {
	case len(s) >= 5 && (s[0] == '+' || s[0] == '-'):
		sign = 1
		if s[0] == '-' {
			sign = -1
		}
		if _, err := fmt.Sscanf(s[1:5], "%02d%02d", &h, &m); err != nil {
			t.Fatalf("bad offset %q", s)
		}
		if len(s) == 7 {
			fmt.Sscanf(s[5:], "%02d", &sec)
		}
	default:
		t.Fatalf("bad offset %q", s)
	}
	return sign * (h*3600 + m*60 + sec)
}

// TestVTimezoneAgreesWithGo reads the VTIMEZONE back as a client would,
// expanding each RRULE with go-ical's recurrence support (rrule-go, not our
// own rule code), and checks that every instant in the span gets the
// offset Go's tz database gives it. Zones whose rules have not changed
// for years must come out as the two-rule shape Outlook needs.
func TestVTimezoneAgreesWithGo(t *testing.T) {
	zones := []string{"Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
		"Europe/Berlin", "America/Santiago", "Pacific/Chatham", "Asia/Kathmandu", "UTC", "Africa/Casablanca", "Asia/Tehran", "Europe/Dublin"}
	ruled := map[string]bool{"Europe/London": true, "America/New_York": true, "Australia/Sydney": true, "Europe/Berlin": true, "Europe/Dublin": true}
	rapid.Check(t, func(t *rapid.T) {
		zone := rapid.SampledFrom(zones).Draw(t, "zone")
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		from := time.Unix(rapid.Int64Range(946684800, 2208988800).Draw(t, "from"), 0) // 2000..2040
		to := from.Add(time.Duration(rapid.IntRange(0, 800).Draw(t, "days")) * 24 * time.Hour)
		tz := VTimezone(loc, from, to)
		type change struct {
			at  time.Time
			off int
		}
		var changes []change
		withRules := 0
		for _, c := range tz.Children {
			fromOff := parseOffset(t, c.Props.Get("TZOFFSETFROM").Value)
			toOff := parseOffset(t, c.Props.Get("TZOFFSETTO").Value)
			start, err := c.Props.DateTime("DTSTART", time.FixedZone("", fromOff))
			if err != nil {
				t.Fatal(err)
			}
			set, err := c.RecurrenceSet(time.FixedZone("", fromOff))
			if err != nil {
				t.Fatal(err)
			}
			if set == nil {
				changes = append(changes, change{start, toOff})
				continue
			}
			withRules++
			if c.Name == "DAYLIGHT" && toOff < fromOff {
				t.Fatalf("%s: DAYLIGHT rule moves clocks back (%d → %d)", zone, fromOff, toOff)
			}
			for _, at := range set.Between(start, to.AddDate(2, 0, 0), true) {
				changes = append(changes, change{at, toOff})
			}
		}
		if ruled[zone] && from.Year() >= 2010 && withRules != 2 {
			t.Fatalf("%s %v: %d sub-components with RRULE, want 2", zone, from, withRules)
		}
		probe := from.Add(time.Duration(rapid.Int64Range(0, int64(to.Sub(from))).Draw(t, "probe")))
		got, best := 0, time.Time{}
		for _, c := range changes {
			if !c.at.After(probe) && (best.IsZero() || c.at.After(best)) {
				got, best = c.off, c.at
			}
		}
		if best.IsZero() {
			t.Fatalf("%s: no observance in force at %v", zone, probe)
		}
		if _, want := probe.In(loc).Zone(); got != want {
			t.Fatalf("%s at %v: VTIMEZONE gives %+d s, Go gives %+d s", zone, probe.UTC(), got, want)
		}
	})
}

// TestVTimezoneBeforeRulesBegin is the case the property test found: in
// Casablanca the first DST after 2007 is one season in 2008, which two
// annual rules fit, but those rules leave August 2007 with no observance
// in force. The span must get the exact list instead.
func TestVTimezoneBeforeRulesBegin(t *testing.T) {
	loc := mustZone(t, "Africa/Casablanca")
	from := time.Date(2007, 8, 28, 23, 0, 0, 0, time.UTC)
	tz := VTimezone(loc, from, from.AddDate(0, 0, 3))
	var first string
	for _, c := range tz.Children {
		if c.Props.Get("RRULE") != nil {
			t.Fatalf("%s sub-component has an RRULE; the span starts before the rules", c.Name)
		}
		if v := c.Props.Get("DTSTART").Value; first == "" || v < first {
			first = v
		}
	}
	if first > "20070828T230000" {
		t.Fatalf("first observance starts %s, after the span's start", first)
	}
}
