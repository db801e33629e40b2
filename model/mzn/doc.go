// Package mzn exports a compiled solver.Problem — a production, or a PSPLIB
// or iMOPSE instance — as a MiniZinc model and its data, so that an
// independent constraint solver (Chuffed, via MiniZinc) can check pencil's
// optima on small instances.
//
//	ex, err := mzn.Build(p)
//	err = ex.WriteDir("out/") // out/pencil.mzn and out/data.dzn
//
// The model (pencil.mzn) is fixed; the data carries the problem. Exported
// exactly: start domains (release, deadline, horizon, the task's window and
// the availability of resources every schedule must use), alternative
// resources (Count distinct candidates of a demand, each available
// throughout the task), renewable capacities, finish-to-start,
// start-to-start and finish-to-finish precedences with elapsed or
// working-time lags (negative ones, overlaps, too), max lags
// (elapsed or working time), same-resource links between demands of one
// resource each (continuity), pins,
// per-task fees, use rates (a session's use of a room, per slot of its
// work), overhead per day, lateness per started day, earliness per whole
// day before a just-in-time target, the makespan weight, and budget caps
// on the exported cost (in a facility, each production's caps on what
// its sessions' options cost: the linear model's per-slot rates make a
// shared resource's week split by hours worked the same as each
// session's own options).
//
// Approximated, each named in Export.Notes when the problem has it:
// split tasks end where pencil's piece walk (from the window and the fixed
// resources) ends, and occupy their resources over the whole span, pauses
// included, so the model is a restriction of pencil's; rate cards are
// linear per busy slot (Hour pro rata, else the standard day's Day/DaySlots,
// HalfDay/HalfDaySlots, Week/(5 DaySlots)); a resource of capacity above
// one is charged per task-slot rather than per busy slot. Left out:
// minimum calls, billing units, free hours, on-costs, overtime bands (by
// hours worked or by the clock), weekend and holiday premiums, weekly
// caps, engagements, sixth days and weekly hours premiums, kit, travel
// and holding days, working-time rules (hours per day and week, rest, days
// per week), same-resource links on demands of several resources,
// disruption cost, cancellation charges (owed already, and those of
// moved pencils), soft continuity (a cost per switch of editor, left
// free), recall fees and artistes' travel time (the journeys before and
// after each visit, which the model does not block: a relaxation).
// Export.Exact is true when none of these apply, and then
// the model's optimum is pencil's objective.
//
// Chuffed's integers are 32-bit. When the objective's bounds would leave
// them but the makespan weight outweighs the whole range of the other
// terms — iMOPSE weighs makespan above any salary saving — the export is
// Lexicographic: PhaseMakespan minimises the makespan, then PhaseRest the
// rest with the makespan capped, and Export.Objective combines them into
// the same optimum. Otherwise such costs are noted and the export is not
// exact.
package mzn
