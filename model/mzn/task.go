package mzn

import (
	"fmt"

	"github.com/pencil-post/pencil/solver"
)

// openSet is the slots a task may use whatever else is chosen: its
// window and the availability of every resource it must use.
type openSet struct {
	h      int
	window solver.Bitset
	fixed  []solver.Bitset
}

func (o *openSet) has(x int) bool {
	if x < 0 || x >= o.h || !o.window.Has(solver.Slot(x)) {
		return false
	}
	for _, a := range o.fixed {
		if !a.Has(solver.Slot(x)) {
			return false
		}
	}
	return true
}

// pieces walks a split task from start s the way solver's doc.go says,
// over the slots open says are open; ok is false when it cannot start
// there.
func pieces(open func(int) bool, h, s, duration, minChunk int) (out []solver.Interval, ok bool) {
	return cappedPieces(open, h, s, duration, minChunk, 0, 0)
}

// cappedPieces is pieces for resources that may work at most c slots a
// calendar day of spd slots (c = 0: no cap).
func cappedPieces(open func(int) bool, h, s, duration, minChunk, c, spd int) (out []solver.Interval, ok bool) {
	if !open(s) {
		return nil, false
	}
	if c > 0 && spd > 0 {
		return dayCapped(open, h, s, duration, max(minChunk, 1), c, spd)
	}
	minChunk = max(minChunk, 1)
	left := duration
	for x := s; left > 0; {
		for x < h && !open(x) {
			x++
		}
		if x >= h {
			return nil, false
		}
		runStart := x
		for x < h && open(x) && x-runStart < left {
			x++
		}
		run := x - runStart
		if run < min(minChunk, left) {
			if runStart == s {
				return nil, false
			}
			continue
		}
		out = append(out, solver.Interval{Start: solver.Slot(runStart), End: solver.Slot(runStart + run)})
		left -= run
	}
	return out, true
}

// task exports one task: its start domain, its end table when split,
// and its demands and options.
func (b *builder) task(t solver.TaskID) error {
	p := b.p
	task := &p.Tasks[t]
	h := p.Slots
	latest := h
	if task.Deadline > 0 {
		latest = min(latest, int(task.Deadline))
	}
	open := &openSet{h: h, window: task.Window}
	cap := 0 // the per-day cap of the resources every placement uses
	for _, d := range task.Demands {
		if len(d.Candidates) == max(d.Count, 1) {
			for _, c := range d.Candidates {
				open.fixed = append(open.fixed, p.Resources[c].Available)
				if m := p.Resources[c].Rules.MaxSlotsPerDay; m > 0 && (cap == 0 || m < cap) {
					cap = m
				}
			}
		}
	}
	var starts []int
	var spans [][]solver.Interval // split tasks: pieces per start in starts
	var row []int32
	switch {
	case task.Duration == 0:
		for s := int(task.Release); s <= latest; s++ {
			if task.Window.Has(solver.Slot(s)) {
				starts = append(starts, s)
			}
		}
	case !task.Split:
		run := 0 // open slots ending at s+duration-1
		for x := 0; x < h; x++ {
			if open.has(x) {
				run++
			} else {
				run = 0
			}
			if s := x - task.Duration + 1; run >= task.Duration && s >= int(task.Release) && x+1 <= latest {
				starts = append(starts, s)
			}
		}
	default:
		b.note("split tasks (occupying their whole span)")
		row = make([]int32, h+1)
		for s := range row {
			row[s] = int32(h + 1)
			if s < int(task.Release) {
				continue
			}
			ps, ok := cappedPieces(open.has, h, s, task.Duration, task.MinChunk, cap, p.Calendar.SlotsPerDay)
			if task.Premium != nil && !task.Premium.Has(solver.Slot(s)) {
				// Premium days only when needed for the deadline.
				weekdays := func(x int) bool { return open.has(x) && !task.Premium.Has(solver.Slot(x)) }
				if wp, wok := cappedPieces(weekdays, h, s, task.Duration, task.MinChunk, cap, p.Calendar.SlotsPerDay); wok && int(wp[len(wp)-1].End) <= latest {
					ps, ok = wp, wok
				}
			}
			if !ok || int(ps[len(ps)-1].End) > latest {
				continue
			}
			row[s] = int32(ps[len(ps)-1].End)
			starts = append(starts, s)
			spans = append(spans, ps)
		}
	}
	if task.Pin != nil {
		pin := int(task.Pin.Start)
		i := indexOf(starts, pin)
		if i < 0 {
			return fmt.Errorf("%w: task %q is pinned at slot %d, outside its window", ErrNotExportable, task.Name, pin)
		}
		starts = []int{pin}
		if spans != nil {
			spans = spans[i : i+1]
		}
	}
	if len(starts) == 0 {
		return fmt.Errorf("%w: task %q has no start that fits its window and resources", ErrNotExportable, task.Name)
	}
	b.startDom = append(b.startDom, intervals(starts))
	if row != nil {
		b.endOf = append(b.endOf, row)
		b.splitRow = append(b.splitRow, len(b.endOf))
	} else {
		b.splitRow = append(b.splitRow, 0)
	}
	b.demands(t, starts, spans)
	return nil
}

