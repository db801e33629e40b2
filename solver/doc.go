// Package solver finds feasible, low-cost schedules for abstract
// resource-constrained scheduling problems: a grid of time slots, resources
// with capacity, availability and rate cards, tasks with demands,
// durations, windows and precedences, hard caps and soft cost terms.
//
// It knows nothing of film: the model package compiles a production into a
// Problem, and the benchmarks package compiles PSPLIB and iMOPSE instances
// into the same type.
//
//	if err := p.Freeze(); err != nil { ... }
//	sol, err := solver.Solve(ctx, p, solver.Options{Seed: 1, TimeLimit: time.Second})
//
// # Where a task runs
//
// A placement gives a task's start s and its resources. A slot is open for
// the task when it is inside the horizon, in the task's Window and in the
// Available set of every chosen resource. A task that is not split runs in
// [s, s+Duration), and every one of those slots must be open. A split task
// walks the maximal runs of open slots from s onwards (the first run must
// begin at s); from each run it takes min(run length, work left) slots, but
// skips a run shorter than min(MinChunk, work left), except that the run at
// s may not be skipped. Its end is the slot after its last piece. A
// milestone (Duration 0) has no pieces, ends where it starts and occupies
// nothing.
//
// # Feasibility
//
// A schedule is feasible when: every start is at or after the task's
// Release; every end is at or before its Deadline (when set) and the
// horizon; each demand gets Count distinct candidates and no resource is
// chosen twice by one task; in every slot the Units used on a resource are
// at most its Capacity; for every precedence, To starts at or after
// advance(end of From, Lag) (FinishToStart) or advance(start of From, Lag)
// (StartToStart), where advance(x, Lag) is x+Lag, or with LagWorking the
// first slot y ≥ x such that [x, y) holds Lag Working slots; pinned tasks
// sit exactly at their Pin; every person's WorkRules hold (slots worked per
// calendar day, rest between the last slot worked on one day and the first
// on the next when both are worked, days worked per week); and every
// BudgetCap holds.
//
// # Cost
//
// Resource cost is worked out per resource. In abstract time
// (SlotsPerDay == 0) it is Hour per busy slot plus PerTask per task. With
// days, for each day with u > 0 busy slots: billable b = max(u,
// MinimumCall); the standard part covers min(b, DaySlots) slots (all b when
// DaySlots is 0) at the cheapest offered of Hour pro rata, HalfDay (when
// b ≤ HalfDaySlots) and Day; each slot beyond DaySlots costs the per-slot
// equivalent (Day/DaySlots, else Hour pro rata) times the Multiplier of the
// last overtime band whose AfterSlots ≤ the slot's index that day (1 when
// none applies); the sum is scaled by the weekend or holiday multiplier of
// the day. With Week set, each week's day costs are replaced by min(Week,
// their sum). Kit is added per day worked, PerTask per task served, and
// Travel per visit: the first used day opens a visit and each gap of g
// unused days between used days costs min(Travel, Hold*g) (Travel when
// Hold is 0).
//
// Terms, in this order in Breakdown.Terms: "rate cards", "kit", "fees",
// "travel", "overhead" (OverheadPerDay per day up to the day of the last
// busy slot), "lateness" (LatenessPerDay per started day past Due; per slot
// in abstract time), "disruption" (MoveCost for each task whose start or
// resources differ from Previous) and "makespan" (MakespanWeight per slot).
// A department's cost is the sum of its resources' costs; the total budget
// cap applies to all resource costs plus overhead.
package solver
