package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchCompare runs pencil alone (no peers) on one PSPLIB instance
// and checks the settings pencil bench compare refuses.
func TestBenchCompare(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // in stdout on success, stderr on failure
	}{
		{"labelled table", []string{"--family", "psplib-j30", "--instances", "../../benchmarks/testdata/j301_1.sm",
			"--time-limit", "200ms", "--peers", "", "--label", "j30-smoke"}, exitOK, "-compare-j30-smoke.md"},
		{"no family", []string{"--instances", "../../benchmarks/testdata"}, exitInvalid, "--family and --instances are required"},
		{"unknown family", []string{"--family", "j60", "--instances", "../../benchmarks/testdata"}, exitInvalid, `family "j60"`},
		{"unknown peer", []string{"--family", "imopse", "--instances", "../../benchmarks/testdata", "--peers", "gurobi"}, exitInvalid, `peer "gurobi"`},
		{"no instances of the family", []string{"--family", "generated", "--instances", "../../benchmarks/testdata/j301_1.sm"}, exitInvalid, "no .yaml files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if !pencilExpect(t, tt.wantCode, tt.wantOut, append([]string{"bench", "compare", "--out", dir}, tt.args...)...) {
				return
			}
			files, err := filepath.Glob(filepath.Join(dir, "*-compare-j30-smoke.md"))
			if err != nil || len(files) != 1 {
				t.Fatalf("tables %v (%v), want one", files, err)
			}
			table, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(table), "# pencil vs peers: j30-smoke,") || !strings.Contains(string(table), "| j301_1 | yes |") {
				t.Errorf("table lacks its label or the instance:\n%s", table)
			}
		})
	}
}
