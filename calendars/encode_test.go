package calendars

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/pencil-post/pencil/model/booking"
)

// goldenCase is one directory of golden .ics files and how to make it.
type goldenCase struct {
	dir      string
	prod     Production
	bookings []Booking
	// only, when set, is the one feed file kept: production.ics in the
	// zone cases, where every feed holds the same two bookings.
	only string
}

// kept reports whether the golden case stores the feed file name.
func (gc goldenCase) kept(name string) bool {
	return gc.only == "" || name == gc.only
}

func goldenCases(t testing.TB) []goldenCase {
	prod, bookings := harbourLights(t)
	cases := []goldenCase{{"harbour-lights", prod, bookings, ""}}
	dstProd, dstBookings := dstLondon(t)
	cases = append(cases, goldenCase{"dst/europe-london", dstProd, dstBookings, "production.ics"})
	for _, z := range zoneCases {
		p, b := zoneProduction(t, z.zone, z.before, z.after)
		cases = append(cases, goldenCase{"zones/" + strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(z.zone)), p, b, "production.ics"})
	}
	jProd, jBookings := journeyHistory(t)
	cases = append(cases, goldenCase{"journeys", jProd, jBookings, "artiste-maya.ics"})
	return cases
}

// TestGolden exports each fixture and compares every file with
// testdata/calendars; -update rewrites them. Either way the output is
// checked for RFC 5545 framing.
func TestGolden(t *testing.T) {
	for _, gc := range goldenCases(t) {
		t.Run(gc.dir, func(t *testing.T) {
			out := t.TempDir()
			paths, err := ExportDir(out, gc.prod, gc.bookings)
			if err != nil {
				t.Fatalf("ExportDir: %v", err)
			}
			dir := filepath.Join(goldenRoot, gc.dir)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			var names []string
			for _, p := range paths {
				if !gc.kept(filepath.Base(p)) {
					continue
				}
				got, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				checkFraming(t, filepath.Base(p), got)
				golden := filepath.Join(dir, filepath.Base(p))
				names = append(names, filepath.Base(p))
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from golden file %s (run go test -update and review the diff):\n%s",
						filepath.Base(p), golden, firstDiff(string(want), string(got)))
				}
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if !slices.Contains(names, e.Name()) {
					t.Errorf("stale golden file %s: no feed writes it", filepath.Join(dir, e.Name()))
				}
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\r\n"), strings.Split(got, "\r\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + w + "\n  got  " + g
		}
	}
	return "(no line differs)"
}

// checkFraming asserts RFC 5545 section 3.1: CRLF line ends, no line over
// 75 octets, folds only between UTF-8 sequences, valid UTF-8.
func checkFraming(t *testing.T, name string, data []byte) {
	t.Helper()
	if !utf8.Valid(data) {
		t.Errorf("%s: not valid UTF-8", name)
	}
	if !bytes.HasSuffix(data, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("%s: does not end with END:VCALENDAR CRLF", name)
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("%s line %d: bare CR or LF", name, i+1)
		}
		if len(l) > maxLineOctets {
			t.Errorf("%s line %d: %d octets, more than %d", name, i+1, len(l), maxLineOctets)
		}
		if !utf8.Valid(l) {
			t.Errorf("%s line %d: fold splits a UTF-8 sequence", name, i+1)
		}
	}
}

func renderFeed(t testing.TB, f Feed) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, f); err != nil {
		t.Fatalf("WriteCalendar(%s): %v", f.Key, err)
	}
	return buf.Bytes()
}

func decode(t testing.TB, data []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read our output back: %v", err)
	}
	return cal
}

// TestRoundTrip reads every feed back with go-ical and checks each event
// against the booking it came from: UID, SEQUENCE, STATUS, TRANSP, times
// (resolved through TZID) and the text fields, escaped and folded.
func TestRoundTrip(t *testing.T) {
	prod, bookings := harbourLights(t)
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus := map[booking.Status]struct{ status, transp string }{
		booking.Pencil:       {"TENTATIVE", "OPAQUE"},
		booking.SecondPencil: {"TENTATIVE", "TRANSPARENT"},
		booking.Confirmed:    {"CONFIRMED", "OPAQUE"},
		booking.Released:     {"CANCELLED", "TRANSPARENT"},
	}
	for _, f := range feeds {
		cal := decode(t, renderFeed(t, f))
		wantEvents := f.events()
		if got, _ := cal.Props.Text(propCalName); got != f.Name() {
			t.Errorf("%s: X-WR-CALNAME %q, want %q", f.Key, got, f.Name())
		}
		if p := cal.Props.Get(ical.PropRefreshInterval); p == nil || p.Value != "PT1H" || p.Params.Get(ical.ParamValue) != "DURATION" {
			t.Errorf("%s: REFRESH-INTERVAL %+v, want VALUE=DURATION:PT1H", f.Key, p)
		}
		events := cal.Events()
		if len(events) != len(wantEvents) {
			t.Fatalf("%s: %d events, want %d", f.Key, len(events), len(wantEvents))
		}
		for i, ev := range events {
			e := wantEvents[i]
			b := e.b
			uid, _ := ev.Props.Text(ical.PropUID)
			if want := e.uid(prod); uid != want {
				t.Errorf("%s: event %d is %s, want %s (sorted by start)", f.Key, i, uid, want)
			}
			start, err := ev.DateTimeStart(nil)
			if err != nil || !start.Equal(e.piece.Start) {
				t.Errorf("%s %s: DTSTART %v (%v), want %v", f.Key, uid, start, err, e.piece.Start)
			}
			end, err := ev.DateTimeEnd(nil)
			if err != nil || !end.Equal(e.piece.End) {
				t.Errorf("%s %s: DTEND %v (%v), want %v", f.Key, uid, end, err, e.piece.End)
			}
			if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != b.Sequence {
				t.Errorf("%s %s: SEQUENCE %d, want %d", f.Key, uid, seq, b.Sequence)
			}
			want := wantStatus[b.Status]
			if e.cancelled() {
				want = wantStatus[booking.Released]
			}
			if st, _ := ev.Status(); string(st) != want.status {
				t.Errorf("%s %s: STATUS %s, want %s", f.Key, uid, st, want.status)
			}
			if tr := ev.Props.Get(ical.PropTransparency).Value; tr != want.transp {
				t.Errorf("%s %s: TRANSP %s, want %s", f.Key, uid, tr, want.transp)
			}
			if sum, _ := ev.Props.Text(ical.PropSummary); sum != e.summary(f) {
				t.Errorf("%s %s: SUMMARY %q, want %q", f.Key, uid, sum, e.summary(f))
			}
			if desc, _ := ev.Props.Text(ical.PropDescription); desc != e.description(f) {
				t.Errorf("%s %s: DESCRIPTION %q, want %q", f.Key, uid, desc, e.description(f))
			}
			if loc, _ := ev.Props.Text(ical.PropLocation); loc == "" || loc != location(f, b) {
				t.Errorf("%s %s: LOCATION %q, want %q", f.Key, uid, loc, location(f, b))
			}
			var cats []string
			if p := ev.Props.Get(ical.PropCategories); p != nil {
				cats, _ = p.TextList()
			}
			if !slices.Equal(cats, e.categories()) {
				t.Errorf("%s %s: CATEGORIES %q, want %q", f.Key, uid, cats, e.categories())
			}
		}
	}
}

