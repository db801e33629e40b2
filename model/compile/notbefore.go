package compile

import (
	"errors"
	"fmt"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// ErrInThePast is the kind of a *PastError: errors.Is(err, ErrInThePast)
// holds when Compile refused a production that delivers before
// Options.NotBefore.
var ErrInThePast = errors.New("compile: the production delivers before now")

// PastError is Compile's refusal of a production wholly in the past: its
// last delivery day ends before Options.NotBefore, so no working time is
// left to pencil anything in. errors.Is finds both ErrInThePast and
// model.ErrInvalid in it, so the CLI treats it as invalid input (exit
// status 2), like a project file that fails validation.
type PastError struct {
	// Pos is where the production that delivers last is written.
	Pos model.Pos
	// Delivery is the last delivery (or deadline) day of the project.
	Delivery model.Date
	// Now is Options.NotBefore.
	Now time.Time
	// Start is the first day of the schedule: planning as of that day
	// (--now Start) leaves the whole production ahead.
	Start model.Date
}

// Error says when the production delivers, when now is, and how to plan
// as of an earlier day:
//
//	series.yaml:48:1: the production delivers on 2026-10-30, before now (2026-11-02); to plan as of an earlier day, give --now 2026-06-01
func (e *PastError) Error() string {
	msg := fmt.Sprintf("the production delivers on %s, before now (%s); to plan as of an earlier day, give --now %s",
		e.Delivery, model.DateOf(e.Now), e.Start)
	if e.Pos.IsValid() {
		return e.Pos.String() + ": " + msg
	}
	return "compile: " + msg
}

// Is makes errors.Is(err, ErrInThePast) and errors.Is(err,
// model.ErrInvalid) hold.
func (e *PastError) Is(target error) bool {
	return target == ErrInThePast || target == model.ErrInvalid
}

// taskWords is what a task's dates-and-hours group says, kept so that
// notBefore can say it again beside "it is now ...".
type taskWords struct {
	pos model.Pos
	// hours and days are the window in words ("09:00-19:00", "on working
	// days"); empty for a milestone.
	hours, days string
	// deadline is the hard latest end (exclusive).
	deadline time.Time
}

// nowLayout is how labels give now and deadlines: Mon 3 Aug 09:00.
const nowLayout = "Mon 2 Jan 15:04"

// nowDate is the local day of Options.NotBefore, zero when it is unset.
func (c *compiler) nowDate() model.Date {
	if c.opts.NotBefore.IsZero() {
		return model.Date{}
	}
	loc := c.proj.Calendar.Location
	if loc == nil {
		loc = time.UTC
	}
	return model.DateOf(c.opts.NotBefore.In(loc))
}

// nowSlot is the slot Options.NotBefore rounds up to; 0 when it is unset
// or before the schedule starts.
func (c *compiler) nowSlot() solver.Slot {
	if c.opts.NotBefore.IsZero() {
		return 0
	}
	return max(c.slotCeil(c.opts.NotBefore), 0)
}

// inThePast refuses a project with no working time left between
// Options.NotBefore and the end of its last delivery day (or of the
// schedule, when no production has a delivery date).
func (c *compiler) inThePast() error {
	now := c.nowSlot()
	if now == 0 {
		return nil
	}
	day, prod := c.lastDelivery()
	limit := solver.Slot(c.grid.Slots())
	if !day.IsZero() {
		limit = min(limit, c.grid.SlotOf(day.AddDays(1).In(c.grid.Location)))
	} else {
		day, prod = c.lastDay, c.lastProd
	}
	for x := now; x < limit; x++ {
		if c.prob.Calendar.Working.Has(x) {
			return nil
		}
	}
	return &PastError{
		Pos:      prod.Pos,
		Delivery: day,
		Now:      c.opts.NotBefore.In(c.grid.Location),
		Start:    model.DateOf(c.grid.Day0),
	}
}

// lastDelivery returns the latest delivery day over the productions and
// their episodes, and its production; zero when none has one.
func (c *compiler) lastDelivery() (model.Date, *model.Production) {
	var last model.Date
	var of *model.Production
	for _, prod := range c.proj.Productions {
		d := prod.Delivery
		if e := prod.Episodes; e != nil {
			if ed := e.LastDelivery(); ed.After(d) {
				d = ed
			}
		}
		if !d.IsZero() && (last.IsZero() || d.After(last)) {
			last, of = d, prod
		}
	}
	return last, of
}

// notBefore raises the release of every task not pinned by a confirmed
// booking to now, and relabels the dates-and-hours group of each task it
// moves as KindNotBefore, so an explanation says that it is too late:
//
//	nothing before now: it is now Mon 3 Aug 09:00: nothing can be pencilled before then; Mix, Ep 1 runs 09:00-19:00 on working days and must end by Fri 31 Jul (series.yaml:101:5)
//
// A task whose deadline has then passed is left to the solve, which finds
// it infeasible and explains it that way.
func (c *compiler) notBefore() {
	now := c.nowSlot()
	if now == 0 {
		return
	}
	c.out.NotBefore = now
	at := c.grid.Time(now).Format(nowLayout)
	behind := c.behindConfirmedPast(now)
	for t := range c.prob.Tasks {
		task := &c.prob.Tasks[t]
		if task.Pin != nil || task.Release >= now {
			continue
		}
		if by := behind[t]; by >= 0 {
			c.passedBefore(solver.TaskID(t), by, at)
			continue
		}
		task.Release = now
		w := c.words[t]
		due := w.deadline.Add(-time.Minute).Format("Mon 2 Jan")
		var what string
		if w.hours == "" {
			what = fmt.Sprintf("%s must fall by %s", task.Name, due)
		} else {
			what = fmt.Sprintf("%s runs %s %s and must end by %s", task.Name, w.hours, w.days, due)
		}
		label := fmt.Sprintf("it is now %s: nothing can be pencilled before then; %s", at, what)
		if w.pos.IsValid() {
			label += " (" + w.pos.String() + ")"
		}
		if task.WindowGroup >= 0 {
			c.prob.Groups[task.WindowGroup] = solver.Group{Kind: KindNotBefore, Label: label}
		}
	}
}

// behindConfirmedPast returns, per task, a booked task that started
// before now and that the task must come before (directly or through
// other such tasks), or -1. Such a task's place is in the past: the
// confirmed work after it has already begun. Only links that certainly
// put the task earlier count: finish-to-start and start-to-start with a
// lag of zero or more (a finish-to-finish link or an overlap may leave it
// room after now).
func (c *compiler) behindConfirmedPast(now solver.Slot) []solver.TaskID {
	n := len(c.prob.Tasks)
	behind := make([]solver.TaskID, n)
	preds := make([][]int, n)
	for i, pr := range c.prob.Precedences {
		preds[pr.To] = append(preds[pr.To], i)
	}
	var stack []solver.TaskID
	for t := range c.prob.Tasks {
		behind[t] = -1
		if pin := c.prob.Tasks[t].Pin; pin != nil && pin.Start < now {
			stack = append(stack, solver.TaskID(t))
		}
	}
	for _, booked := range stack {
		behind[booked] = booked
	}
	for len(stack) > 0 {
		y := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, i := range preds[y] {
			pr := c.prob.Precedences[i]
			if pr.Lag < 0 || pr.Kind != solver.FinishToStart && pr.Kind != solver.StartToStart {
				continue
			}
			x := pr.From
			if behind[x] >= 0 || c.prob.Tasks[x].Pin != nil {
				continue
			}
			behind[x] = behind[y]
			stack = append(stack, x)
		}
	}
	for t := range c.prob.Tasks {
		if c.prob.Tasks[t].Pin != nil {
			behind[t] = -1
		}
	}
	return behind
}

// passedBefore handles a task whose place is before booked work that has
// already begun. A milestone has passed: it keeps its own dates (no one
// is booked for it). A session cannot be pencilled in the past, and
// nothing after now can come before the booked work: that is a problem
// in the project file, said where the session is written.
func (c *compiler) passedBefore(t, booked solver.TaskID, at string) {
	task := &c.prob.Tasks[t]
	if task.Duration == 0 && len(task.Demands) == 0 {
		return
	}
	began := c.grid.Time(c.prob.Tasks[booked].Pin.Start).Format(nowLayout)
	c.problem(c.words[t].pos, "after",
		"if it was done, add its booking with the dates it was worked and status: confirmed; if not, the link to it is wrong",
		"%s has no booking, yet it must come before %s, booked from %s; it is now %s, so it cannot be pencilled in the past",
		task.Name, c.prob.Tasks[booked].Name, began, at)
}
