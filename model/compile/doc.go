// Package compile turns a model.Project into a solver.Problem on a grid of
// wall-clock slots, with every hard constraint in a labelled group so that
// an infeasible production can be explained in the trade's words.
//
//	c, err := compile.Compile(project, compile.Options{})
//	sol, err := solver.Solve(ctx, c.Problem, solver.Options{WarmStart: c.WarmStart})
package compile
