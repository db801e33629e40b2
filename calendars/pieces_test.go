package calendars

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/pencil-post/pencil/model/booking"
	"pgregory.net/rapid"
)

// drawPieces draws 1 to 6 sorted, non-overlapping pieces of 15 minutes to
// 40 hours, starting in the week of the autumn clock change (in UTC, so
// they fall anywhere, the repeated hour included).
func drawPieces(rt *rapid.T, label string) []Piece {
	at := time.Date(2026, 10, 22, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 7*96).Draw(rt, label+"start")) * 15 * time.Minute)
	var ps []Piece
	for i := range rapid.IntRange(1, 6).Draw(rt, label+"n") {
		if i > 0 {
			at = at.Add(time.Duration(rapid.IntRange(0, 96).Draw(rt, fmt.Sprint(label, "gap", i))) * 15 * time.Minute)
		}
		end := at.Add(time.Duration(rapid.IntRange(1, 160).Draw(rt, fmt.Sprint(label, "len", i))) * 15 * time.Minute)
		if n := len(ps); n > 0 && at.Equal(ps[n-1].End) { // touching pieces are one piece
			ps[n-1].End = end
		} else {
			ps = append(ps, Piece{Start: at, End: end})
		}
		at = end
	}
	return ps
}

// localDay is the length of t's local date in loc: 24 hours but for the
// days clocks change.
func localDay(t time.Time, loc *time.Location) time.Duration {
	l := t.In(loc)
	start := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
	return time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc).Sub(start)
}

// TestEventsProperty: for random pieces (and a random earlier state), the
// rendered calendar has every live event inside one piece and on one
// local date (so at most 24 hours, 25 on the day the clocks go back),
// UIDs unique and the same in a second render, and the live events
// together cover exactly the pieces; days dropped since the earlier state
// are CANCELLED events.
func TestEventsProperty(t *testing.T) {
	london := mustZone(t, "Europe/London")
	prod := Production{ID: "p", Name: "P", TimeZone: london}
	rapid.Check(t, func(rt *rapid.T) {
		ps := drawPieces(rt, "now")
		b := Booking{ID: "B-1", Status: booking.Confirmed, Start: ps[0].Start, End: ps[len(ps)-1].End, Pieces: ps,
			Session: "Grade", People: []Ref{sam}, LastModified: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}
		if rapid.Bool().Draw(rt, "past") {
			b.Past = []Past{{Pieces: drawPieces(rt, "past"), People: []Ref{sam, rosa}}}
		}
		feeds, err := Feeds(prod, []Booking{b})
		if err != nil {
			rt.Fatal(err)
		}
		for _, f := range feeds {
			render := func() []*ical.Component {
				var buf bytes.Buffer
				if err := WriteCalendar(&buf, f); err != nil {
					rt.Fatal(err)
				}
				cal, err := ical.NewDecoder(&buf).Decode()
				if err != nil {
					rt.Fatal(err)
				}
				out := make([]*ical.Component, len(cal.Events()))
				for i, ev := range cal.Events() {
					out[i] = ev.Component
				}
				return out
			}
			first, second := render(), render()
			if len(first) != len(second) {
				rt.Fatalf("%s: %d events, then %d", f.Key, len(first), len(second))
			}
			uids := map[string]bool{}
			var live []Piece
			for i, c := range first {
				ev := ical.Event{Component: c}
				uid, _ := ev.Props.Text(ical.PropUID)
				if again, _ := (ical.Event{Component: second[i]}).Props.Text(ical.PropUID); again != uid {
					rt.Fatalf("%s: event %d is %s, then %s", f.Key, i, uid, again)
				}
				if uids[uid] {
					rt.Fatalf("%s: UID %s twice", f.Key, uid)
				}
				uids[uid] = true
				start, err1 := ev.DateTimeStart(london)
				end, err2 := ev.DateTimeEnd(london)
				if err1 != nil || err2 != nil {
					rt.Fatalf("%s %s: %v %v", f.Key, uid, err1, err2)
				}
				if !end.After(start) || !sameDay(start.In(london), end.In(london).Add(-time.Nanosecond)) ||
					end.Sub(start) > localDay(start, london) {
					rt.Fatalf("%s %s: %v to %v is not within one local day", f.Key, uid, start, end)
				}
				if st, _ := ev.Status(); st != ical.EventCancelled && f.holds(b) {
					live = append(live, Piece{Start: start, End: end})
				}
			}
			if !f.holds(b) {
				continue // Rosa, taken off: everything cancelled
			}
			// Live events tile the pieces: each inside one piece, and
			// joined where they touch, exactly the pieces.
			var joined []Piece
			for _, p := range live {
				if n := len(joined); n > 0 && joined[n-1].End.Equal(p.Start) {
					joined[n-1].End = p.End
					continue
				}
				joined = append(joined, p)
			}
			if len(joined) != len(ps) {
				rt.Fatalf("%s: live events join to %v, want the pieces %v", f.Key, joined, ps)
			}
			for i := range ps {
				if !joined[i].equal(ps[i]) {
					rt.Fatalf("%s: live events join to %v, want the pieces %v", f.Key, joined, ps)
				}
			}
		}
	})
}

