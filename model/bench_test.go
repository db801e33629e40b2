package model

import (
	"os"
	"strings"
	"testing"
)

func benchmarkParse(b *testing.B, name string) {
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(name, data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseFeature(b *testing.B)  { benchmarkParse(b, "../testdata/feature.yaml") }
func BenchmarkParseSeries(b *testing.B)   { benchmarkParse(b, "../testdata/series.yaml") }
func BenchmarkParseFacility(b *testing.B) { benchmarkParse(b, "../testdata/facility.yaml") }

// BenchmarkParseBig parses the series stretched to 20 episodes (242
// sessions), a long-running drama's block.
func BenchmarkParseBig(b *testing.B) {
	data, err := os.ReadFile("../testdata/series.yaml")
	if err != nil {
		b.Fatal(err)
	}
	big := string(data)
	for _, r := range [][2]string{
		{"count: 6", "count: 20"},
		{"delivery: 2026-10-30", "delivery: 2027-03-31"},
		{"first_delivery: 2026-09-25", "first_delivery: 2026-10-30"},
		{"2026-09-14..2026-10-23", "2026-09-14..2027-03-12"},
		{"2026-09-21..2026-10-09", "2026-09-21..2027-03-12"},
	} {
		big = replaceOnce(big, r[0], r[1])
	}
	p, err := Parse("big.yaml", []byte(big))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(p.Sessions)), "sessions")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("big.yaml", []byte(big)); err != nil {
			b.Fatal(err)
		}
	}
}

func replaceOnce(s, old, new string) string { return strings.Replace(s, old, new, 1) }
