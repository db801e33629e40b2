package benchmarks

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/pencil-post/pencil/solver"
)

// skill is one "Qk: l" pair: skill type k at level l.
type skill struct{ kind, level int }

type imopseResource struct {
	id     int
	salary float64
	skills []skill
}

type imopseTask struct {
	id, line, duration int
	need               skill
	predecessors       []int
}

// imopseReader holds the state of one iMOPSE parse.
type imopseReader struct {
	*lineReader
	tasks, resources, arcs, skillTypes int
	res                                []imopseResource
	task                               []imopseTask
	resIndex, taskIndex                map[int]int
}

// LoadIMOPSE reads an iMOPSE multi-skill RCPSP instance (.def) and compiles
// it into a frozen solver.Problem in abstract time whose objective is the
// makespan first and the salary cost second. Each staff member becomes a
// resource of capacity 1 whose Rate.Hour is its salary (abstract time
// charges Hour per busy slot), so the search also sees the cost; the
// makespan weight is set just high enough that no saving in salaries can
// pay for one slot of makespan (see makespanFirst); with a weight of 1 the
// search would trade makespan for cheaper staff. Each task becomes a
// demand for one resource among those having the task's skill type at its
// level or above; predecessors become finish-to-start precedences. Task and resource IDs need not be contiguous. The horizon
// is the sum of durations. Instance.Salary gives iMOPSE's cost objective
// through Instance.Cost.
//
// The header's task and resource counts must match the body. Its
// precedence count is only recorded in Instance.Declared, because at least
// one published file (NoConstr/200_20_0_0.def) declares an arc it does not
// list.
func LoadIMOPSE(r io.Reader, name string) (*Instance, error) {
	ir := &imopseReader{
		lineReader: newLineReader(r, name),
		tasks:      -1, resources: -1, arcs: -1, skillTypes: -1,
		resIndex: make(map[int]int), taskIndex: make(map[int]int),
	}
	if err := ir.read(); err != nil {
		return nil, err
	}
	return ir.build()
}

func (ir *imopseReader) read() error {
	section := ""
	for ir.next() {
		line := strings.TrimSpace(ir.text)
		var err error
		switch {
		case line == "":
		case strings.HasPrefix(line, "="):
			section = ""
		case strings.HasPrefix(line, "ResourceID"), strings.HasPrefix(line, "TaskID"):
			section = strings.Fields(line)[0]
		case section == "ResourceID":
			err = ir.resource(line)
		case section == "TaskID":
			err = ir.taskLine(line)
		default:
			err = ir.header(line)
		}
		if err != nil {
			return err
		}
	}
	return ir.err()
}

// header reads the "General characteristics" counts and ignores the
// file's other header lines.
func (ir *imopseReader) header(line string) error {
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		return nil
	}
	var dst *int
	switch strings.TrimSpace(key) {
	case "Tasks":
		dst = &ir.tasks
	case "Resources":
		dst = &ir.resources
	case "Precedence relations":
		dst = &ir.arcs
	case "Number of skill types":
		dst = &ir.skillTypes
	default:
		return nil
	}
	n, err := ir.atoi(strings.TrimSpace(key), strings.TrimSpace(value))
	if err != nil {
		return err
	}
	*dst = n
	return nil
}

// skills reads "Qk: l" pairs from fields, accepting "Qk:" and l as one
// field or two (the d36 files write "Q2: 1", the generated ones "Q2:<tab>1").
func (ir *imopseReader) skills(field string, fs []string) ([]skill, []string, error) {
	var out []skill
	for len(fs) > 0 && strings.HasPrefix(fs[0], "Q") {
		k, l, ok := strings.Cut(fs[0][1:], ":")
		if !ok {
			return nil, nil, ir.fail(field, ErrSyntax, "%q is not Qk: l", fs[0])
		}
		fs = fs[1:]
		if l == "" {
			if len(fs) == 0 {
				return nil, nil, ir.fail(field, ErrSyntax, "Q%s: has no level", k)
			}
			l, fs = fs[0], fs[1:]
		}
		kind, err := ir.atoi(field, k)
		if err != nil {
			return nil, nil, err
		}
		level, err := ir.atoi(field, l)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, skill{kind, level})
	}
	return out, fs, nil
}

// resource reads "ResourceID Salary Qk: l ...".
func (ir *imopseReader) resource(line string) error {
	fs := strings.Fields(line)
	if len(fs) < 3 {
		return ir.fail("resource", ErrSyntax, "want ID, salary and skills")
	}
	id, err := ir.atoi("ResourceID", fs[0])
	if err != nil {
		return err
	}
	if _, dup := ir.resIndex[id]; dup {
		return ir.fail("ResourceID", ErrMismatch, "resource %d listed twice", id)
	}
	salary, err := strconv.ParseFloat(fs[1], 64)
	if err != nil || salary < 0 || math.IsInf(salary, 0) || math.IsNaN(salary) {
		return ir.fail("Salary", ErrSyntax, "%q is not a non-negative number", fs[1])
	}
	sk, rest, err := ir.skills("Skills", fs[2:])
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return ir.fail("Skills", ErrSyntax, "unexpected %q", rest[0])
	}
	ir.resIndex[id] = len(ir.res)
	ir.res = append(ir.res, imopseResource{id: id, salary: salary, skills: sk})
	return nil
}

