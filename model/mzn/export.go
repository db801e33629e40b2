package mzn

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/pencil-post/pencil/solver"
)

// Model is the MiniZinc model every export shares.
//
//go:embed pencil.mzn
var Model []byte

// Scale is the number of money units per currency unit in the model: the
// model's objective divided by Scale is pencil's cost.
const Scale = 100

// maxMoney keeps money sums inside Chuffed's 32-bit integers: an
// objective whose bounds go beyond it is not handed to Chuffed whole.
const maxMoney = math.MaxInt32 / 4

// ErrNotExportable is the kind of every error about a problem the model
// cannot hold.
var ErrNotExportable = errors.New("mzn: not exportable")

// Export is a problem rendered for MiniZinc.
type Export struct {
	// Data is the .dzn file for Model.
	Data []byte
	// Notes name each pencil feature of the problem that the model
	// approximates or leaves out, with counts.
	Notes []string
	// Exact reports that nothing was approximated or left out: the
	// model's optimum divided by Scale is the problem's optimal cost.
	Exact bool
	// Lexicographic reports that the whole objective would overflow
	// Chuffed's 32-bit integers but the makespan weight outweighs the
	// whole range of the other terms, so the objective is makespan first,
	// then the rest: solve PhaseMakespan, then PhaseRest capped at the
	// makespan it reached, and combine them with Objective. iMOPSE's
	// weights are like this. When false, PhaseWhole solves it at once.
	Lexicographic bool
	// MakespanWeight is the model's weight per slot of makespan, in
	// 1/Scale currency units.
	MakespanWeight int64
}

// Objective is the model's objective, in 1/Scale currency units, of a
// schedule whose makespan and rest (resource cost, overhead and lateness)
// MiniZinc printed as `makespan = ` and `rest = `.
func (ex *Export) Objective(makespan, rest int64) int64 {
	return rest + ex.MakespanWeight*makespan
}

// Phase is what one MiniZinc run of the model minimises.
type Phase int

// Phases of a solve: one PhaseWhole, or PhaseMakespan then PhaseRest when
// Export.Lexicographic.
const (
	// PhaseWhole minimises the whole objective and prints it as
	// `objective = `.
	PhaseWhole Phase = iota
	// PhaseMakespan minimises the makespan alone.
	PhaseMakespan
	// PhaseRest minimises the rest among schedules whose makespan is at
	// most a cap (the makespan PhaseMakespan reached).
	PhaseRest
)

// Data is the MiniZinc command-line data (-D) that selects the phase;
// makespanCap is used by PhaseRest only.
func (ph Phase) Data(makespanCap int64) string {
	if ph == PhaseRest {
		return fmt.Sprintf("phase=%d;makespan_cap=%d;", ph, makespanCap)
	}
	return fmt.Sprintf("phase=%d;", ph)
}

// WriteDir writes pencil.mzn and data.dzn into dir, creating it.
func (ex *Export) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("mzn: %w", err)
	}
	for name, data := range map[string][]byte{"pencil.mzn": Model, "data.dzn": ex.Data} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("mzn: %w", err)
		}
	}
	return nil
}

// Build renders p, which must be valid (Freeze accepts it), as MiniZinc
// data.
func Build(p *solver.Problem) (*Export, error) {
	if p.Slots <= 0 {
		return nil, fmt.Errorf("%w: %s has no horizon", ErrNotExportable, p.Name)
	}
	b := &builder{p: p, notes: map[string]int{}}
	if err := b.build(); err != nil {
		return nil, err
	}
	ex := &Export{Data: b.data(), MakespanWeight: money(p.Objective.MakespanWeight)}
	ex.Lexicographic = b.objectiveFits(ex.MakespanWeight)
	ex.Notes = b.noteList()
	ex.Exact = len(ex.Notes) == 0
	return ex, nil
}

// option is one candidate of one demand.
type option struct {
	dem, res int // 1-based
	starts   []solver.Interval
	cost     int64
	dept     int // 1-based, 0 for none
	prod     int // 1-based production charged, 0 for none
	pinned   bool
}

// builder holds one export under way.
type builder struct {
	p     *solver.Problem
	notes map[string]int

	startDom [][]solver.Interval
	splitRow []int
	endOf    [][]int32
	demTask  []int
	demCount []int
	demUnits []int
	opts     []option
	excl     [][]int
	precAdv  []int
	// maxAdv is, per max lag, 0 or the advance row of lag+1 working
	// slots; sameA and sameB pair the options a link makes equal (0: no
	// such option, never chosen); demFirst is each task's first demand.
	maxAdv       []int
	sameA, sameB []int
	demFirst     []int
	advance      [][]int32
	advRow       map[int]int
	deptCap      []int64
	totalCap     int64
	prodCaps     []prodCap
	perSlot      []float64 // per resource, per busy slot
}

func (b *builder) note(what string) { b.notes[what]++ }

