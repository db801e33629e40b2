package solver

import (
	"runtime"
	"unsafe"
)

// The memory model's constants, in one place so that it is easy to re-fit
// when the solver's data structures change. Each is bytes per unit of one
// of the problem's dimensions. Re-calibrate against measured peak heap
// with
//
//	go test ./benchmarks/limits -run TestEstimateCalibration -args -estimate
//
// which solves generated series of 10, 20, 40 and 80 episodes and prints
// the estimate beside the peak heap in use; the estimate should stay above
// every measurement and within about twice it.
const (
	// memBase is the process before any problem: the Go runtime, the
	// command's tables, the logger.
	memBase = 4 << 20
	// memPerTaskLoaded is what one task costs outside the solver, in the
	// caller that built the problem: the project file's parsed session
	// (about 0.8 kB measured) and the compiled task's description and
	// names (about 1 kB).
	memPerTaskLoaded = 2 << 10
	// memPerTaskWorker is one worker's per-task bookkeeping: placed,
	// start, end, lateness, disruption, the chosen resources and pieces,
	// their undo copies, and the search's lists and priority keys.
	memPerTaskWorker = 160
	// memPerResourceSlotWorker is one worker's usage timeline: an int32
	// of units used per resource per slot (resTimeline.use).
	memPerResourceSlotWorker = 4
	// memPerResourceDayWorker is one worker's per-day cache of each
	// resource: busy slots (int32) and the day's price (float64).
	memPerResourceDayWorker = 12
	// memPerSlotWorker is one worker's per-slot counters (tasks ending,
	// last busy slot ending), two int32 each.
	memPerSlotWorker = 8
	// memPerResourceSlotCheck is the independent check of the schedule
	// found, done while the workers' states are still held: the
	// verifier's busy bitset and Evaluate's, one bit each per resource
	// per slot.
	memPerResourceSlotCheck = 2.0 / 8
	// memPerSlotCheck is the verifier's horizon-long capacity counter
	// (an int per slot, reused resource by resource).
	memPerSlotCheck = 8
	// memPerSlotBound is the lower bound's horizon-long buffers: a
	// pool's cumulative capacity (an int per slot) and the reused
	// demand and window masks.
	memPerSlotBound = 16
	// memPerTaskBound is the rest of the lower bound, which runs beside
	// the search: per task, the day-by-day flow's nodes and edges, the
	// energies' job sets, the pools' rooms and masks, the whole-day
	// bounds' sessions. Measured alone on generated series of 10 to 80
	// episodes (7 Dec 2026) its peak heap was 9 to 11 kB per task above
	// the problem's, garbage included; the collector's headroom doubles
	// what is counted here. Without it the estimate had fallen to 0.68 to
	// 1.15 times the measured peak of a whole solve.
	memPerTaskBound = 6 << 10
	// memExactSearch is the exact search's memory at its caps, on the
	// second worker of a problem small enough for it (exactSolveMaxTasks):
	// exactMaxEntries remembered branches at about 64 bytes, and
	// exactMaxRunning running tasks at 8 bytes, twice over while the
	// slice grows.
	memExactSearch = exactMaxEntries*64 + exactMaxRunning*8*2
	// gcHeadroom scales live data to heap in use: with GOGC=100 the
	// collector lets the heap grow to twice what survived the last
	// collection before it runs again.
	gcHeadroom = 2.0
)

// MemoryTerms is EstimateMemory broken down by what the memory is for, in
// bytes before the collector's headroom. Callers use it to say what makes
// a problem big.
type MemoryTerms struct {
	// Base is the process before any problem (runtime, tables).
	Base int64
	// Problem is the problem itself, walked exactly (bitsets, demands,
	// precedences, derived tables) plus what its caller keeps per task.
	Problem int64
	// Workers is every search worker's state: usage timelines per
	// resource per slot, day caches, per-task bookkeeping, and on small
	// problems the exact search's memory.
	Workers int64
	// Check is the verification of the schedule found: bitsets per
	// resource over the horizon.
	Check int64
	// Bound is the lower bound's buffers over the horizon.
	Bound int64
	// Total is the estimate: Base plus the other terms times the
	// collector's headroom.
	Total int64
}

// EstimateMemory returns an upper estimate, in bytes, of the peak heap a
// process needs to load, compile and Solve p with the given number of
// workers (0 or less means runtime.GOMAXPROCS, as in Options.Workers).
// It works from the problem's dimensions — tasks, resources, slots, days,
// candidates — and walks the problem's own bitsets, so it costs a pass
// over the problem and allocates nothing. p need not be frozen.
//
// On generated series of 10 to 80 episodes it was 1.15 to 1.61 times the
// measured peak heap in use (39 MB to 486 MB, two runs, 7 Dec 2026; it
// had been 1.64 to 1.96 times on 23 Nov, and had fallen below it since,
// as the bound grew); see the constants' comment for how to re-calibrate
// it.
func EstimateMemory(p *Problem, workers int) int64 {
	return EstimateMemoryTerms(p, workers).Total
}

