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
// s may not be skipped. When a chosen resource has MaxSlotsPerDay (with
// days), a split task works at most the smallest such c slots a calendar
// day: a piece also ends at midnight and once the day's c slots are
// worked, and the rest of a day whose next piece would be shorter than
// min(MinChunk, work left) is skipped (the first piece, at s, may not
// be). Its end is the slot after its last piece. A milestone (Duration 0) has no pieces, ends where it starts and occupies
// nothing; its start must be in its Window (a milestone's Window marks the
// instants it may fall at, such as the end of each working day).
//
// # Feasibility
//
// A schedule is feasible when: every start is at or after the task's
// Release; every end is at or before its Deadline (when set) and the
// horizon; each demand gets Count distinct candidates and no resource is
// chosen twice by one task; in every slot the Units used on a resource are
// at most its Capacity; for every precedence, To starts at or after
// advance(end of From, Lag) (FinishToStart) or advance(start of From, Lag)
// (StartToStart), or To ends at or after advance(end of From, Lag)
// (FinishToFinish), where advance(x, Lag) is x+Lag, or with LagWorking the
// first slot y ≥ x such that [x, y) holds Lag Working slots (for a
// negative Lag the last y ≤ x such that [y, x) holds -Lag, or 0); for every
// MaxLag, To starts at or before x+Lag, or with LagWorking at or before
// the last slot y ≥ x such that [x, y) holds at most Lag Working slots (x
// the end, or the start, of From); for every SameResource, the two demand
// entries it names hold the same resource; pinned tasks
// sit exactly at their Pin; every person's WorkRules hold (slots worked per
// calendar day, rest between the last slot worked on one day and the first
// on the next when both are worked, days worked per week, and with
// TravelSlots t the t slots before the first busy slot of each visit and
// after its last are available, not busy and clear of the neighbouring
// visits' travel, a visit being a run of used days where a gap of g
// unused days with Hold*g < Travel does not end it); and every BudgetCap
// holds.
//
// # Cost
//
// Resource cost is worked out per resource. In abstract time
// (SlotsPerDay == 0) it is Hour per busy slot plus PerTask per task. With
// days, for each day with u > 0 busy slots: billable b is u less
// FreeSlots when u ≥ FreeAfterSlots > 0, rounded up to a multiple of
// UnitSlots, and at least MinimumCall (MinimumCallOff on a Weekend or
// Holiday day when set); the standard part covers min(b, DaySlots) slots (all b when
// DaySlots is 0) at the cheapest offered of Hour pro rata, HalfDay (when
// b ≤ HalfDaySlots) and Day; each slot beyond DaySlots costs the per-slot
// equivalent (Day/DaySlots, else Hour pro rata) times the Multiplier of the
// last overtime band whose AfterSlots ≤ the slot's index that day (1 when
// none applies); to that is added, for each busy slot i of the day (the
// k-th worked that day) whose ClockX[i] is above what it is already paid
// (1 when k < DaySlots, else its overtime band), the per-slot equivalent
// times the difference; the sum is scaled by the weekend or holiday
// multiplier of the day. With Week set, each week's day costs are
// replaced by min(Week, their sum). An Engaged card instead prices each
// day at only its slots beyond DaySlots (at their overtime bands, plus
// clock premiums, times the day's multiplier), uncapped, and adds Week
// for every week from the first used day to the last: a week covered
// whole costs Week, one covered in part Week times min(1, n/WeekDays),
// n its covered days that are not Weekend days or are used. With
// SixthDayX set, the days used in a week after its first WeekDays are
// left out of the above and each costs its whole day price (as if not
// Engaged, clock premium and multiplier included) times max(1,
// SixthDayX). A week in which n > WeekSlots > 0 slots are used adds
// (n - WeekSlots) times the per-slot equivalent times OverWeekX - 1
// (when above 0). The rate-card cost (weeks and engagement) is scaled by 1 +
// OnCost. Kit is added per day worked, PerTask per task served, and
// Travel per visit: the first used day opens a visit and each gap of g
// unused days between used days costs min(Travel, Hold*g) (Travel when
// Hold is 0).
//
// Terms, in this order in Breakdown.Terms: "rate cards", "kit", "fees",
// "travel", "use rates" (for each task and resource of its UseRates, max(0,
// Slot) times the task's Duration, in the week of its start), "handovers"
// (each Handover's Cost when its two entries hold different resources),
// "overhead" (OverheadPerDay per day up to the day of the last busy slot),
// "lateness" (LatenessPerDay per started day past Due; per slot in
// abstract time), "earliness" (EarlinessPerDay per whole day before
// Target; per slot in abstract time), "cancellation"
// (Objective.Cancelled, owed already, plus each fee of a task's
// Cancellation whose resource the task no longer holds at its Previous
// start), "disruption" (MoveCost for each task whose start or resources
// differ from Previous), "makespan" (MakespanWeight per slot) and
// "recall" (RecallFee for each visit, as Travel counts them, after a
// resource's first that opens at most RecallDays days after its first
// day used; not a resource's cost).
// A department's cost is the sum of its resources' costs. A budget cap
// on the whole problem counts the total of the resource costs plus the
// overhead, the recall term and the cancellation fees the moves owe; a
// department's cap counts its resources' costs and the moves'
// cancellation fees on them (capSurcharge). Objective.Cancelled is left
// out of both: the caller takes money owed already off the limits.
//
// With Charging, each resource's cost is split among the tasks it serves
// (splitCost in charging.go): PerTask goes to each task served; the rest
// of its cost in a week (rate card, on-cost, kit, travel, engagement) to
// the tasks working it that week by their share of its slots that week;
// an engaged week without work by each task's share of all its slots
// (in abstract time, the whole cost so). A task's share goes to its
// Charge's production and department (the resource's department when
// the Charge names none); ByProduction and ByDepartment add the shares.
// A production also owes the recall fees and cancellation charges of its
// tasks (productionExtras in caps.go): a recall fee goes to the task that
// opens the visit (the first to work that day; the lower id on a tie),
// a cancellation fee to the task moved, in the department of the
// resource owing it, and Objective.CancelledByProduction to each
// production as given. ByProduction adds them in, and a BudgetCap with a
// Production bounds that production's shares and its recall and
// cancellation fees (overhead left out; the lower bound leaves the fees
// out too, which keeps it below).
//
// # Errors
//
// Solve returns a schedule or an error. errors.Is(err, ErrInfeasible)
// holds when no feasible schedule exists or the search ran its course
// (its iteration limit) without finding one (an *InfeasibleError says
// why). errors.Is(err, ErrCancelled) or errors.Is(err, ErrTimeLimit)
// holds, and ErrInfeasible does not, when the context was cancelled or
// the time ran out before any feasible schedule was found (a
// *StoppedError says how far the search got): a search cut short is no
// answer about feasibility. A problem that is not frozen or has no limit
// to stop at is an ordinary error.
//
// # Adding a cost rule
//
// A rule is a term: it is defined once and listed in one table,
// costTerms (terms.go), that Evaluate, the verifier, the lower bound and
// the search's report all walk. To add one:
//
//  1. The term: a type in terms.go (whole-schedule or per-task terms) or
//     terms_resource.go (per-resource terms, a resourceRule wrapped in a
//     resourceTerm) with the rule as a method (charge, day, visit, ...)
//     and one piece per pricer: evaluate (Evaluate's reading), verify
//     (the verifier's own walk: dayUse, served starts; only the rule is
//     shared), search (read from the search state) and bound (a lower
//     bound from the time bounds, or demandRates per slot, task and visit
//     for a resource term; 0 is always a valid bound). A resource rule
//     that charges by the day or the visit may also implement
//     usagePricer (bounds_days.go): a floor from the days and separate
//     runs of days a resource whose work is all forced on it must work.
//  2. Its row: append it to builtinTerms once the search state keeps it
//     incrementally (state.addRes for a resource's cost, which budget
//     caps also read; state.place for a task's; state.cost). Until then a
//     term listed after builtinTerms is priced in the search by its
//     search piece on every call: right, but slow. Name it with a Term
//     constant (evaluate.go) and describe it in "Cost" above, in the order
//     of Breakdown.Terms.
//  3. Its Problem field: on RateCard, Task or Objective (problem.go), with
//     a doc comment giving the unit and what zero means. derive.go marks a
//     resource priced when any of its rate fields costs money.
//  4. The project-file field: model/decode_resources.go (rate cards,
//     people, artistes) or the decoder of the section that owns it, and
//     model/compile to copy it into the Problem.
//  5. docs/project-file.md: the field, its unit, its default and an
//     example.
//  6. `pencil export mzn` (model/mzn): export it exactly, or list it
//     among the approximated or left-out rules in that package's doc and
//     in Export.Notes, so that Export.Exact stays honest.
//  7. Tests: TestPropertyTermsAgree covers the new row as it stands; add
//     a hand-worked case to evaluate_test.go and verify_test.go, and
//     rewrite testdata/terms_golden.json (go test -run TestTermsGolden
//     -update) only when the rule is meant to change existing costs.
package solver
