package storefeed_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/calendars/storefeed"
	"github.com/pencil-post/pencil/model/store"
)

// ExampleSource serves the booking store's bookings as calendars: a run
// that changes nothing keeps the feed's ETag, so subscribers get 304.
func ExampleSource() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "storefeed-example-")
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, filepath.Join(dir, "pencil.db"), store.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	start := time.Date(2026, 10, 26, 10, 0, 0, 0, time.UTC)
	run := store.RunInput{Production: "Short", Fingerprint: store.Fingerprint([]byte("short.yaml")),
		Bookings: []store.Booking{{ID: "B-short-adr", Production: "Short", Session: "ADR", Suite: "adr-1",
			People: []string{"ola"}, Artistes: []string{"maya"}, Start: start, End: start.Add(4 * time.Hour)}}}
	if _, err := st.CommitRun(ctx, run); err != nil {
		fmt.Println(err)
		return
	}
	loc, _ := time.LoadLocation("Europe/London")
	roster := storefeed.Roster{
		Production: calendars.Production{ID: "short", Name: "Short", TimeZone: loc,
			Artistes: []calendars.Ref{{ID: "maya", Name: "Maya Rees"}}},
		Scope: "Short",
	}
	src := storefeed.NewSource(st, roster, storefeed.Options{MaxAge: time.Nanosecond})
	first, err := src.Feed(ctx, calendars.FeedKey(calendars.KindArtiste, "maya"))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := st.CommitRun(ctx, run); err != nil { // the same schedule again
		fmt.Println(err)
		return
	}
	again, _ := src.Feed(ctx, calendars.FeedKey(calendars.KindArtiste, "maya"))
	fmt.Println("same ETag after an unchanged run:", first.ETag == again.ETag)
	_, bookings, _ := storefeed.Snapshot(ctx, st, roster)
	fmt.Println(calendars.UID(roster.Production, bookings[0].ID, 1), bookings[0].Status, bookings[0].Artistes[0].Name)
	// Output:
	// same ETag after an unchanged run: true
	// B-short-adr-1@short.pencil pencil Maya Rees
}
