package compare

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// FuzzParseRCPSPLine: any input either parses into a consistent line
// (a makespan only when found, never negative) or fails with ErrPeerOutput.
func FuzzParseRCPSPLine(f *testing.F) {
	for _, s := range []string{
		"j301_1 chuffed makespan=43 status=OPTIMAL wall=3.51s",
		"j3025_1 highs-lp makespan=none status=UNKNOWN wall=1.70s",
		"unknown solver foo",
		"",
		"a b makespan=99999999999999999999999 status=FEASIBLE wall=1s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseRCPSPLine(s)
		if err != nil {
			if !errors.Is(err, ErrPeerOutput) {
				t.Fatalf("error %v is not ErrPeerOutput", err)
			}
			return
		}
		if got.Makespan < 0 || (!got.Found && got.Makespan != 0) || got.Wall < 0 || got.Instance == "" || got.Solver == "" ||
			!strings.Contains(s, "status="+string(got.Status)) {
			t.Fatalf("parsed %q into %+v", s, got)
		}
	})
}

// FuzzMiniZincReader: any output leaves the reader consistent: a status
// of optimal or feasible exactly when an objective was read.
func FuzzMiniZincReader(f *testing.F) {
	f.Add("objective = 4300\n% time elapsed: 0.50 s\n----------\n==========\n")
	f.Add("=====UNSATISFIABLE=====\n")
	f.Add("makespan = 128\nrest = 2899050\n% time elapsed: 3.10 s\n----------\n==========\n")
	f.Add("rest = 5\n----------\n")
	f.Add("% time elapsed: 1e999 s\nobjective = -3\n")
	f.Fuzz(func(t *testing.T, out string) {
		m := minizincReader{weight: 1648700}
		for i, l := range strings.Split(out, "\n") {
			if err := m.line(l, time.Duration(i)); err != nil && !errors.Is(err, ErrPeerOutput) {
				t.Fatalf("error %v is not ErrPeerOutput", err)
			}
		}
		if (m.status() != StatusUnknown) != m.found {
			t.Fatalf("status %s with found %v", m.status(), m.found)
		}
	})
}

// TestSummaryCounts: over any rows, better, equal and worse add up to
// the instances both solved, and the means match the counts.
func TestSummaryCounts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		outcome := func(label string) Outcome {
			st := rapid.SampledFrom([]Status{StatusOptimal, StatusFeasible, StatusUnknown, StatusSkipped}).Draw(t, label+" status")
			o := Outcome{Status: st}
			if st == StatusOptimal || st == StatusFeasible {
				o.Found = true
				o.Value = float64(rapid.IntRange(1, 100).Draw(t, label+" value"))
				o.FirstFeasible = time.Duration(rapid.IntRange(1, 1000).Draw(t, label+" first"))
			}
			return o
		}
		n := rapid.IntRange(0, 12).Draw(t, "rows")
		rep := &Report{Family: FamilyIMOPSE, Peers: []string{PeerChuffed}}
		for i := range n {
			p := outcome(fmt.Sprint("pencil ", i))
			if p.Status == StatusSkipped {
				p.Status = StatusUnknown
			}
			rep.Rows = append(rep.Rows, Row{Instance: fmt.Sprint(i), Pencil: p, Peers: []Outcome{outcome(fmt.Sprint("peer ", i))}})
		}
		s := rep.Summarize()[0]
		if s.Better+s.Equal+s.Worse != s.Both {
			t.Fatalf("better %d + equal %d + worse %d != both %d", s.Better, s.Equal, s.Worse, s.Both)
		}
		if s.Both+s.PencilOnly+s.PeerOnly+s.Skipped > n || s.PencilMatched > s.PeerOptimal {
			t.Fatalf("counts exceed the rows: %+v of %d", s, n)
		}
		if s.Both > 0 && (s.PencilMean < 1 || s.PencilMean > 100 || s.PeerMean < 1 || s.PeerMean > 100) {
			t.Fatalf("means outside the values: %+v", s)
		}
		if s.Better == s.Both && s.Both > 0 && s.Ratio >= 1 {
			t.Fatalf("pencil better everywhere but ratio %v", s.Ratio)
		}
	})
}
