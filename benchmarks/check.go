package benchmarks

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pencil-post/pencil/solver"
)

// ErrUnverified is the kind of every error Check returns: the schedule
// breaks a rule of the instance, so its makespan must not count.
var ErrUnverified = errors.New("schedule fails verification")

// maxReported caps the violations Check spells out.
const maxReported = 5

// Check verifies a schedule against the instance on its own, without
// trusting anything the search reports but the placements: every task
// starts at or after 0 and ends by the horizon; each demand gets the
// number of distinct candidates it asks for; no resource is over capacity
// in any slot; every precedence holds; and the reported makespan is the
// latest end. Benchmark instances are in abstract time with no windows,
// availability or split tasks, so these are all the rules that apply.
func (in *Instance) Check(sol *solver.Solution) error {
	p := in.Problem
	if sol == nil || len(sol.Placements) != len(p.Tasks) {
		return fmt.Errorf("%w: want one placement per task (%d)", ErrUnverified, len(p.Tasks))
	}
	var bad []string
	report := func(format string, args ...any) {
		bad = append(bad, fmt.Sprintf(format, args...))
	}
	ends := make([]int, len(p.Tasks))
	// use[r] holds the change in units used at each slot boundary.
	use := make([][]int, len(p.Resources))
	makespan := 0
	for t, pl := range sol.Placements {
		task := &p.Tasks[t]
		s := int(pl.Start)
		ends[t] = s + task.Duration
		makespan = max(makespan, ends[t])
		if s < int(task.Release) || ends[t] > p.Slots {
			report("%s runs [%d, %d) outside [%d, %d)", task.Name, s, ends[t], task.Release, p.Slots)
			continue
		}
		if !in.checkDemands(task, pl.Resources, report) || task.Duration == 0 {
			continue
		}
		k := 0
		for _, d := range task.Demands {
			units := max(d.Units, 1)
			for range max(d.Count, 1) {
				r := pl.Resources[k]
				k++
				if use[r] == nil {
					use[r] = make([]int, p.Slots+1)
				}
				use[r][s] += units
				use[r][ends[t]] -= units
			}
		}
	}
	for r, diff := range use {
		level := 0
		for s, d := range diff {
			level += d
			if level > p.Resources[r].Capacity {
				report("%s holds %d units at slot %d, capacity %d", p.Resources[r].Name, level, s, p.Resources[r].Capacity)
				break
			}
		}
	}
	for _, pr := range p.Precedences {
		at := int(sol.Placements[pr.From].Start) + pr.Lag
		if pr.Kind == solver.FinishToStart {
			at = ends[pr.From] + pr.Lag
		}
		if int(sol.Placements[pr.To].Start) < at {
			report("%s starts at %d, before %d required by %s", p.Tasks[pr.To].Name, sol.Placements[pr.To].Start, at, p.Tasks[pr.From].Name)
		}
	}
	if int(sol.Makespan) != makespan {
		report("reported makespan %d, placements end at %d", sol.Makespan, makespan)
	}
	if len(bad) == 0 {
		return nil
	}
	more := ""
	if len(bad) > maxReported {
		more = fmt.Sprintf(" (and %d more)", len(bad)-maxReported)
		bad = bad[:maxReported]
	}
	return fmt.Errorf("%w: %s%s", ErrUnverified, strings.Join(bad, "; "), more)
}

// checkDemands reports whether a task's chosen resources fit its demands:
// the right number, each a candidate of its demand, none twice.
func (in *Instance) checkDemands(task *solver.Task, chosen []solver.ResourceID, report func(string, ...any)) bool {
	want := 0
	for _, d := range task.Demands {
		want += max(d.Count, 1)
	}
	if len(chosen) != want {
		report("%s has %d resources, needs %d", task.Name, len(chosen), want)
		return false
	}
	k := 0
	ok := true
	for _, d := range task.Demands {
		for range max(d.Count, 1) {
			r := chosen[k]
			k++
			if !containsID(d.Candidates, r) {
				report("%s uses resource %d, not a candidate", task.Name, r)
				ok = false
			}
			if containsID(chosen[:k-1], r) {
				report("%s uses resource %d twice", task.Name, r)
				ok = false
			}
		}
	}
	return ok
}

func containsID(ids []solver.ResourceID, r solver.ResourceID) bool {
	for _, id := range ids {
		if id == r {
			return true
		}
	}
	return false
}
