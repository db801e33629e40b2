// Package schedule is a solved production as plain domain values — one
// booking per session in wall-clock time, milestones, the cost broken down
// in the production's currency, the delivery date and the gap to the lower
// bound — and its table, JSON and CSV renderings.
//
//	s, err := schedule.Build(compiled, solution)
//	err = schedule.WriteTable(os.Stdout, s)
package schedule
