package compare

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sampleReport has every case the summary counts: better, equal, worse,
// one side only, a proved optimum matched and one missed, and a skip.
func sampleReport() *Report {
	ms := time.Millisecond
	pencil := func(v float64, first time.Duration) Outcome {
		return Outcome{Status: StatusFeasible, Found: true, Value: v, FirstFeasible: first, BestAt: 100 * first, Wall: time.Second, PeakKB: 25600}
	}
	peer := func(st Status, v float64, first time.Duration) Outcome {
		return Outcome{Status: st, Found: true, Value: v, FirstFeasible: first, BestAt: first, FirstIsWall: true, Wall: first, PeakKB: 245760}
	}
	return &Report{Family: FamilyJ30, TimeLimit: time.Second, Peers: []string{PeerChuffed, PeerHiGHS}, Rows: []Row{
		{Instance: "j301_1", Exact: true, Pencil: pencil(43, 2*ms),
			Peers: []Outcome{peer(StatusOptimal, 43, 3500*ms), peer(StatusFeasible, 55, 1860*ms)}},
		{Instance: "j3013_1", Exact: true, Pencil: pencil(60, 4*ms),
			Peers: []Outcome{peer(StatusOptimal, 58, 5000*ms), {Status: StatusUnknown, Wall: 1700 * ms}}},
		{Instance: "j3025_1", Exact: true, Pencil: pencil(93, 1*ms),
			Peers: []Outcome{peer(StatusFeasible, 95, 2300*ms), {Status: StatusSkipped, Note: "node is not installed"}}},
		{Instance: "j3037_1", Exact: true, Pencil: Outcome{Status: StatusUnknown, Note: "no schedule in time"},
			Peers: []Outcome{peer(StatusFeasible, 70, 2000*ms), peer(StatusFeasible, 80, 1000*ms)}},
	}}
}

func TestSummarize(t *testing.T) {
	got := sampleReport().Summarize()
	want := []PeerSummary{
		{Peer: PeerChuffed, Both: 3, PencilMean: 196.0 / 3, PeerMean: 196.0 / 3, Ratio: 1, Better: 1, Equal: 1, Worse: 1,
			PencilFirst: 7 * time.Millisecond / 3, PeerFirst: 10800 * time.Millisecond / 3,
			FirstSpeedup: float64(10800*time.Millisecond/3) / float64(7*time.Millisecond/3),
			PeerOnly:     1, PeerOptimal: 2, PencilMatched: 1},
		{Peer: PeerHiGHS, Both: 1, PencilMean: 43, PeerMean: 55, Ratio: 43.0 / 55, Better: 1,
			PencilFirst: 2 * time.Millisecond, PeerFirst: 1860 * time.Millisecond, FirstSpeedup: 930,
			PeerOnly: 1, PencilOnly: 1, Skipped: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d summaries", len(got))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("summary %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestWriteMarkdownGolden(t *testing.T) {
	env := Environment{Date: time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC), CPUs: 2, Load: "2.31 2.04 2.45"}
	var b bytes.Buffer
	if err := sampleReport().WriteMarkdown(&b, env); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden.md")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("markdown differs from %s (go test -update to accept):\n%s", golden, b.String())
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	env := Environment{Date: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), CPUs: 2}
	path, err := sampleReport().WriteFile(dir, env)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "2026-11-23-compare-psplib-j30.md" {
		t.Errorf("path %s", path)
	}
	labelled := sampleReport()
	labelled.Label = "psplib-j30-every-10"
	if got := labelled.FileName(env.Date); got != "2026-11-23-compare-psplib-j30-every-10.md" {
		t.Errorf("labelled file name %s", got)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("dir holds %v (%v), want the report alone", entries, err)
	}
}

func TestConfigRejected(t *testing.T) {
	ok := Config{Family: FamilyJ30, Instances: "x", TimeLimit: time.Second}
	for _, tc := range []struct {
		name string
		edit func(*Config)
	}{
		{"family", func(c *Config) { c.Family = "j60" }},
		{"instances", func(c *Config) { c.Instances = "" }},
		{"time limit", func(c *Config) { c.TimeLimit = 0 }},
		{"every", func(c *Config) { c.Every = -1 }},
		{"peer", func(c *Config) { c.Peers = []string{"gurobi"} }},
		{"no files", func(c *Config) { c.Instances = t.TempDir() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.edit(&c)
			if _, err := Run(t.Context(), c, nil); !errors.Is(err, ErrConfig) {
				t.Errorf("err = %v, want ErrConfig", err)
			}
		})
	}
}

func TestListInstances(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"j301_10.sm", "j301_2.sm", "j302_1.sm", "j301_1.sm", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		every, limit int
		want         []string
	}{
		{0, 0, []string{"j301_1", "j301_2", "j301_10", "j302_1"}},
		{2, 0, []string{"j301_1", "j301_10"}},
		{0, 3, []string{"j301_1", "j301_2", "j301_10"}},
	} {
		files, err := listInstances(FamilyJ30, dir, tc.every, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.name)
		}
		if len(got) != len(tc.want) {
			t.Fatalf("every %d limit %d: got %v, want %v", tc.every, tc.limit, got, tc.want)
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("every %d limit %d: got %v, want %v", tc.every, tc.limit, got, tc.want)
			}
		}
	}
}
