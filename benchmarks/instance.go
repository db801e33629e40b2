package benchmarks

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pencil-post/pencil/solver"
)

// Kind names a family of benchmark instances.
type Kind string

// Instance families the loaders understand.
const (
	// KindPSPLIB is PSPLIB single-mode RCPSP (.sm files).
	KindPSPLIB Kind = "psplib"
	// KindIMOPSE is iMOPSE multi-skill RCPSP (.def files).
	KindIMOPSE Kind = "imopse"
)

// Counts are the sizes a file's header declares.
type Counts struct {
	// Tasks counts jobs or tasks, PSPLIB's dummy source and sink included.
	Tasks int
	// Resources counts renewable resources (PSPLIB) or staff (iMOPSE).
	Resources int
	// Precedences counts precedence arcs: the sum of PSPLIB's #successors
	// column, or iMOPSE's "Precedence relations".
	Precedences int
}

// Instance is a loaded benchmark: a frozen solver.Problem in abstract time
// whose objective is the makespan, plus what the file says about itself.
type Instance struct {
	// Name identifies the instance in tables and reference files, such as
	// "j301_1" or "d36/100_5_20_9_D3".
	Name string
	// Kind is the family the instance was loaded as.
	Kind Kind
	// Problem is frozen and ready for solver.Solve.
	Problem *solver.Problem
	// Declared is what the header says; the body may differ where a
	// published file disagrees with itself (the loaders reject such files
	// except for iMOPSE's precedence count, see LoadIMOPSE).
	Declared Counts
	// MPMTime is PSPLIB's stated critical-path length; 0 for iMOPSE.
	MPMTime int
	// Salary is the cost per time unit of each resource (iMOPSE); nil for
	// PSPLIB.
	Salary []float64
}

// CriticalPath returns the length of the longest chain of precedences,
// task durations and lags: the makespan were resources unlimited.
func (in *Instance) CriticalPath() int {
	p := in.Problem
	est := make([]int, len(p.Tasks))
	best := 0
	for _, t := range p.TopologicalOrder() {
		end := est[t] + p.Tasks[t].Duration
		if end > best {
			best = end
		}
		for _, e := range p.Successors(t) {
			pr := p.Precedences[e]
			at := est[t] + pr.Lag
			if pr.Kind == solver.FinishToStart {
				at = end + pr.Lag
			}
			if at > est[pr.To] {
				est[pr.To] = at
			}
		}
	}
	return best
}

// LowerBound returns the lower bound on the makespan that benchmark tables
// report deviations from. For PSPLIB it is the critical path, as in the
// literature's "deviation from the critical-path lower bound". For iMOPSE it
// is the larger of the critical path and the energy bound: the total work
// spread over every resource able to do at least one task.
func (in *Instance) LowerBound() int {
	lb := in.CriticalPath()
	if in.Kind != KindIMOPSE {
		return lb
	}
	p := in.Problem
	work := 0
	able := make([]bool, len(p.Resources))
	n := 0
	for _, t := range p.Tasks {
		work += t.Duration
		for _, d := range t.Demands {
			for _, r := range d.Candidates {
				if !able[r] {
					able[r] = true
					n++
				}
			}
		}
	}
	if n > 0 {
		if e := (work + n - 1) / n; e > lb {
			lb = e
		}
	}
	return lb
}

// Cost returns iMOPSE's second objective for a schedule: the sum over
// tasks of duration times the salary of each resource chosen. It is 0 for
// instances without salaries (PSPLIB).
func (in *Instance) Cost(sol *solver.Solution) float64 {
	if in.Salary == nil {
		return 0
	}
	c := 0.0
	for t, pl := range sol.Placements {
		for _, r := range pl.Resources {
			c += float64(in.Problem.Tasks[t].Duration) * in.Salary[r]
		}
	}
	return c
}

// lineReader walks a text file line by line, dropping carriage returns and
// remembering the line number for errors.
type lineReader struct {
	sc   *bufio.Scanner
	file string
	line int
	text string
}

func newLineReader(r io.Reader, file string) *lineReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	return &lineReader{sc: sc, file: file}
}

// next advances to the following line; it returns false at the end.
func (lr *lineReader) next() bool {
	if !lr.sc.Scan() {
		return false
	}
	lr.line++
	lr.text = strings.TrimRight(lr.sc.Text(), "\r")
	return true
}

// err returns the scanner's error, if any, located at the current line.
func (lr *lineReader) err() error {
	if err := lr.sc.Err(); err != nil {
		return &ParseError{File: lr.file, Line: lr.line + 1, Err: fmt.Errorf("%w: %w", ErrSyntax, err)}
	}
	return nil
}

// fail returns a ParseError at the current line.
func (lr *lineReader) fail(field string, kind error, format string, args ...any) error {
	err := kind
	if format != "" {
		err = fmt.Errorf("%w: %s", kind, fmt.Sprintf(format, args...))
	}
	return &ParseError{File: lr.file, Line: lr.line, Field: field, Err: err}
}

// maxNumber bounds every count, duration and capacity read from a file, so
// that sums of them fit a solver.Slot.
const maxNumber = 1 << 24

// atoi parses a non-negative integer field of the current line.
func (lr *lineReader) atoi(field, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, lr.fail(field, ErrSyntax, "%q is not a non-negative integer", s)
	}
	if n > maxNumber {
		return 0, lr.fail(field, ErrUnsupported, "%d is larger than %d", n, maxNumber)
	}
	return n, nil
}

// ints parses every field of the current line as a non-negative integer.
func (lr *lineReader) ints(field string, fs []string) ([]int, error) {
	out := make([]int, len(fs))
	for i, f := range fs {
		n, err := lr.atoi(field, f)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

// freeze freezes a freshly built problem, reporting a precedence cycle or
// other structural fault as a ParseError of the instance's file.
func freeze(in *Instance) (*Instance, error) {
	if err := in.Problem.Freeze(); err != nil {
		return nil, &ParseError{File: in.Name, Err: fmt.Errorf("%w: %w", ErrMismatch, err)}
	}
	return in, nil
}