func (b *builder) build() error {
	p := b.p
	b.perSlot = make([]float64, len(p.Resources))
	for r := range p.Resources {
		b.perSlot[r] = b.rate(solver.ResourceID(r))
	}
	b.advRow = map[int]int{}
	for t := range p.Tasks {
		if err := b.task(solver.TaskID(t)); err != nil {
			return err
		}
	}
	b.timeRules()
	for _, pr := range p.Precedences {
		row := 0
		if pr.LagWorking && pr.Lag != 0 {
			row = b.advanceRow(pr.Lag)
		}
		b.precAdv = append(b.precAdv, row)
	}
	b.deptCap = make([]int64, len(p.Departments))
	for i := range b.deptCap {
		b.deptCap[i] = -1
	}
	b.totalCap = -1
	for _, c := range p.Budgets {
		v := money(c.Limit)
		if c.Production >= 0 && c.Production < len(p.Productions) && len(p.Charging) > 0 {
			// A production's cap: its tasks' options, whose linear costs
			// are exactly the shares pencil charges it (a week's cost
			// split by slots worked is each task's slots at the rate).
			b.prodCaps = append(b.prodCaps, prodCap{prod: c.Production + 1, dept: c.Department + 1, limit: v})
			continue
		}
		if c.Department < 0 {
			b.totalCap = v
		} else if c.Department < len(b.deptCap) {
			b.deptCap[c.Department] = v
		}
	}
	if p.Objective.Cancelled != 0 {
		b.note("cancellation charges owed already")
	}
	for _, r := range p.Resources {
		if r.Rate.RecallFee != 0 {
			b.note("recall fees")
		}
		if r.Rules.TravelSlots > 0 {
			// A visit is a run of days the schedule decides: the
			// model books the work and leaves the journeys out.
			b.note("artistes' travel time (the journeys before and after each visit)")
		}
	}
	for _, t := range p.Tasks {
		if t.Previous != nil && t.MoveCost != 0 {
			b.note("disruption cost of moved pencils")
		}
		if t.Previous != nil && len(t.Cancellation) > 0 {
			b.note("cancellation charges of moved pencils")
		}
	}
	if len(p.Handovers) > 0 {
		b.note("soft continuity (cost per switch of editor)")
	}
	return nil
}

// rate is a resource's linear cost per busy slot, noting what the linear
// form leaves out.
func (b *builder) rate(id solver.ResourceID) float64 {
	r := &b.p.Resources[id]
	c := &r.Rate
	cal := &b.p.Calendar
	if cal.SlotsPerDay == 0 {
		if r.Capacity > 1 && c.Hour != 0 {
			b.note("hourly cost of a resource with capacity above one, charged per task-slot")
		}
		return c.Hour
	}
	sph := float64(cal.SlotsPerDay) / 24
	priced := 0
	for _, v := range []float64{c.Hour, c.HalfDay, c.Day, c.Week} {
		if v != 0 {
			priced++
		}
	}
	if priced > 1 || (priced == 1 && c.Hour == 0) {
		b.note("rate cards made linear per busy slot (day, half-day and weekly rates)")
	}
	if c.MinimumCall > 0 || c.MinimumCallOff > 0 {
		b.note("minimum calls")
	}
	if c.WeekSlots > 0 && c.OverWeekX > 1 {
		b.note("weekly hours premiums")
	}
	if c.OnCost != 0 {
		b.note("on-costs")
	}
	if c.UnitSlots > 1 || c.FreeSlots > 0 {
		b.note("billing units and free hours")
	}
	if c.Kit != 0 {
		b.note("kit fees")
	}
	if c.Travel != 0 || c.Hold != 0 {
		b.note("travel and holding days")
	}
	if (c.WeekendMultiplier != 0 && c.WeekendMultiplier != 1) || (c.HolidayMultiplier != 0 && c.HolidayMultiplier != 1) {
		b.note("weekend and holiday premiums")
	}
	u := b.possibleUse(id)
	if overtimeMayApply(c, u) {
		b.note("overtime bands")
	}
	if c.Engaged && c.Week != 0 {
		b.note("weekly engagements (idle weeks paid)")
	}
	if c.SixthDayX != 0 && c.Week != 0 {
		b.note("sixth-day premiums under a weekly rate")
	}
	if slices.ContainsFunc(c.ClockX, func(x float64) bool { return x > 1 }) {
		b.note("overtime bands by the clock")
	}
	if b.rulesMayBind(id, u) {
		b.note("working-time rules (hours per day, rest, days per week)")
	}
	if r.Capacity > 1 && priced > 0 {
		b.note("cost of a resource with capacity above one, charged per task-slot")
	}
	switch {
	case c.Hour != 0:
		return c.Hour / sph
	case c.Day != 0 && c.DaySlots > 0:
		return c.Day / float64(c.DaySlots)
	case c.HalfDay != 0 && c.HalfDaySlots > 0:
		return c.HalfDay / float64(c.HalfDaySlots)
	case c.Week != 0 && c.DaySlots > 0:
		return c.Week / float64(5*c.DaySlots)
	}
	return 0
}

func money(v float64) int64 { return int64(math.Round(v * Scale)) }

// advanceRow returns the row of the advance table for a working-time lag:
// for each x, the first slot y >= x with lag working slots in [x, y), or
// H+1 when the horizon runs out first.
func (b *builder) advanceRow(lag int) int {
	if row, ok := b.advRow[lag]; ok {
		return row
	}
	h := b.p.Slots
	row := make([]int32, h+1)
	for x := range row {
		row[x] = int32(min(b.p.Advance(solver.Slot(x), lag, true), solver.Slot(h+1))) // h+1 when the lag does not fit
	}
	b.advance = append(b.advance, row)
	b.advRow[lag] = len(b.advance)
	return len(b.advance)
}

// prodCap is a production's budget cap: prod and dept are 1-based, dept
// 0 for its total.
type prodCap struct {
	prod, dept int
	limit      int64
}
