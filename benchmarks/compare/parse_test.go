package compare

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// Lines captured from shared/peers/run-rcpsp.sh on this machine.
func TestParseRCPSPLine(t *testing.T) {
	for _, tc := range []struct {
		name, out string
		want      RCPSPLine
		err       bool
	}{
		{name: "chuffed optimal", out: "j301_1 chuffed makespan=43 status=OPTIMAL wall=3.51s\n",
			want: RCPSPLine{Instance: "j301_1", Solver: "chuffed", Makespan: 43, Found: true, Status: StatusOptimal, Wall: 3510 * time.Millisecond}},
		{name: "highs feasible", out: "j301_1 highs-lp makespan=55 status=FEASIBLE wall=1.86s",
			want: RCPSPLine{Instance: "j301_1", Solver: "highs-lp", Makespan: 55, Found: true, Status: StatusFeasible, Wall: 1860 * time.Millisecond}},
		{name: "highs nothing", out: "j3025_1 highs-lp makespan=none status=UNKNOWN wall=1.70s",
			want: RCPSPLine{Instance: "j3025_1", Solver: "highs-lp", Status: StatusUnknown, Wall: 1700 * time.Millisecond}},
		{name: "noise before the line", out: "warning: slow\nj301_1 chuffed makespan=43 status=OPTIMAL wall=1.20s\n\n",
			want: RCPSPLine{Instance: "j301_1", Solver: "chuffed", Makespan: 43, Found: true, Status: StatusOptimal, Wall: 1200 * time.Millisecond}},
		{name: "unknown solver message", out: "unknown solver foo", err: true},
		{name: "empty", out: "", err: true},
		{name: "bad status", out: "j301_1 chuffed makespan=43 status=DONE wall=1.20s", err: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseRCPSPLine(tc.out)
			if tc.err {
				if !errors.Is(err, ErrPeerOutput) {
					t.Fatalf("err = %v, want ErrPeerOutput", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestMiniZincReader feeds output of Chuffed (-a --output-time) on an
// export of iMOPSE Small/10_3_5_3, captured here, and short real cases.
func TestMiniZincReader(t *testing.T) {
	captured, err := os.ReadFile("testdata/chuffed-imopse-10_3_5_3.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		out        string
		weight     int64
		best       int64
		makespan   int64
		bestAt     time.Duration // checked when not 0
		found      bool
		first      time.Duration
		status     Status
		unsat, bad bool
	}{
		{name: "captured, time limit reached", out: string(captured), best: 79654840, makespan: 195, found: true,
			first: 2210 * time.Millisecond, status: StatusFeasible},
		{name: "proved", out: "objective = 4300\nmakespan = 43\n% time elapsed: 0.50 s\n----------\n==========\n% time elapsed: 0.61 s\n",
			best: 4300, makespan: 43, found: true, first: 500 * time.Millisecond, status: StatusOptimal},
		{name: "makespan phase: objective from makespan and rest", weight: 1648700,
			out:  "makespan = 130\nrest = 2900000\n% time elapsed: 2.00 s\n----------\nmakespan = 128\nrest = 2950000\n% time elapsed: 3.10 s\n----------\n==========\n% time elapsed: 3.20 s\n",
			best: 2950000 + 128*1648700, makespan: 128, bestAt: 3100 * time.Millisecond, found: true, first: 2 * time.Second, status: StatusOptimal},
		{name: "rest phase: the lowest rest wins", weight: 10,
			out:  "makespan = 128\nrest = 300\n----------\nmakespan = 127\nrest = 299\n----------\n",
			best: 299 + 1270, makespan: 127, found: true, first: time.Second, status: StatusFeasible},
		{name: "a solution without its values", out: "starts = [1, 2]\n----------\n", bad: true},
		{name: "no elapsed lines: arrival time", out: "objective = 12\n----------\n",
			best: 12, found: true, first: time.Second, status: StatusFeasible},
		{name: "unsatisfiable", out: "=====UNSATISFIABLE=====\n", status: StatusUnknown, unsat: true},
		{name: "nothing in time", out: "=====UNKNOWN=====\n", status: StatusUnknown},
		{name: "objective too large", out: "objective = 99999999999999999999\n", bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := minizincReader{weight: tc.weight}
			var err error
			for _, l := range strings.Split(tc.out, "\n") {
				if e := m.line(l, time.Second); e != nil && err == nil {
					err = e
				}
			}
			if tc.bad {
				if !errors.Is(err, ErrPeerOutput) {
					t.Fatalf("err = %v, want ErrPeerOutput", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.bestAt != 0 && m.bestAt != tc.bestAt {
				t.Errorf("best at %v, want %v", m.bestAt, tc.bestAt)
			}
			if tc.found && m.bestMakespan != tc.makespan {
				t.Errorf("best makespan %d, want %d", m.bestMakespan, tc.makespan)
			}
			if m.best != tc.best || m.found != tc.found || m.first() != tc.first || m.status() != tc.status || m.unsat != tc.unsat {
				t.Errorf("best %d found %v first %v status %s unsat %v; want %d %v %v %s %v",
					m.best, m.found, m.first(), m.status(), m.unsat, tc.best, tc.found, tc.first, tc.status, tc.unsat)
			}
		})
	}
}

func TestTailWriter(t *testing.T) {
	var w tailWriter
	fmt.Fprintf(&w, "%s\nError: type error\n\n", strings.Repeat("x", 2*tailKeep))
	if got := w.lastLine(); got != "Error: type error" {
		t.Errorf("last line %q", got)
	}
	if len(w.buf) > tailKeep {
		t.Errorf("kept %d bytes", len(w.buf))
	}
}
