package benchmarks

import (
	"fmt"
	"io"
	"strings"

	"github.com/pencil-post/pencil/solver"
)

// psplibJob gathers one job's lines before the problem is built.
type psplibJob struct {
	precLine, reqLine int
	successors        []int
	duration          int
	units             []int
}

// psplibReader holds the state of one PSPLIB parse.
type psplibReader struct {
	*lineReader
	jobs, horizon, renewable, mpm int
	declaredArcs                  int
	capacity                      []int
	job                           []psplibJob
	seen                          map[string]bool
}

// LoadPSPLIB reads a PSPLIB single-mode RCPSP instance (.sm) and compiles
// it into a frozen solver.Problem in abstract time whose objective is the
// makespan. Each job becomes a task (the dummy source and sink become
// milestones), each renewable resource a resource with the file's
// capacity, each job's request a demand with a single candidate, and each
// successor a finish-to-start precedence with zero lag. The horizon is the
// file's. name labels the instance and its errors, which are *ParseError
// values giving the line and the field.
func LoadPSPLIB(r io.Reader, name string) (*Instance, error) {
	pr := &psplibReader{
		lineReader: newLineReader(r, name),
		jobs:       -1, horizon: -1, renewable: -1, mpm: -1,
		seen: make(map[string]bool),
	}
	if err := pr.read(); err != nil {
		return nil, err
	}
	return pr.build()
}

func (pr *psplibReader) read() error {
	section := ""
	for pr.next() {
		line := strings.TrimSpace(pr.text)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "***"):
			section = ""
			continue
		case strings.HasPrefix(line, "PROJECT INFORMATION"),
			strings.HasPrefix(line, "PRECEDENCE RELATIONS"),
			strings.HasPrefix(line, "REQUESTS/DURATIONS"),
			strings.HasPrefix(line, "RESOURCEAVAILABILITIES"):
			section = strings.TrimSuffix(line, ":")
			if pr.seen[section] {
				return pr.fail(section, ErrMismatch, "section repeated")
			}
			pr.seen[section] = true
			continue
		}
		var err error
		switch section {
		case "":
			err = pr.header(line)
		case "PROJECT INFORMATION":
			err = pr.project(line)
		case "PRECEDENCE RELATIONS":
			err = pr.precedence(line)
		case "REQUESTS/DURATIONS":
			err = pr.request(line)
		case "RESOURCEAVAILABILITIES":
			err = pr.availability(line)
		}
		if err != nil {
			return err
		}
	}
	return pr.err()
}

// header reads a "key : value" line of the file's first block.
func (pr *psplibReader) header(line string) error {
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		return nil // "RESOURCES" and other labels
	}
	key = strings.TrimSpace(key)
	fs := strings.Fields(value)
	var dst *int
	switch {
	case strings.HasPrefix(key, "jobs"):
		dst = &pr.jobs
	case key == "horizon":
		dst = &pr.horizon
	case key == "- renewable":
		dst = &pr.renewable
	case key == "- nonrenewable", key == "- doubly constrained":
		if len(fs) == 0 || fs[0] != "0" {
			return pr.fail(key, ErrUnsupported, "only renewable resources are modelled")
		}
		return nil
	case key == "projects":
		if len(fs) == 0 || fs[0] != "1" {
			return pr.fail(key, ErrUnsupported, "only single-project files are read")
		}
		return nil
	default:
		return nil
	}
	if len(fs) == 0 {
		return pr.fail(key, ErrSyntax, "no value")
	}
	n, err := pr.atoi(key, fs[0])
	if err != nil {
		return err
	}
	*dst = n
	return nil
}

// dataFields splits a section line and reports whether it holds data: the
// column headings and rules of each section start with a non-digit.
func dataFields(line string) ([]string, bool) {
	fs := strings.Fields(line)
	return fs, len(fs) > 0 && fs[0][0] >= '0' && fs[0][0] <= '9'
}