// TestDSTWallClock: offline days either side of the end of British Summer
// Time both read 09:00–19:00 local, an hour apart in UTC.
func TestDSTWallClock(t *testing.T) {
	prod, bookings := harbourLights(t)
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		t.Fatal(err)
	}
	text := string(renderFeed(t, feeds[0]))
	cal := decode(t, []byte(text))
	want := map[string]string{"B-0151-1@harbour-lights.pencil": "08:00Z", "B-0152-1@harbour-lights.pencil": "09:00Z"}
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(ical.PropUID)
		utc, ok := want[uid]
		if !ok {
			continue
		}
		delete(want, uid)
		p := ev.Props.Get(ical.PropDateTimeStart)
		if p.Params.Get(ical.PropTimezoneID) != "Europe/London" || !strings.HasSuffix(p.Value, "T090000") {
			t.Errorf("%s: DTSTART %+v, want 09:00 Europe/London", uid, p)
		}
		start, err := ev.DateTimeStart(nil)
		if err != nil || start.UTC().Format("15:04Z") != utc {
			t.Errorf("%s: starts %v UTC (%v), want %s", uid, start.UTC(), err, utc)
		}
	}
	if len(want) != 0 {
		t.Errorf("missing events %v", want)
	}
}

// TestDSTTimes: an event starting or ending in the hour the clocks repeat
// is written in UTC; every other time is local with a TZID, names a local
// time that exists (none in the hour skipped in spring) and happens once.
func TestDSTTimes(t *testing.T) {
	prod, bookings := dstLondon(t)
	london := prod.TimeZone
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		t.Fatal(err)
	}
	text := string(renderFeed(t, feeds[0]))
	for _, want := range []string{
		"DTSTART:20261025T003000Z\r\nDTEND:20261025T030000Z",                                     // D-3
		"DTSTART:20261025T011500Z\r\nDTEND:20261025T023000Z",                                     // D-4
		"DTSTART;TZID=Europe/London:20261024T220000\r\nDTEND;TZID=Europe/London:20261025T000000", // D-2, day 1
		"DTSTART:20261024T230000Z\r\nDTEND:20261025T000000Z",                                     // D-2, day 2
		"DTSTART;TZID=Europe/London:20260329T003000\r\nDTEND;TZID=Europe/London:20260329T040000", // D-1
	} {
		if !containsEvent(text, want) {
			t.Errorf("feed lacks %q:\n%s", want, text)
		}
	}
	cal := decode(t, []byte(text))
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(ical.PropUID)
		for _, name := range []string{ical.PropDateTimeStart, ical.PropDateTimeEnd} {
			p := ev.Props.Get(name)
			if p.Params.Get(ical.PropTimezoneID) == "" {
				continue
			}
			wall, err := time.ParseInLocation("20060102T150405", p.Value, time.UTC)
			if err != nil {
				t.Fatalf("%s %s: %v", uid, name, err)
			}
			local := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, london)
			if local.Hour() != wall.Hour() || local.Minute() != wall.Minute() {
				t.Errorf("%s %s: local time %s does not exist in %s", uid, name, p.Value, london)
			}
			if repeated(local) {
				t.Errorf("%s %s: local time %s happens twice but has a TZID", uid, name, p.Value)
			}
		}
	}
}

// containsEvent reports whether the DTSTART and DTEND lines in want appear
// in one event of text, whatever lies between them.
func containsEvent(text, want string) bool {
	start, end, _ := strings.Cut(want, "\r\n")
	for _, ev := range strings.Split(text, "BEGIN:VEVENT")[1:] {
		if strings.Contains(ev, "\r\n"+start+"\r\n") && strings.Contains(ev, "\r\n"+end+"\r\n") {
			return true
		}
	}
	return false
}
