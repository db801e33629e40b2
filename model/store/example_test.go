package store_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

// Example pencils an ADR session, re-pencils it two days later, and prints
// who must be told what.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "pencil")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	clock := time.Date(2026, 5, 11, 8, 0, 0, 0, time.UTC)
	st, err := store.Open(ctx, filepath.Join(dir, "pencil.db"), store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()

	adr := store.Booking{ID: "B-0142", Production: "Harbour Lights", Session: "ADR", Episode: "3", Suite: "adr-1",
		Start: time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 5, 12, 13, 0, 0, 0, time.UTC),
		People: []string{"ravi"}, Artistes: []string{"maya"}}
	fp := store.Fingerprint([]byte("project.yaml v1"))
	if _, err := st.CommitRun(ctx, store.RunInput{Fingerprint: fp, Who: "jo", Why: "first schedule", Bookings: []store.Booking{adr}}); err != nil {
		log.Fatal(err)
	}

	adr.Start, adr.End = adr.Start.AddDate(0, 0, 2), adr.End.AddDate(0, 0, 2)
	fp = store.Fingerprint([]byte("project.yaml v2"))
	res, err := st.CommitRun(ctx, store.RunInput{Fingerprint: fp, Who: "jo", Why: "Maya's agent moved her", Bookings: []store.Booking{adr}})
	if err != nil {
		log.Fatal(err)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		log.Fatal(err)
	}
	names := map[string]string{"ravi": "Ravi Shah", "maya": "Maya Rees"}
	if err := res.Report.WriteText(os.Stdout, store.RenderOptions{Location: london, Names: names}); err != nil {
		log.Fatal(err)
	}
	b, err := st.Bookings(ctx, store.Filter{Artiste: "maya"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\nsequence:", b[0].Sequence)
	// Output:
	// Run 2, Mon 11 May 2026 09:00 BST, by jo: Maya's agent moved her
	// 1 moved, 0 reassigned, 0 new, 0 released, 0 promoted; 0 conflicts; 0 unchanged
	//
	// Tell Ravi Shah:
	//   - ADR Ep 3 moved from Tue 12 May 10:00–14:00 to Thu 14 May 10:00–14:00 in adr-1 [B-0142]
	//
	// Tell Maya Rees' agent:
	//   - ADR Ep 3 moved from Tue 12 May 10:00–14:00 to Thu 14 May 10:00–14:00 in adr-1 [B-0142]
	//
	// sequence: 1
}
