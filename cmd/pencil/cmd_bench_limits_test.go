package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchLimits runs pencil bench limits on one project file with one
// short limit, and checks the report names it on stdout and in --out.
func TestBenchLimits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "limits.md")
	code, stdout, stderr := pencil(t, "bench", "limits", "../../testdata/feature.yaml", "--limits", "50ms",
		"--episodes", "", "--psplib", "", "--workers", "1", "--out", out, "--log-level", "error")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"| feature.yaml | project file | 20 | 24 | 8016 |", "Whole command (load, compile, solve, write): 1 runs",
		"Skipped: PSPLIB J120: no folder given"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	file, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(file), "| feature.yaml |") {
		t.Errorf("--out: %v\n%s", err, file)
	}
}

func TestBenchLimitsOptions(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad limit", []string{"--limits", "1s,soon"}, `limits "soon": want durations above 0`},
		{"zero limit", []string{"--limits", "0s"}, `limits "0s": want durations above 0`},
		{"bad episodes", []string{"--episodes", "10,none"}, `episodes "none": want whole numbers from 1`},
		{"no episodes", []string{"--episodes", "0"}, `episodes "0": want whole numbers from 1`},
		{"bad workers", []string{"--workers", "-1"}, "workers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := pencil(t, append([]string{"bench", "limits", "--psplib", ""}, tt.args...)...)
			if code != exitInvalid || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"500ms,1s, 2s", []string{"500ms", "1s", "2s"}},
		{" , 10 ,,", []string{"10"}},
	}
	for _, tt := range tests {
		got := splitList(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("splitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
