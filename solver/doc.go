// Package solver finds feasible, low-cost schedules for abstract
// resource-constrained scheduling problems: a grid of time slots, resources
// with capacity, availability and rate cards, tasks with demands,
// durations, windows and precedences, hard caps and soft cost terms.
//
// It knows nothing of film: the model package compiles a production into a
// Problem, and the benchmarks package compiles PSPLIB and iMOPSE instances
// into the same type.
//
//	p.Freeze()
//	sol, err := solver.Solve(ctx, p, solver.Options{Seed: 1, TimeLimit: time.Second})
package solver
