// Package whatif answers a producer's "what if" questions: it reads a
// scenario file of named overlays on a project (a budget cap, a second
// editor, an earlier delivery, a dearer colourist, no weekends, a fixed
// booking), solves the base and every scenario in parallel, and compares
// them by cost, department, delivery, slack, overtime, disruption and risk.
//
//	scenarios, err := whatif.ParseFile("testdata/scenarios/series.yaml")
//	cmp, err := whatif.Run(ctx, whatif.Loader("testdata/series.yaml"), scenarios, whatif.Options{Seed: 1, Iterations: 2000})
//	err = whatif.WriteText(os.Stdout, cmp)
package whatif
