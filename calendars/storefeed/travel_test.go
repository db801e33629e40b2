package storefeed

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/store"
)

// mayaADR is ADR booking id with Maya on June day, 09:00–13:00.
func mayaADR(id string, day int) store.Booking {
	b := adr(day)
	b.ID, b.People, b.Note = id, nil, ""
	return b
}

// TestSourceJourneyHistory: Maya travels 3h each way. Re-pencils that
// change her visits keep every journey she was shown in her feed: one
// whose booking no longer opens or closes a visit stays CANCELLED at its
// last time with a raised SEQUENCE, even when its booking did not move,
// and one that comes back is raised again. Journeys are read from the
// committed record alone (each run's history).
func TestSourceJourneyHistory(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	roster := testRoster(t)
	roster.Production.Travel = map[string]calendars.Journey{"maya": {Time: 3 * time.Hour, PerVisit: 220}}
	src := NewSource(st, roster, Options{MaxAge: time.Minute, Now: clk.now})
	uid := func(s string) string { return s + "@harbour-lights.pencil" }
	type want map[string]event // journey UID stem -> SEQUENCE and STATUS
	tent := func(seq int) event { return event{seq: seq, status: "TENTATIVE"} }
	gone := func(seq int) event { return event{seq: seq, status: "CANCELLED"} }
	for i, run := range []struct {
		name     string
		bookings []store.Booking
		want     want
	}{
		{"one visit over two days", []store.Booking{mayaADR("A", 8), mayaADR("B", 9)},
			want{"A-travel-to": tent(0), "B-travel-home": tent(0)}},
		// B is untouched, but C now closes the visit: B's journey home
		// is cancelled at a SEQUENCE above the one it was shown at.
		{"a day added", []store.Booking{mayaADR("A", 8), mayaADR("B", 9), mayaADR("C", 10)},
			want{"A-travel-to": tent(0), "B-travel-home": gone(1), "C-travel-home": tent(0)}},
		// A is released: B opens the visit.
		{"the first day released", []store.Booking{mayaADR("B", 9), mayaADR("C", 10)},
			want{"A-travel-to": gone(1), "B-travel-home": gone(1), "B-travel-to": tent(0), "C-travel-home": tent(0)}},
		// C is released: B closes the visit again, above its cancellation.
		{"the last day released", []store.Booking{mayaADR("B", 9)},
			want{"A-travel-to": gone(1), "B-travel-home": tent(2), "B-travel-to": tent(0), "C-travel-home": gone(1)}},
		// B moves: its journeys move with it, keeping their UIDs.
		{"the visit moves", []store.Booking{mayaADR("B", 16)},
			want{"A-travel-to": gone(1), "B-travel-home": tent(3), "B-travel-to": tent(1), "C-travel-home": gone(1)}},
	} {
		commit(t, st, run.bookings...)
		clk.tick(time.Hour)
		feed := readAll(t, src)["artiste/maya"]
		evs := events(t, feed.Body)
		got := map[string]event{}
		for k, ev := range evs {
			if stem, ok := cutTravel(k); ok {
				got[stem] = ev
			}
		}
		if !maps.Equal(got, map[string]event(run.want)) {
			t.Errorf("run %d (%s): journeys %v, want %v", i+1, run.name, got, run.want)
		}
		// The same store read afresh (a restarted server) says the same.
		again := events(t, readAll(t, NewSource(st, roster, Options{MaxAge: time.Minute, Now: clk.now}))["artiste/maya"].Body)
		if !maps.Equal(again, evs) {
			t.Errorf("run %d (%s): a fresh read differs: %v, was %v", i+1, run.name, again, evs)
		}
		for stem := range run.want {
			if _, ok := evs[uid(stem)]; !ok {
				t.Errorf("run %d: no %s", i+1, uid(stem))
			}
		}
	}
}

// cutTravel returns the stem of a journey's UID ("B-travel-to").
func cutTravel(uid string) (string, bool) {
	stem, _, _ := strings.Cut(uid, "@")
	return stem, strings.HasSuffix(stem, "-travel-to") || strings.HasSuffix(stem, "-travel-home")
}
