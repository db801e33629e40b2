package solver

import (
	"context"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// LP size limits: gonum's simplex works on a dense matrix, so the
// relaxation is only built for small instances. On the development
// machine 140 demands of 4 candidates (560 columns) took 1.3 s and 80
// demands (320 columns) 0.3 s; these limits keep it near the latter.
const (
	lpMaxColumns = 400
	lpMaxRows    = 200
)

// lpResourceCostCtx runs lpResourceCost but gives up when ctx ends first;
// the simplex, which cannot be interrupted, then finishes on its own
// (the size limits keep that short).
func lpResourceCostCtx(ctx context.Context, p *Problem) (float64, bool) {
	type result struct {
		bound float64
		ok    bool
	}
	if ctx.Err() != nil {
		return 0, false
	}
	done := make(chan result, 1)
	// The rates are read from the term table here, before the simplex
	// goroutine that may outlive the call: it touches only its own data.
	rates := allResourceRates(p)
	go func() {
		b, ok := lpResourceCost(p, rates)
		done <- result{b, ok}
	}()
	select {
	case r := <-done:
		return r.bound, r.ok
	case <-ctx.Done():
		return 0, false
	}
}

// lpResourceCost bounds the resource cost with the assignment relaxation
//
//	minimise   Σ c[d,r]·x[d,r] + Σ Travel[r]·y[r]
//	subject to Σ_r x[d,r] = Count[d]                  every demand d
//	           x[d,r] ≤ 1                              when Count[d] > 1
//	           Σ_d Duration·Units·x[d,r] ≤ Capacity[r]·|Available[r]|
//	           x[d,r] ≤ y[r]                           when r charges travel and d has work
//	           x, y ≥ 0
//
// where c[d,r] is demandCost. Every schedule gives a 0/1 point of this LP
// whose value is at most its resource cost, so the optimum is a lower
// bound. Pinned tasks add their pinned cost as a constant. It reports
// false when the LP is too large, infeasible or fails numerically.
func lpResourceCost(p *Problem, rates []demandRates) (bound float64, ok bool) {
	// gonum panics on some malformed inputs; an odd instance must cost us
	// the LP bound, never the process.
	defer func() {
		if recover() != nil {
			bound, ok = 0, false
		}
	}()
	if !lpSmallEnough(p) {
		return 0, false
	}
	type column struct {
		d      int // demand row
		r      ResourceID
		energy float64
	}
	var (
		cols     []column
		obj      []float64
		counts   []float64
		constant float64
		load     = make([]float64, len(p.Resources))
	)
	for i, task := range p.Tasks {
		t := TaskID(i)
		k := 0
		for _, d := range task.Demands {
			if task.Pin != nil && len(task.Pin.Resources) >= k+d.count() {
				for _, r := range task.Pin.Resources[k : k+d.count()] {
					constant += demandCost(p, t, d, r, rates)
				}
				k += d.count()
				continue
			}
			k += d.count()
			row := len(counts)
			counts = append(counts, float64(d.count()))
			for _, r := range d.Candidates {
				e := float64(task.Duration * d.units())
				cols = append(cols, column{d: row, r: r, energy: e})
				obj = append(obj, demandCost(p, t, d, r, rates))
				load[r] += e
			}
		}
	}
	if len(cols) == 0 {
		return constant, true
	}
	// Rows: demands, then upper bounds, capacities and travel links, each
	// of the last three with its own slack column.
	type ineq struct {
		coef map[int]float64 // column -> coefficient
		rhs  float64
	}
	var ineqs []ineq
	travelCol := map[ResourceID]int{}
	nx := len(cols)
	for j, c := range cols {
		if counts[c.d] > 1 {
			ineqs = append(ineqs, ineq{coef: map[int]float64{j: 1}, rhs: 1})
		}
		if rates[c.r].visit > 0 && c.energy > 0 {
			y, ok := travelCol[c.r]
			if !ok {
				y = nx + len(travelCol)
				travelCol[c.r] = y
			}
			ineqs = append(ineqs, ineq{coef: map[int]float64{j: 1, y: -1}})
		}
	}
	for r := range p.Resources {
		room := float64(p.Resources[r].Capacity * availableSlots(p, ResourceID(r)))
		if load[r] <= room {
			continue
		}
		row := ineq{coef: map[int]float64{}, rhs: room}
		for j, c := range cols {
			if int(c.r) == r {
				row.coef[j] = c.energy
			}
		}
		ineqs = append(ineqs, row)
	}
	nv := nx + len(travelCol)
	rows, ncols := len(counts)+len(ineqs), nv+len(ineqs)
	if ncols > lpMaxColumns || rows > lpMaxRows {
		return 0, false
	}
	c := make([]float64, ncols)
	copy(c, obj)
	for r, y := range travelCol {
		c[y] = rates[r].visit
	}
	a := mat.NewDense(rows, ncols, nil)
	b := make([]float64, rows)
	for j, col := range cols {
		a.Set(col.d, j, 1)
	}
	copy(b, counts)
	for i, in := range ineqs {
		row := len(counts) + i
		for j, v := range in.coef {
			a.Set(row, j, v)
		}
		a.Set(row, nv+i, 1)
		b[row] = in.rhs
	}
	opt, _, err := lp.Simplex(c, a, b, 1e-10, nil)
	if err != nil || math.IsNaN(opt) {
		return 0, false
	}
	// Shave a little off for rounding in the simplex.
	return constant + opt - 1e-9*math.Max(1, math.Abs(opt)), true
}

// lpSmallEnough reports whether the relaxation's demand rows and columns
// alone fit in the size limits; the slack columns come on top. It looks at
// the demands only, so a series with thousands of sessions is turned away
// before a column (and its horizon-sized share of memory) is built.
func lpSmallEnough(p *Problem) bool {
	rows, cols := 0, 0
	for _, task := range p.Tasks {
		k := 0
		for _, d := range task.Demands {
			pinned := task.Pin != nil && len(task.Pin.Resources) >= k+d.count()
			k += d.count()
			if pinned {
				continue
			}
			rows++
			cols += len(d.Candidates)
			if rows > lpMaxRows || cols > lpMaxColumns {
				return false
			}
		}
	}
	return true
}

// availableSlots counts the slots of the horizon in which r is available.
func availableSlots(p *Problem, r ResourceID) int {
	av := p.Resources[r].Available
	if av == nil {
		return p.Slots
	}
	n := 0
	for s := range p.Slots {
		if av.Has(Slot(s)) {
			n++
		}
	}
	return n
}
