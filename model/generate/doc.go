// Package generate writes realistic, feasible pencil project files — a
// feature, an episodic series or a facility running several productions —
// at any scale, byte for byte the same for the same seed.
//
//	g, err := generate.Generate(generate.Options{Kind: generate.Series, Episodes: 10, Seed: 1})
//	os.WriteFile("series.yaml", g.YAML, 0o644)
//
// Feasibility is by construction: the generator builds a reference
// schedule of its own (a greedy, day-by-day list schedule that keeps every
// working-time rule) and derives the deliveries, the artistes' offered
// windows, the confirmed bookings and the budget caps from it, each with
// slack, so the reference schedule is always one feasible answer. A
// facility's productions carry no budget caps, since the compile cannot
// enforce a production's caps inside a facility.
//
// The time rules are the ones a post coordinator writes: one editor and
// cutting room keep an episode from the editor's cut to picture lock and
// one mixer and stage keep a reel from premix to final mix
// (same_people_as and same_suite_as); a reel's final mix follows its
// premix, and the captions the QC'd master, by the next working day
// (max_lag: 1wd). The reference schedule keeps them too.
package generate