// project reads the PROJECT INFORMATION row: pronr, #jobs, release date,
// due date, tardiness cost, MPM-Time.
func (pr *psplibReader) project(line string) error {
	fs, ok := dataFields(line)
	if !ok {
		return nil
	}
	if pr.mpm >= 0 {
		return pr.fail("MPM-Time", ErrUnsupported, "only single-project files are read")
	}
	if len(fs) != 6 {
		return pr.fail("MPM-Time", ErrSyntax, "want 6 columns, have %d", len(fs))
	}
	n, err := pr.atoi("MPM-Time", fs[5])
	if err != nil {
		return err
	}
	pr.mpm = n
	return nil
}

// jobIndex checks a job number against the header's job count.
func (pr *psplibReader) jobIndex(field, s string) (int, error) {
	if pr.jobs < 0 {
		return 0, pr.fail("jobs", ErrMissing, "job count must precede the job lines")
	}
	j, err := pr.atoi(field, s)
	if err != nil {
		return 0, err
	}
	if j < 1 || j > pr.jobs {
		return 0, pr.fail(field, ErrMismatch, "job %d outside 1..%d", j, pr.jobs)
	}
	return j - 1, nil
}

// precedence reads "jobnr #modes #successors successors...".
func (pr *psplibReader) precedence(line string) error {
	fs, ok := dataFields(line)
	if !ok {
		return nil
	}
	if len(fs) < 3 {
		return pr.fail("successors", ErrSyntax, "want job, modes and successor count")
	}
	j, err := pr.jobIndex("jobnr.", fs[0])
	if err != nil {
		return err
	}
	if j != len(pr.job) {
		return pr.fail("jobnr.", ErrMismatch, "job %d listed where job %d belongs", j+1, len(pr.job)+1)
	}
	pr.job = append(pr.job, psplibJob{precLine: pr.line})
	job := &pr.job[j]
	if fs[1] != "1" {
		return pr.fail("#modes", ErrUnsupported, "job %d has %s modes; only single-mode files are read", j+1, fs[1])
	}
	n, err := pr.atoi("#successors", fs[2])
	if err != nil {
		return err
	}
	if n != len(fs)-3 {
		return pr.fail("successors", ErrMismatch, "job %d declares %d successors, lists %d", j+1, n, len(fs)-3)
	}
	pr.declaredArcs += n
	for _, f := range fs[3:] {
		s, err := pr.jobIndex("successors", f)
		if err != nil {
			return err
		}
		job.successors = append(job.successors, s)
	}
	return nil
}

// request reads "jobnr mode duration R1 R2 ...".
func (pr *psplibReader) request(line string) error {
	fs, ok := dataFields(line)
	if !ok {
		return nil
	}
	if pr.renewable < 0 {
		return pr.fail("renewable", ErrMissing, "resource count must precede the requests")
	}
	if len(fs) != 3+pr.renewable {
		return pr.fail("requests", ErrSyntax, "want job, mode, duration and %d requests, have %d columns", pr.renewable, len(fs))
	}
	nums, err := pr.ints("requests", fs)
	if err != nil {
		return err
	}
	j, err := pr.jobIndex("jobnr.", fs[0])
	if err != nil {
		return err
	}
	if j >= len(pr.job) {
		return pr.fail("jobnr.", ErrMismatch, "job %d has no precedence line", j+1)
	}
	job := &pr.job[j]
	if job.reqLine != 0 {
		return pr.fail("jobnr.", ErrMismatch, "job %d already has a request on line %d", j+1, job.reqLine)
	}
	if nums[1] != 1 {
		return pr.fail("mode", ErrUnsupported, "job %d mode %d; only single-mode files are read", j+1, nums[1])
	}
	job.reqLine = pr.line
	job.duration = nums[2]
	job.units = nums[3:]
	return nil
}