// demands adds a task's demands and one option per candidate.
func (b *builder) demands(t solver.TaskID, starts []int, spans [][]solver.Interval) {
	p := b.p
	task := &p.Tasks[t]
	byRes := map[solver.ResourceID][]int{}
	pinAt := 0
	b.demFirst = append(b.demFirst, len(b.demTask)+1)
	for _, d := range task.Demands {
		b.demTask = append(b.demTask, int(t)+1)
		b.demCount = append(b.demCount, max(d.Count, 1))
		b.demUnits = append(b.demUnits, max(d.Units, 1))
		dem := len(b.demTask)
		var pinned []solver.ResourceID
		if task.Pin != nil {
			end := min(pinAt+max(d.Count, 1), len(task.Pin.Resources))
			pinned = task.Pin.Resources[pinAt:end]
			pinAt = end
		}
		for _, c := range d.Candidates {
			r := &p.Resources[c]
			o := option{dem: dem, res: int(c) + 1, dept: r.Department + 1,
				cost: money(b.perSlot[c]*float64(task.Duration) + r.Rate.PerTask + useCost(task, c))}
			if int(t) < len(p.Charging) {
				ch := p.Charging[t]
				if ch.Department >= 0 {
					o.dept = ch.Department + 1
				}
				if ch.Production >= 0 && ch.Production < len(p.Productions) {
					o.prod = ch.Production + 1
				}
			}
			if o.dept <= 0 || o.dept > len(p.Departments) {
				o.dept = 0
			}
			o.pinned = indexOf(pinned, c) >= 0 || len(d.Candidates) == max(d.Count, 1)
			o.starts = b.candidateStarts(task, r.Available, starts, spans)
			b.opts = append(b.opts, o)
			byRes[c] = append(byRes[c], len(b.opts))
		}
	}
	for _, d := range task.Demands {
		for _, c := range d.Candidates {
			if os := byRes[c]; len(os) > 1 {
				b.excl = append(b.excl, os)
				delete(byRes, c)
			}
		}
	}
}

// candidateStarts keeps the starts at which a candidate is available over
// all the slots the task works.
func (b *builder) candidateStarts(task *solver.Task, avail solver.Bitset, starts []int, spans [][]solver.Interval) []solver.Interval {
	if avail == nil {
		return []solver.Interval{{Start: 0, End: solver.Slot(b.p.Slots + 1)}}
	}
	var keep []int
	for i, s := range starts {
		ok := true
		work := []solver.Interval{{Start: solver.Slot(s), End: solver.Slot(s + task.Duration)}}
		if spans != nil {
			work = spans[i]
		}
		for _, iv := range work {
			for x := iv.Start; x < iv.End && ok; x++ {
				ok = avail.Has(x)
			}
		}
		if ok {
			keep = append(keep, s)
		}
	}
	return intervals(keep)
}

// intervals compresses sorted slots into half-open runs.
func intervals(xs []int) []solver.Interval {
	var out []solver.Interval
	for _, x := range xs {
		if n := len(out); n > 0 && int(out[n-1].End) == x {
			out[n-1].End++
			continue
		}
		out = append(out, solver.Interval{Start: solver.Slot(x), End: solver.Slot(x + 1)})
	}
	return out
}

func indexOf[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// dayCapped walks a split task whose resources work at most c slots a
// day, as solver's doc.go says: a piece stops when the day's c slots are
// worked or at midnight, and a day too short for a piece is skipped
// (except the day of the start, which fails).
func dayCapped(open func(int) bool, h, s, duration, minChunk, c, spd int) ([]solver.Interval, bool) {
	var out []solver.Interval
	worked := map[int]int{}
	left := duration
	for x := s; left > 0; {
		for x < h && !open(x) {
			x++
		}
		if x >= h {
			return nil, false
		}
		d := x / spd
		room := c - worked[d]
		if room <= 0 {
			x = (d + 1) * spd
			continue
		}
		start := x
		for x < h && open(x) && x/spd == d && x-start < min(left, room) {
			x++
		}
		n := x - start
		if n < min(minChunk, left) {
			if start == s {
				return nil, false
			}
			x = (d + 1) * spd
			continue
		}
		out = append(out, solver.Interval{Start: solver.Slot(start), End: solver.Slot(x)})
		worked[d] += n
		left -= n
	}
	return out, true
}

// useCost is what task's use of resource r adds on top of r's card
// (solver.Task.UseRates): linear in the task's work, so exact.
func useCost(task *solver.Task, r solver.ResourceID) float64 {
	for _, u := range task.UseRates {
		if u.Resource == r {
			return max(0, u.Slot) * float64(task.Duration)
		}
	}
	return 0
}