// TestDays: splitting at local midnight, across both clock changes; and
// at 02:00 when working days start then (WorkingDays), where a night's
// overtime stays with its day and the cut is still at 02:00 local across
// the spring change.
func TestDays(t *testing.T) {
	london := mustZone(t, "Europe/London")
	utc := func(mo time.Month, d, h int) time.Time { return time.Date(2026, mo, d, h, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name  string
		start time.Duration
		in    Piece
		want  []Piece
	}{
		{"within a day", 0, Piece{utc(6, 1, 8), utc(6, 1, 18)}, []Piece{{utc(6, 1, 8), utc(6, 1, 18)}}},
		{"to midnight", 0, Piece{utc(6, 1, 8), utc(6, 1, 23)}, []Piece{{utc(6, 1, 8), utc(6, 1, 23)}}},
		{"over midnight (BST)", 0, Piece{utc(6, 1, 21), utc(6, 2, 1)},
			[]Piece{{utc(6, 1, 21), utc(6, 1, 23)}, {utc(6, 1, 23), utc(6, 2, 1)}}},
		{"the 25-hour day", 0, Piece{utc(10, 24, 23), utc(10, 26, 0)}, []Piece{{utc(10, 24, 23), utc(10, 26, 0)}}},
		{"the 23-hour day", 0, Piece{utc(3, 29, 0), utc(3, 30, 2)},
			[]Piece{{utc(3, 29, 0), utc(3, 29, 23)}, {utc(3, 29, 23), utc(3, 30, 2)}}},
		{"from 02:00: 09:00 to 01:00 BST", 2 * time.Hour, Piece{utc(6, 5, 8), utc(6, 6, 0)}, []Piece{{utc(6, 5, 8), utc(6, 6, 0)}}},
		{"from 02:00: 09:00 to 03:00 BST", 2 * time.Hour, Piece{utc(6, 5, 8), utc(6, 6, 2)},
			[]Piece{{utc(6, 5, 8), utc(6, 6, 1)}, {utc(6, 6, 1), utc(6, 6, 2)}}},
		{"from 02:00: into the spring change", 2 * time.Hour, Piece{utc(3, 28, 9), utc(3, 29, 3)},
			[]Piece{{utc(3, 28, 9), utc(3, 29, 1)}, {utc(3, 29, 1), utc(3, 29, 3)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := WorkingDays([]Piece{tc.in}, london, tc.start)
			if len(got) != len(tc.want) {
				t.Fatalf("WorkingDays = %v, want %v", got, tc.want)
			}
			for i := range got {
				if !got[i].equal(tc.want[i]) {
					t.Errorf("day %d = %v, want %v", i+1, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestRepeated: only wall-clock times in the hour the clocks repeat are
// ambiguous.
func TestRepeated(t *testing.T) {
	london := mustZone(t, "Europe/London")
	for _, tc := range []struct {
		at   time.Time // UTC
		want bool
	}{
		{time.Date(2026, 10, 24, 23, 59, 0, 0, time.UTC), false}, // 00:59 BST
		{time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), true},    // 01:00 BST, the first
		{time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), true},   // 01:30 BST
		{time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), true},   // 01:30 GMT, the second
		{time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC), false},   // 02:00 GMT
		{time.Date(2026, 3, 29, 0, 59, 0, 0, time.UTC), false},   // 00:59 GMT, before the skip
		{time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), false},    // 02:00 BST, after it
	} {
		if got := repeated(tc.at.In(london)); got != tc.want {
			t.Errorf("repeated(%s) = %v, want %v", tc.at.In(london).Format(time.RFC3339), got, tc.want)
		}
	}
	if repeated(time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)) {
		t.Error("UTC has no repeated hour")
	}
}