// EstimateMemoryTerms is EstimateMemory with its terms.
func EstimateMemoryTerms(p *Problem, workers int) MemoryTerms {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	tasks := float64(len(p.Tasks))
	resources := float64(len(p.Resources))
	slots := float64(max(p.Slots, 0))
	days := 0.0
	if spd := p.Calendar.SlotsPerDay; spd > 0 {
		days = float64((max(p.Slots, 0) + spd - 1) / spd)
	}
	flat := float64(flatResources(p))
	perWorker := tasks*memPerTaskWorker + flat*2*float64(unsafe.Sizeof(ResourceID(0))) +
		resources*slots*memPerResourceSlotWorker + resources*days*memPerResourceDayWorker +
		slots*memPerSlotWorker + resources*float64(unsafe.Sizeof(resTimeline{}))
	exact := 0.0
	if workers >= 2 && mayBePureSmall(p) {
		exact = memExactSearch
	}
	t := MemoryTerms{
		Base:    memBase,
		Problem: problemBytes(p) + int64(tasks*memPerTaskLoaded),
		Workers: int64(float64(workers)*perWorker + exact),
		Check:   int64(resources*slots*memPerResourceSlotCheck + slots*memPerSlotCheck),
		Bound:   int64(slots*memPerSlotBound + tasks*memPerTaskBound),
	}
	t.Total = t.Base + int64(gcHeadroom*float64(t.Problem+t.Workers+t.Check+t.Bound))
	return t
}

// flatResources counts the resources every task chooses, over all tasks
// (the length of every Placement.Resources together).
func flatResources(p *Problem) int {
	n := 0
	for t := range p.Tasks {
		for _, d := range p.Tasks[t].Demands {
			n += d.count()
		}
	}
	return n
}

// problemBytes walks p and adds up what it holds: the task, resource and
// precedence records, every bitset, every demand's candidates, and the
// tables Freeze derives (working-time prefix counts, day prices, per-task
// layouts).
func problemBytes(p *Problem) int64 {
	const word = 8
	n := int64(len(p.Tasks))*int64(unsafe.Sizeof(Task{})) +
		int64(len(p.Resources))*int64(unsafe.Sizeof(Resource{})) +
		int64(len(p.Precedences))*int64(unsafe.Sizeof(Precedence{})+2*4) + // succ and pred entries
		int64(len(p.Calendar.Working))*word + int64(len(p.Calendar.Days))
	for t := range p.Tasks {
		task := &p.Tasks[t]
		n += int64(len(task.Window))*word + int64(len(task.Name))
		for _, d := range task.Demands {
			n += int64(unsafe.Sizeof(d)) + int64(len(d.Candidates))*int64(unsafe.Sizeof(ResourceID(0)))
		}
		for _, pl := range []*Placement{task.Pin, task.Previous} {
			if pl != nil {
				n += int64(unsafe.Sizeof(*pl)) + int64(len(pl.Resources))*int64(unsafe.Sizeof(ResourceID(0)))
			}
		}
	}
	for r := range p.Resources {
		res := &p.Resources[r]
		n += int64(len(res.Available))*word + int64(len(res.Name)) + int64(len(res.Rate.Overtime))*int64(unsafe.Sizeof(OvertimeBand{}))
	}
	// Derived tables: working-time prefix and positions (int32 per slot),
	// day prices (three day kinds by busy slots, per resource), per-task
	// layout (units and demand index per flat entry, topological index,
	// earliest and latest start).
	if p.Calendar.Working != nil {
		n += 2 * 4 * int64(p.Slots+1)
	}
	n += int64(len(p.Resources)) * 3 * int64(p.Calendar.SlotsPerDay+1) * word
	n += int64(flatResources(p))*2*4 + int64(len(p.Tasks))*(word+4+2*4+2*24)
	return n
}

// mayBePureSmall reports whether p may be small and plain enough for the
// exact search: few tasks and, as far as a glance tells, a makespan
// objective alone (no lateness, earliness, cancellation or handover
// terms, no links). It errs towards yes, so the estimate stays above.
func mayBePureSmall(p *Problem) bool {
	if len(p.Tasks) > exactSolveMaxTasks || p.Objective.MakespanWeight <= 0 || p.Objective.Cancelled != 0 ||
		len(p.Handovers) > 0 || len(p.SameResources) > 0 || len(p.MaxLags) > 0 {
		return false
	}
	for t := range p.Tasks {
		task := &p.Tasks[t]
		if task.Due > 0 && task.LatenessPerDay != 0 || task.Target > 0 && task.EarlinessPerDay != 0 {
			return false
		}
	}
	return true
}
