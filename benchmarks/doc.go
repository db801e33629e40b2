// Package benchmarks loads published scheduling instances — PSPLIB
// single-mode RCPSP (.sm, Kolisch and Sprecher 1996) and iMOPSE multi-skill
// RCPSP (.def, Myszkowski et al. 2015) — into solver.Problem, reads their
// reference tables, and runs the search over them, printing deviations from
// best-known values and lower bounds.
//
//	inst, err := benchmarks.LoadPSPLIB(f, "j301_1")
//	sum, err := benchmarks.Run(ctx, benchmarks.RunConfig{
//		Kind:       benchmarks.KindPSPLIB,
//		Instances:  "../shared/benchmarks/psplib/j30",
//		References: []string{"../shared/benchmarks/psplib/j30opt.sm"},
//		TimeLimit:  time.Second,
//	}, os.Stdout)
package benchmarks
