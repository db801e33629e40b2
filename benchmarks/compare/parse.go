package compare

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Status is how far a solver got on an instance.
type Status string

// Statuses, as run-rcpsp.sh and MiniZinc report them.
const (
	// StatusOptimal means the solver proved its value optimal.
	StatusOptimal Status = "OPTIMAL"
	// StatusFeasible means a schedule was found without proof.
	StatusFeasible Status = "FEASIBLE"
	// StatusUnknown means no schedule was found within the limit.
	StatusUnknown Status = "UNKNOWN"
	// StatusSkipped means the solver was not run (see Outcome.Note).
	StatusSkipped Status = "SKIPPED"
)

// ErrPeerOutput means a peer printed something this package cannot read.
var ErrPeerOutput = errors.New("compare: unreadable peer output")

var rcpspLine = regexp.MustCompile(`^(\S+) (\S+) makespan=(\d+|none) status=(OPTIMAL|FEASIBLE|UNKNOWN) wall=([0-9.]+)s$`)

// RCPSPLine is one line of run-rcpsp.sh.
type RCPSPLine struct {
	// Instance and Solver echo the script's arguments.
	Instance, Solver string
	// Makespan is the best makespan found; valid when Found.
	Makespan int
	// Found reports that the peer printed a makespan.
	Found bool
	// Status is the script's verdict.
	Status Status
	// Wall is the script's own wall time, start-up included.
	Wall time.Duration
}

// ParseRCPSPLine reads the last non-empty line of run-rcpsp.sh's output,
// `NAME SOLVER makespan=M status=S wall=Ts`.
func ParseRCPSPLine(out string) (RCPSPLine, error) {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	m := rcpspLine.FindStringSubmatch(last)
	if m == nil {
		return RCPSPLine{}, fmt.Errorf("%w: run-rcpsp.sh line %q", ErrPeerOutput, last)
	}
	r := RCPSPLine{Instance: m[1], Solver: m[2], Status: Status(m[4])}
	if m[3] != "none" {
		v, err := strconv.Atoi(m[3])
		if err != nil {
			return RCPSPLine{}, fmt.Errorf("%w: makespan %q: %v", ErrPeerOutput, m[3], err)
		}
		r.Makespan, r.Found = v, true
	}
	secs, err := strconv.ParseFloat(m[5], 64)
	if err != nil {
		return RCPSPLine{}, fmt.Errorf("%w: wall %q: %v", ErrPeerOutput, m[5], err)
	}
	r.Wall = time.Duration(secs * float64(time.Second))
	return r, nil
}

// MiniZinc output markers: pencil.mzn prints `objective = N` (whole
// phase only), `makespan = N` and `rest = N` per solution; MiniZinc closes
// each solution with ---------- and a proof with ==========.
var (
	valueRE     = regexp.MustCompile(`^(objective|makespan|rest) = (-?\d+)$`)
	elapsedRE   = regexp.MustCompile(`^% time elapsed: ([0-9.]+) s$`)
	solutionEnd = "----------"
	proofLine   = "=========="
	unsatLine   = "=====UNSATISFIABLE====="
)

// minizincReader follows MiniZinc's output of one phase line by line: the
// best objective, the smallest makespan, and the time of the first
// solution.
type minizincReader struct {
	// weight is the export's makespan weight, which turns a solution's
	// makespan and rest into its objective when the phase prints none.
	weight int64
	// cur holds the values of the solution being printed.
	cur map[string]int64

	best         int64 // objective of the best solution, valid when found
	bestMakespan int64 // smallest makespan printed, valid when makespanOK
	makespanOK   bool
	found        bool
	proved       bool
	unsat        bool
	// firstAt and bestAt are the times of the first and the best
	// solution: MiniZinc's own clock (--output-time) when it printed one
	// for the solution, else when the solution's end arrived.
	firstAt, bestAt time.Duration
	// curAt is MiniZinc's clock printed for the solution being printed;
	// curAtOK reports it was.
	curAt   time.Duration
	curAtOK bool
	// elapsed is the last time MiniZinc's clock printed; elapsedOK
	// reports that it printed one.
	elapsed   time.Duration
	elapsedOK bool
	solutions int
}

// line takes one output line seen at elapsed time since the start.
func (m *minizincReader) line(s string, elapsed time.Duration) error {
	s = strings.TrimSpace(s)
	switch {
	case s == proofLine:
		m.proved = true
	case s == unsatLine:
		m.unsat = true
	case s == solutionEnd:
		return m.endSolution(elapsed)
	case elapsedRE.MatchString(s):
		secs, err := strconv.ParseFloat(elapsedRE.FindStringSubmatch(s)[1], 64)
		if err != nil || secs > 1e6 {
			return fmt.Errorf("%w: elapsed %q", ErrPeerOutput, s)
		}
		m.elapsed, m.elapsedOK = time.Duration(secs*float64(time.Second)), true
		if len(m.cur) > 0 {
			m.curAt, m.curAtOK = m.elapsed, true
		}
	default:
		g := valueRE.FindStringSubmatch(s)
		if g == nil {
			return nil
		}
		v, err := strconv.ParseInt(g[2], 10, 64)
		if err != nil {
			return fmt.Errorf("%w: %s %q: %v", ErrPeerOutput, g[1], g[2], err)
		}
		if m.cur == nil {
			m.cur = map[string]int64{}
		}
		m.cur[g[1]] = v
	}
	return nil
}

// endSolution closes the solution being printed: its objective is the one
// printed, or rest + weight × makespan.
func (m *minizincReader) endSolution(elapsed time.Duration) error {
	cur, at := m.cur, elapsed
	if m.curAtOK {
		at = m.curAt
	}
	m.cur, m.curAtOK = nil, false
	obj, ok := cur["objective"]
	ms, hasMakespan := cur["makespan"]
	if !ok {
		rest, hasRest := cur["rest"]
		if !hasMakespan || !hasRest {
			return fmt.Errorf("%w: a solution without objective, makespan or rest", ErrPeerOutput)
		}
		obj = rest + m.weight*ms
	}
	if !m.found || obj < m.best {
		m.best, m.bestAt = obj, at
	}
	if hasMakespan && (!m.makespanOK || ms < m.bestMakespan) {
		m.bestMakespan, m.makespanOK = ms, true
	}
	if !m.found {
		m.firstAt = at
	}
	m.found = true
	m.solutions++
	return nil
}

// first is the time of the first solution: MiniZinc's own clock when it
// printed one, else when its line arrived.
func (m *minizincReader) first() time.Duration {
	return m.firstAt
}

// status is the verdict after the run.
func (m *minizincReader) status() Status {
	switch {
	case m.found && m.proved:
		return StatusOptimal
	case m.found:
		return StatusFeasible
	default:
		return StatusUnknown
	}
}
