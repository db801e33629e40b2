package repencil

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestBookingInTheWay replays the re-pencils the confirmed-bookings
// property once saw end "no feasible schedule" with nothing named: Night
// Shift is solved and committed, some of its bookings confirmed, then one
// input changes so that the cut no longer ends before the confirmed grade.
// With the offline suite closed on the first day, the cheap checks name
// the cut and the grade, but the short search then gives up on picture
// lock without a conflict (the longer search of pinsInTheWay finds the
// schedule). With the editor off on the third day, the cheap checks name
// the grade, and then the cut cannot fit around the confirmed trailer
// before the confirmed mix: the deletion filter over the pins names the
// mix and the trailer, and the mix is released. Each re-pencil must name
// the confirmed bookings in the way, with why and where they could go,
// and commit; the golden files hold what the coordinator reads.
func TestBookingInTheWay(t *testing.T) {
	tests := []struct {
		name    string
		confirm []string
		change  func(ns *nightShift)
	}{
		{"offline-closed-on-the-first-day", []string{"cut", "grade", "mix"},
			func(ns *nightShift) { ns.closed["offline-1"] = []int{1} }},
		{"editor-off-on-the-third-day", []string{"grade", "mix", "trailer"},
			func(ns *nightShift) { ns.off["sam"] = []int{3} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ns.db"), store.Options{Now: func() time.Time { return propNow }})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ns := nightShift{delivery: 19, mayaFrom: 8, mayaTo: 19, off: map[string][]int{}, closed: map[string][]int{}}
			if _, _, err := repencilRun(ctx, st, ns); err != nil {
				t.Fatalf("first run: %v", err)
			}
			ids := make([]string, len(tt.confirm))
			for i, s := range tt.confirm {
				ids[i] = "B-night-shift-" + s
			}
			if _, err := st.Confirm(ctx, ids, "producer signed off", "jo"); err != nil {
				t.Fatal(err)
			}
			tt.change(&ns)
			pl, _, err := repencilRun(ctx, st, ns)
			if err != nil {
				t.Fatalf("re-pencil after %s: %v", ns.describe(), err)
			}
			if len(pl.Conflicts) == 0 {
				t.Fatalf("re-pencil after %s names no confirmed booking in the way", ns.describe())
			}
			loc := pl.Compiled.Grid.Location
			var b strings.Builder
			fmt.Fprintf(&b, "after: %s\n", ns.describe())
			for _, c := range pl.Conflicts {
				fmt.Fprintf(&b, "confirmed %s\n  because: %s\n", bookingLine(c.Booking, loc), c.Why)
				if c.Suggest == nil {
					t.Errorf("conflict %s has no suggestion", c.Booking.ID)
					continue
				}
				fmt.Fprintf(&b, "  suggest: %s\n", bookingLine(*c.Suggest, loc))
			}
			checkGolden(t, filepath.Join("testdata", "inway", tt.name+".golden"), b.String())
		})
	}
}

// bookingLine writes a booking as the coordinator reads it: id, session,
// time, suite and people.
func bookingLine(b store.Booking, loc *time.Location) string {
	return fmt.Sprintf("%s: %s, %s – %s in %s with %s", b.ID, b.Session,
		b.Start.In(loc).Format("Mon 2 Jan 15:04"), b.End.In(loc).Format("Mon 2 Jan 15:04"), b.Suite, strings.Join(b.People, ", "))
}

// checkGolden compares got with the golden file at path, rewriting it
// with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./model/repencil -run %s -update)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./model/repencil -run TestBookingInTheWay -update, then review the diff):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
