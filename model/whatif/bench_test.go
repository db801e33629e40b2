package whatif

import (
	"context"
	"testing"
	"time"
)

// BenchmarkSeriesFiveScenarios compares the five scenarios of
// testdata/scenarios/series.yaml on testdata/series.yaml, each solve capped
// at one second, as pencil whatif does by default with --time-limit 1s.
func BenchmarkSeriesFiveScenarios(b *testing.B) {
	sc, err := ParseFile("../../testdata/scenarios/series.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c, err := Run(context.Background(), Loader("../../testdata/series.yaml"), sc, Options{Seed: 1, TimeLimit: time.Second})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(c.Elapsed.Seconds(), "s/comparison")
	}
}