// availability reads the capacity row below the "R 1 R 2 ..." heading.
func (pr *psplibReader) availability(line string) error {
	fs, ok := dataFields(line)
	if !ok {
		return nil
	}
	if pr.capacity != nil {
		return pr.fail("RESOURCEAVAILABILITIES", ErrSyntax, "second capacity row")
	}
	if len(fs) != pr.renewable {
		return pr.fail("RESOURCEAVAILABILITIES", ErrMismatch, "%d capacities for %d renewable resources", len(fs), pr.renewable)
	}
	caps, err := pr.ints("RESOURCEAVAILABILITIES", fs)
	if err != nil {
		return err
	}
	for r, c := range caps {
		if c < 1 {
			return pr.fail("RESOURCEAVAILABILITIES", ErrUnsupported, "R %d has capacity 0", r+1)
		}
	}
	pr.capacity = caps
	return nil
}

// build checks the parsed file as a whole and compiles the problem.
func (pr *psplibReader) build() (*Instance, error) {
	for _, need := range []struct {
		v    int
		name string
	}{{pr.jobs, "jobs"}, {pr.horizon, "horizon"}, {pr.renewable, "renewable"}, {pr.mpm, "MPM-Time"}} {
		if need.v < 0 {
			return nil, &ParseError{File: pr.file, Field: need.name, Err: ErrMissing}
		}
	}
	if pr.capacity == nil {
		return nil, &ParseError{File: pr.file, Field: "RESOURCEAVAILABILITIES", Err: ErrMissing}
	}
	if pr.jobs < 1 || len(pr.job) != pr.jobs {
		return nil, &ParseError{File: pr.file, Field: "jobs", Err: fmt.Errorf("%w: %d jobs declared, %d listed", ErrMismatch, pr.jobs, len(pr.job))}
	}
	if pr.horizon < 1 {
		return nil, &ParseError{File: pr.file, Field: "horizon", Err: fmt.Errorf("%w: horizon %d", ErrUnsupported, pr.horizon)}
	}
	p := &solver.Problem{
		Name:      pr.file,
		Slots:     pr.horizon,
		Objective: solver.Objective{MakespanWeight: 1},
		Resources: make([]solver.Resource, pr.renewable),
		Tasks:     make([]solver.Task, pr.jobs),
	}
	for r := range p.Resources {
		p.Resources[r] = solver.Resource{
			Name:              fmt.Sprintf("R %d", r+1),
			Capacity:          pr.capacity[r],
			Department:        -1,
			AvailabilityGroup: solver.NoGroup,
			RulesGroup:        solver.NoGroup,
		}
	}
	for j := range p.Tasks {
		job := pr.job[j]
		if job.reqLine == 0 {
			return nil, &ParseError{File: pr.file, Field: "REQUESTS/DURATIONS", Err: fmt.Errorf("%w: job %d", ErrMissing, j+1)}
		}
		task := solver.Task{
			Name:        fmt.Sprintf("job %d", j+1),
			Duration:    job.duration,
			WindowGroup: solver.NoGroup,
			PinGroup:    solver.NoGroup,
		}
		for r, u := range job.units {
			if u == 0 {
				continue
			}
			if u > pr.capacity[r] {
				return nil, &ParseError{File: pr.file, Line: job.reqLine, Field: fmt.Sprintf("R %d", r+1),
					Err: fmt.Errorf("%w: job %d requests %d units, capacity is %d", ErrMismatch, j+1, u, pr.capacity[r])}
			}
			task.Demands = append(task.Demands, solver.Demand{
				Candidates: []solver.ResourceID{solver.ResourceID(r)},
				Units:      u,
				Group:      solver.NoGroup,
			})
		}
		p.Tasks[j] = task
		for _, s := range job.successors {
			p.Precedences = append(p.Precedences, solver.Precedence{
				From: solver.TaskID(j), To: solver.TaskID(s), Kind: solver.FinishToStart, Group: solver.NoGroup,
			})
		}
	}
	in := &Instance{
		Name:     pr.file,
		Kind:     KindPSPLIB,
		Problem:  p,
		Declared: Counts{Tasks: pr.jobs, Resources: pr.renewable, Precedences: pr.declaredArcs},
		MPMTime:  pr.mpm,
	}
	return freeze(in)
}
