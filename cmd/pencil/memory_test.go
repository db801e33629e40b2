package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pencil-post/pencil/benchmarks/limits"
	"github.com/pencil-post/pencil/solver"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"0", 0, false},
		{"1024", 1024, false},
		{"500MB", 500e6, false},
		{"500 mb", 500e6, false},
		{"2GiB", 2 << 30, false},
		{"1.5GB", 1.5e9, false},
		{"64KiB", 64 << 10, false},
		{"3kB", 3000, false},
		{"2G", 2e9, false},
		{"1TiB", 1 << 40, false},
		{" 7 B ", 7, false},
		{"", 0, true},
		{"MB", 0, true},
		{"-1GB", 0, true},
		{"1.2.3GB", 0, true},
		{"12 parsecs", 0, true},
		{"1e30GB", 0, true},
		{"9999999999999TB", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

// FuzzParseSize: any string either parses to a non-negative size or is
// refused with a message that quotes it; a parsed size printed in bytes
// parses back to itself.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"0", "500MB", "2GiB", "1.5 GB", "", "GiB", "1e3", "-5", "9223372036854775807", "١٢MB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseSize(s)
		if err != nil {
			if !strings.Contains(err.Error(), "want a size") && !strings.Contains(err.Error(), "too large") {
				t.Errorf("parseSize(%q): unhelpful error %v", s, err)
			}
			return
		}
		if n < 0 {
			t.Fatalf("parseSize(%q) = %d < 0", s, n)
		}
		back, err := parseSize(strings.TrimSpace(thousandsless(n)))
		if err != nil || back != n {
			t.Errorf("parseSize(%q) = %d, which reads back as %d, %v", s, n, back, err)
		}
	})
}

// thousandsless writes n in bytes as parseSize reads it.
func thousandsless(n int64) string { return strings.ReplaceAll(thousands(n), ",", "") + "B" }

func TestAvailableMemory(t *testing.T) {
	meminfo := "MemTotal:       24682416 kB\nMemFree:  1000 kB\nMemAvailable:   2000000 kB\n"
	tests := []struct {
		name  string
		files map[string]string
		want  int64
		known bool
	}{
		{"nothing readable", nil, 0, false},
		{"meminfo only", map[string]string{procMeminfo: meminfo}, 2000000 * 1024, true},
		{"meminfo without MemAvailable", map[string]string{procMeminfo: "MemTotal: 5 kB\n"}, 0, false},
		{"meminfo garbled", map[string]string{procMeminfo: "MemAvailable: lots kB\n"}, 0, false},
		{"cgroup v2 limit below meminfo", map[string]string{procMeminfo: meminfo, cgroup2Max: "1073741824\n", cgroup2Current: "73741824\n"}, 1<<30 - 73741824, true},
		{"cgroup v2 no limit", map[string]string{procMeminfo: meminfo, cgroup2Max: "max\n", cgroup2Current: "5\n"}, 2000000 * 1024, true},
		{"cgroup v2 over its limit", map[string]string{cgroup2Max: "100\n", cgroup2Current: "200\n"}, 0, true},
		{"cgroup v1 unlimited", map[string]string{procMeminfo: meminfo, cgroup1Limit: "9223372036854771712\n", cgroup1Usage: "1000\n"}, 2000000 * 1024, true},
		{"cgroup v1 limit", map[string]string{procMeminfo: meminfo, cgroup1Limit: "536870912\n", cgroup1Usage: "36870912\n"}, 500000000, true},
		{"cgroup v1 limit above meminfo", map[string]string{procMeminfo: meminfo, cgroup1Limit: "8589934592\n", cgroup1Usage: "0\n"}, 2000000 * 1024, true},
		{"cgroup limit, no meminfo", map[string]string{cgroup1Limit: "4096\n"}, 4096, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fstest.MapFS{}
			for name, body := range tt.files {
				root[name] = &fstest.MapFile{Data: []byte(body)}
			}
			got, known := availableMemory(root)
			if known != tt.known || (known && got != tt.want) {
				t.Errorf("availableMemory = %d, %v; want %d, %v", got, known, tt.want, tt.known)
			}
		})
	}
}

// TestAvailableMemoryOfThisMachine reads the real files: on Linux the
// kernel always says how much memory is available.
func TestAvailableMemoryOfThisMachine(t *testing.T) {
	if _, err := os.Stat("/proc/meminfo"); err != nil {
		t.Skip("no /proc/meminfo")
	}
	if n, ok := availableMemory(os.DirFS("/")); !ok || n <= 0 {
		t.Errorf("availableMemory = %d, %v; want some memory", n, ok)
	}
}

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
		{"one byte short", need - 1, 1, "series80.yaml: too large to solve on this machine: about " + limits.FormatBytes(need) +
			" needed (15,453 sessions and 628 suites, people and artistes over 29,184 half-hour slots, 2 workers), " +
			limits.FormatBytes(need-1) + " allowed by --max-memory (" + memoryLimitHint + ")"},
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
		{"gantt", "", []string{"gantt", feature, "--max-memory", "1kB"}},
		{"export xlsx", "", []string{"export", "xlsx", feature, "--out", filepath.Join(dir, "f.xlsx"), "--max-memory", "1kB"}},
		{"whatif", "", []string{"whatif", feature, scen, "--max-memory", "1kB"}},
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
	root := fstest.MapFS{procMeminfo: &fstest.MapFile{Data: []byte("MemAvailable: 1000000 kB\n")}}
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
