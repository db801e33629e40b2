package schedule_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/compile/compiletest"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/solver"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// shortSolution compiles compiletest.Short and places it by hand: picture
// lock Mon 19 Oct 09:00; the grade confirmed for Fri 23 Oct 09:00, split
// over the October clock change into Fri 09:00–19:00 and Mon 26 Oct
// 09:00–19:00; ADR Mon 26 Oct 10:00–14:00 in ADR 1 with Ola and Maya. The
// solver's independent verifier must accept it.
func shortSolution(t *testing.T) (*compile.Compiled, *solver.Solution) {
	t.Helper()
	p := compiletest.Short()
	c, err := compile.Compile(p, compile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pl := shortPlacements()
	c.Problem.Tasks[1].Pin = &solver.Placement{Start: pl[1].Start, Resources: pl[1].Resources}
	sol := &solver.Solution{
		Placements: pl,
		Pieces:     [][]solver.Interval{nil, {{Start: fri23 + 18, End: fri23 + 38}, {Start: mon26 + 18, End: mon26 + 38}}, {{Start: mon26 + 20, End: mon26 + 28}}},
		Ends:       []solver.Slot{mon19 + 18, mon26 + 38, mon26 + 28},
		Makespan:   mon26 + 38,
		Bound:      solver.Bound{Cost: 6000, Makespan: 40, Method: "critical path"},
		Stats:      solver.Stats{Iterations: 100, Seed: 1, Workers: 1, Elapsed: time.Second},
	}
	if sol.Cost, err = solver.RecomputeCost(c.Problem, pl); err != nil {
		t.Fatal(err)
	}
	if err := solver.Verify(c.Problem, sol); err != nil {
		t.Fatalf("the compiled problem rejects the hand-made schedule: %v", err)
	}
	return c, sol
}

func TestBuildAcrossClockChange(t *testing.T) {
	c, sol := shortSolution(t)
	s, err := schedule.Build(c, sol)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Bookings) != 2 || len(s.Milestones) != 1 {
		t.Fatalf("%d bookings, %d milestones", len(s.Bookings), len(s.Milestones))
	}
	grade := s.Bookings[0]
	if grade.ID != "grade" || grade.Status != booking.Confirmed || len(grade.Pieces) != 2 {
		t.Fatalf("grade booking %+v", grade)
	}
	// Both pieces are 09:00–19:00 wall clock, though the clocks went back
	// on Sunday 25 October.
	want := []string{"Fri 23 Oct 09:00 BST – 19:00", "Mon 26 Oct 09:00 GMT – 19:00"}
	for i, pc := range grade.Pieces {
		if got := pc.Start.Format("Mon 2 Jan 15:04 MST") + " – " + pc.End.Format("15:04"); got != want[i] {
			t.Errorf("piece %d: %s, want %s", i, got, want[i])
		}
	}
	if grade.Hours() != 20 {
		t.Errorf("grade hours %v", grade.Hours())
	}
	adr := s.Bookings[1]
	if adr.Status != booking.Pencil || len(adr.Suites) != 1 || adr.Suites[0] != "ADR 1" || adr.Artistes[0] != "Maya Rees" || adr.People[0] != "Ola Berg" {
		t.Errorf("adr booking %+v", adr)
	}
	if got := s.Delivery.Format(time.DateTime); got != "2026-10-26 19:00:00" {
		t.Errorf("delivery %s", got)
	}
	// The bookings' shares add up to the resource cost.
	var shares, resources float64
	for _, b := range s.Bookings {
		shares += b.Cost
	}
	for _, a := range s.Cost.Resources {
		resources += a.Amount
	}
	if diff := shares - resources; diff > 1e-6 || diff < -1e-6 {
		t.Errorf("booking costs sum to %v, resources cost %v", shares, resources)
	}
}

func TestRenderGolden(t *testing.T) {
	c, sol := shortSolution(t)
	s, err := schedule.Build(c, sol)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ format, file string }{
		{schedule.FormatTable, "short.txt"},
		{schedule.FormatJSON, "short.json"},
		{schedule.FormatCSV, "short.csv"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := schedule.Write(&buf, s, tt.format); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tt.file), buf.Bytes())
		})
	}
	if err := schedule.Write(&bytes.Buffer{}, s, "pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}

// golden compares got with the file, rewriting it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestBuildRejectsMismatch(t *testing.T) {
	c, sol := shortSolution(t)
	sol.Placements = sol.Placements[:2]
	if _, err := schedule.Build(c, sol); err == nil {
		t.Error("a solution with too few placements was accepted")
	}
}

// The short job's days as slots: Mon 19, Fri 23 and Mon 26 October 2026.
const mon19, fri23, mon26 = 0, 4 * 48, 7 * 48

// shortPlacements places the short job as shortSolution describes: the
// lock Mon 19 Oct 09:00, the grade from Fri 23 Oct 09:00 with Inès in
// Grade A, the ADR Mon 26 Oct 10:00 in ADR 1 with Ola and Maya.
func shortPlacements() []solver.Placement {
	return []solver.Placement{
		{Start: mon19 + 18},
		{Start: fri23 + 18, Resources: []solver.ResourceID{0, 2}},
		{Start: mon26 + 20, Resources: []solver.ResourceID{1, 3, 4}},
	}
}
