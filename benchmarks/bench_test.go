package benchmarks

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchRun runs a fixed sample under an iteration limit (so that every
// run does the same work) and reports the sample's quality as metrics.
func benchRun(b *testing.B, cfg RunConfig) {
	cfg.Iterations, cfg.Seed, cfg.Workers = 300, 1, 1
	var s Summary
	for b.Loop() {
		var err error
		if s, err = Run(context.Background(), cfg, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100*float64(s.Feasible)/float64(max(s.Instances, 1)), "feasible_%")
	b.ReportMetric(s.MeanDevLB, "dev_lb_%")
	if s.Referenced > 0 {
		b.ReportMetric(s.MeanDevRef, "dev_ref_%")
		b.ReportMetric(100*float64(s.Matched)/float64(s.Referenced), "matched_%")
	}
}

// BenchmarkSolveJ30 solves every 20th J30 instance (24 of 480).
func BenchmarkSolveJ30(b *testing.B) {
	dir := filepath.Join(sharedDir(b), "psplib")
	benchRun(b, RunConfig{Kind: KindPSPLIB, Instances: filepath.Join(dir, "j30"), Every: 20,
		References: []string{filepath.Join(dir, "j30opt.sm")}})
}

// BenchmarkSolveJ120 solves every 60th J120 instance (10 of 600).
func BenchmarkSolveJ120(b *testing.B) {
	dir := filepath.Join(sharedDir(b), "psplib")
	benchRun(b, RunConfig{Kind: KindPSPLIB, Instances: filepath.Join(dir, "j120"), Every: 60,
		References: []string{filepath.Join(dir, "j120hrs.sm"), filepath.Join(dir, "J120_BKS.csv"), filepath.Join(dir, "j120lb.sm")}})
}

// BenchmarkSolveIMOPSE solves the classic d36 set's every 4th instance.
func BenchmarkSolveIMOPSE(b *testing.B) {
	benchRun(b, RunConfig{Kind: KindIMOPSE, Instances: filepath.Join(sharedDir(b), "imopse", "d36"), Every: 4})
}

// benchLoad measures a loader on one test file.
func benchLoad(b *testing.B, load func(io.Reader, string) (*Instance, error), file string) {
	raw, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := load(bytes.NewReader(raw), file); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadPSPLIB(b *testing.B) { benchLoad(b, LoadPSPLIB, "j301_1.sm") }

func BenchmarkLoadIMOPSE(b *testing.B) { benchLoad(b, LoadIMOPSE, "100_10_512_10_A.def") }