// taskLine reads "TaskID Duration Qk: l Predecessor IDs...".
func (ir *imopseReader) taskLine(line string) error {
	fs := strings.Fields(line)
	if len(fs) < 3 {
		return ir.fail("task", ErrSyntax, "want ID, duration and skill")
	}
	nums, err := ir.ints("TaskID", fs[:1])
	if err != nil {
		return err
	}
	id := nums[0]
	if _, dup := ir.taskIndex[id]; dup {
		return ir.fail("TaskID", ErrMismatch, "task %d listed twice", id)
	}
	d, err := ir.atoi("Duration", fs[1])
	if err != nil {
		return err
	}
	sk, rest, err := ir.skills("Skill", fs[2:])
	if err != nil {
		return err
	}
	if len(sk) != 1 {
		return ir.fail("Skill", ErrSyntax, "task %d needs exactly one skill, has %d", id, len(sk))
	}
	preds, err := ir.ints("Predecessor IDs", rest)
	if err != nil {
		return err
	}
	ir.taskIndex[id] = len(ir.task)
	ir.task = append(ir.task, imopseTask{id: id, line: ir.line, duration: d, need: sk[0], predecessors: preds})
	return nil
}

// makespanFirst returns a makespan weight that puts the makespan before
// the salary cost: one slot more than the largest difference in salary
// cost two schedules can have, Σ duration × (dearest − cheapest
// candidate). The search, which minimises salaries plus weighted makespan,
// then shortens the makespan first and saves cost only among schedules
// of equal makespan, iMOPSE's objectives in order.
func makespanFirst(p *solver.Problem, salary []float64) float64 {
	spread := 0.0
	for _, t := range p.Tasks {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, r := range t.Demands[0].Candidates {
			lo, hi = min(lo, salary[r]), max(hi, salary[r])
		}
		spread += float64(t.Duration) * (hi - lo)
	}
	return math.Ceil(spread) + 1
}

// build checks the parsed file as a whole and compiles the problem.
func (ir *imopseReader) build() (*Instance, error) {
	for _, need := range []struct {
		v    int
		name string
	}{{ir.tasks, "Tasks"}, {ir.resources, "Resources"}, {ir.arcs, "Precedence relations"}} {
		if need.v < 0 {
			return nil, &ParseError{File: ir.file, Field: need.name, Err: ErrMissing}
		}
	}
	if ir.tasks != len(ir.task) {
		return nil, &ParseError{File: ir.file, Field: "Tasks", Err: fmt.Errorf("%w: header says %d, file lists %d", ErrMismatch, ir.tasks, len(ir.task))}
	}
	if ir.resources != len(ir.res) {
		return nil, &ParseError{File: ir.file, Field: "Resources", Err: fmt.Errorf("%w: header says %d, file lists %d", ErrMismatch, ir.resources, len(ir.res))}
	}
	if len(ir.task) == 0 {
		return nil, &ParseError{File: ir.file, Field: "Tasks", Err: fmt.Errorf("%w: no tasks", ErrMissing)}
	}
	p := &solver.Problem{
		Name:      ir.file,
		Objective: solver.Objective{MakespanWeight: 1},
		Resources: make([]solver.Resource, len(ir.res)),
		Tasks:     make([]solver.Task, len(ir.task)),
	}
	salary := make([]float64, len(ir.res))
	for i, r := range ir.res {
		salary[i] = r.salary
		p.Resources[i] = solver.Resource{
			Name:              fmt.Sprintf("resource %d", r.id),
			Capacity:          1,
			Department:        -1,
			Rate:              solver.RateCard{Hour: r.salary},
			AvailabilityGroup: solver.NoGroup,
			RulesGroup:        solver.NoGroup,
		}
	}
	for i, t := range ir.task {
		p.Slots += t.duration
		var cands []solver.ResourceID
		for r, res := range ir.res {
			for _, s := range res.skills {
				if s.kind == t.need.kind && s.level >= t.need.level {
					cands = append(cands, solver.ResourceID(r))
					break
				}
			}
		}
		if len(cands) == 0 {
			return nil, &ParseError{File: ir.file, Line: t.line, Field: "Skill",
				Err: fmt.Errorf("%w: no resource has Q%d at level %d or above", ErrMismatch, t.need.kind, t.need.level)}
		}
		p.Tasks[i] = solver.Task{
			Name:        fmt.Sprintf("task %d", t.id),
			Duration:    t.duration,
			Demands:     []solver.Demand{{Candidates: cands, Group: solver.NoGroup}},
			WindowGroup: solver.NoGroup,
			PinGroup:    solver.NoGroup,
		}
		for _, id := range t.predecessors {
			from, ok := ir.taskIndex[id]
			if !ok {
				return nil, &ParseError{File: ir.file, Line: t.line, Field: "Predecessor IDs",
					Err: fmt.Errorf("%w: task %d follows task %d, which is not defined", ErrMismatch, t.id, id)}
			}
			p.Precedences = append(p.Precedences, solver.Precedence{
				From: solver.TaskID(from), To: solver.TaskID(i), Kind: solver.FinishToStart, Group: solver.NoGroup,
			})
		}
	}
	if p.Slots < 1 {
		p.Slots = 1
	}
	p.Objective.MakespanWeight = makespanFirst(p, salary)
	in := &Instance{
		Name:     ir.file,
		Kind:     KindIMOPSE,
		Problem:  p,
		Declared: Counts{Tasks: ir.tasks, Resources: ir.resources, Precedences: ir.arcs},
		Salary:   salary,
	}
	return freeze(in)
}
