package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pencil-post/pencil/solver"
	"github.com/pencil-post/pencil/solver/memlimit"
)

// TestRefuseTooLarge: the refusal names the file, the sizes and the limit,
// and is an errTooLarge (exit 2); a problem under the limit, or no limit,
// passes.
func TestRefuseTooLarge(t *testing.T) {
	p := &solver.Problem{Slots: 29184, Calendar: solver.Calendar{SlotMinutes: 30, SlotsPerDay: 48},
		Tasks: make([]solver.Task, 15453), Resources: make([]solver.Resource, 628)}
	need := estimateSolves(p, 2, 1)
	tests := []struct {
		name   string
		limit  int64
		solves int
		want   string // "" when it passes
	}{
		{"no limit", 0, 1, ""},
		{"room enough", need, 1, ""},
		{"one byte short", need - 1, 1, "series80.yaml: too large to solve on this machine: about " + memlimit.FormatBytes(need) +
			" needed (15,453 sessions and 628 suites, people and artistes over 29,184 half-hour slots, 2 workers), " +
			memlimit.FormatBytes(need-1) + " allowed by --max-memory (" + memoryLimitHint + ")"},
		{"what-if solves at once", need + 1, 3, "× 3 solves at once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := refuseTooLarge("series80.yaml", p, 2, tt.solves, memoryLimit{bytes: tt.limit, from: "allowed by --max-memory"})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want == "":
			case err == nil:
				t.Errorf("not refused; want %q", tt.want)
			case !errors.Is(err, errTooLarge) || exitCode(err) != exitInvalid:
				t.Errorf("%v: not errTooLarge with exit 2", err)
			case !strings.Contains(err.Error(), tt.want):
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestTooLargeCommands: every command that compiles and solves refuses a
// project over --max-memory (flag, environment or config file) with exit
// 2 before solving, and solve writes no booking store.
func TestTooLargeCommands(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "pencil.db")
	config := filepath.Join(dir, "pencil.yaml")
	if err := os.WriteFile(config, []byte("max-memory: 1kB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	scen := filepath.Join(dir, "scenarios.yaml")
	if err := os.WriteFile(scen, []byte(featureScenarios), 0o644); err != nil {
		t.Fatal(err)
	}
	feature := "../../testdata/feature.yaml"
	tests := []struct {
		name string
		env  string
		args []string
	}{
		{"solve", "", []string{"solve", feature, "--store", store, "--max-memory", "1kB", "--now", "2026-03-02"}},
		{"solve, environment", "1kB", []string{"solve", feature, "--store", store, "--now", "2026-03-02"}},
		{"solve, config file", "", []string{"--config", config, "solve", feature, "--store", store, "--now", "2026-03-02"}},
		{"gantt", "", []string{"gantt", feature, "--max-memory", "1kB", "--now", "2026-03-02"}},
		{"export xlsx", "", []string{"export", "xlsx", feature, "--out", filepath.Join(dir, "f.xlsx"), "--max-memory", "1kB", "--now", "2026-03-02"}},
		{"whatif", "", []string{"whatif", feature, scen, "--max-memory", "1kB", "--now", "2026-03-02"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("PENCIL_MAX_MEMORY", tt.env)
			}
			code, out, stderr := pencil(t, tt.args...)
			if code != exitInvalid || out != "" || !strings.Contains(stderr, "too large to solve on this machine") {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and the refusal", code, out, stderr)
			}
			if _, err := os.Stat(store); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the refused solve left a booking store: %v", err)
			}
		})
	}
}

// TestTooLargeMessage: the refusal of testdata/feature.yaml, word for
// word (go test -update rewrites it when the estimate is re-fitted).
func TestTooLargeMessage(t *testing.T) {
	code, out, stderr := pencil(t, "solve", "../../testdata/feature.yaml", "--no-store", "--max-memory", "1kB", "--workers", "2")
	if code != exitInvalid || out != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	golden(t, filepath.Join("testdata", "golden", "too-large.txt"), stderr)
}

// TestBadMaxMemory: a malformed --max-memory is a usage error, found
// before the project is read (the file named here does not exist).
func TestBadMaxMemory(t *testing.T) {
	for _, args := range [][]string{
		{"solve", "missing.yaml", "--no-store", "--max-memory", "lots"},
		{"gantt", "missing.yaml", "--max-memory", "lots"},
		{"whatif", "missing.yaml", "missing-scenarios.yaml", "--max-memory", "lots"},
	} {
		code, _, stderr := pencil(t, args...)
		if code != exitInvalid || !strings.Contains(stderr, `max-memory: "lots": want a size such as 500MB or 2GiB, or 0 for no limit`) {
			t.Errorf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
	}
}

// TestMaxMemoryDefault: without --max-memory the limit is memorySafety of
// the memory available, none when that is unknown; a set value wins.
func TestMaxMemoryDefault(t *testing.T) {
	root := fstest.MapFS{"proc/meminfo": &fstest.MapFile{Data: []byte("MemAvailable: 1000000 kB\n")}}
	tests := []struct {
		name string
		set  string
		root fstest.MapFS
		want int64
	}{
		{"from meminfo", "", root, int64(float64(1000000*1024) * memorySafety)},
		{"unknown: no limit", "", fstest.MapFS{}, 0},
		{"set wins", "2GiB", root, 2 << 30},
		{"set to none", "0", root, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGlobals(nil, nil)
			if tt.set != "" {
				g.v.Set("max-memory", tt.set)
			}
			lim, err := g.maxMemory(tt.root)
			if err != nil || lim.bytes != tt.want {
				t.Errorf("maxMemory = %d, %v; want %d", lim.bytes, err, tt.want)
			}
		})
	}
}
