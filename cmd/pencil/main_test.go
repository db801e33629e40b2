package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// pencil runs the command line in-process and returns its exit status,
// stdout and stderr.
func pencil(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// pencilExpect runs the command line, checks its exit status and that
// wantOut is in stdout (stderr when it fails), and reports whether it
// succeeded, so the caller goes on to check what it wrote.
func pencilExpect(t *testing.T, wantCode int, wantOut string, args ...string) bool {
	t.Helper()
	code, stdout, stderr := pencil(t, args...)
	if code != wantCode {
		t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, wantCode, stdout, stderr)
	}
	got := stdout
	if code != exitOK {
		got = stderr
	}
	if !strings.Contains(got, wantOut) {
		t.Errorf("output %q lacks %q", got, wantOut)
	}
	return code == exitOK
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"ok", nil, exitOK},
		{"plain error", errors.New("disk full"), exitError},
		{"invalid project", fmt.Errorf("load: %w", &model.ValidationError{}), exitInvalid},
		{"bad flags", usageError{errors.New("unknown flag")}, exitInvalid},
		{"infeasible", fmt.Errorf("solve: %w", &solver.InfeasibleError{Reason: "x"}), exitInfeasible},
		{"reported infeasible", reportedError{solver.ErrInfeasible}, exitInfeasible},
		{"cancelled", fmt.Errorf("solve: %w", context.Canceled), exitCancelled},
		{"search cancelled", fmt.Errorf("solve: %w", &solver.StoppedError{Err: solver.ErrCancelled}), exitCancelled},
		{"time limit before any schedule", reportedError{&solver.StoppedError{Err: solver.ErrTimeLimit}}, exitTimeLimit},
		{"invalid and unreadable", errors.Join(os.ErrNotExist, model.ErrInvalid), exitInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"version", "--frobnicate"}, "unknown flag: --frobnicate"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"solve without a file", []string{"solve"}, "want one project file, got 0 arguments"},
		{"validate without a file", []string{"validate"}, "want at least one project file"},
		{"bad log level", []string{"version", "--log-level", "loud"}, `log-level "loud"`},
		{"bad format", []string{"solve", "x.yaml", "--format", "pdf"}, `format "pdf": want table, json, csv`},
		{"no limit at all", []string{"solve", "x.yaml", "--time-limit", "0"}, "set --time-limit or --iterations"},
		{"bench without instances", []string{"bench", "psplib"}, "--instances DIR is required"},
		{"bench unknown kind", []string{"bench", "tsplib"}, "want a benchmark kind: psplib or imopse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := pencil(t, tt.args...)
			if code != exitInvalid || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := pencil(t, "version")
	if code != 0 || !strings.HasPrefix(out, "pencil ") || !strings.Contains(out, "\ncommit ") || !strings.Contains(out, "go1.") {
		t.Errorf("exit %d, output %q", code, out)
	}
	var buf bytes.Buffer
	if err := runVersion(&buf, buildInfo{Version: "v1.2.3", Commit: "abc", GoVersion: "go1.26.8", Modified: true}); err != nil {
		t.Fatal(err)
	}
	if want := "pencil v1.2.3\ncommit abc (modified)\ngo1.26.8\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestHelpListsExitStatus(t *testing.T) {
	for _, cmd := range []string{"", "validate", "solve", "version", "bench", "psplib"} {
		args := []string{cmd, "--help"}
		if cmd == "" {
			args = []string{"--help"}
		}
		if cmd == "psplib" {
			args = []string{"bench", "psplib", "--help"}
		}
		code, out, _ := pencil(t, args...)
		if code != 0 || !strings.Contains(out, "EXIT STATUS") || !strings.Contains(out, "Examples:") {
			t.Errorf("%s --help: exit %d, no EXIT STATUS or examples:\n%s", cmd, code, out)
		}
	}
}

func TestLogsAreJSONOffATerminal(t *testing.T) {
	var buf bytes.Buffer
	log := newLogger(&buf, 0)
	log.Info().Uint64("seed", 7).Msg("solving")
	if !strings.HasPrefix(buf.String(), "{") || !strings.Contains(buf.String(), `"seed":7`) {
		t.Errorf("log line %q is not JSON", buf.String())
	}
}

func TestWriteOutputsIsAtomic(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// A directory that cannot be made: nothing is written.
	if err := writeOutputs(filepath.Join(blocker, "out"), nil); err == nil {
		t.Error("writing under a file succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left %d entries behind", len(entries))
	}
}

func TestBenchPSPLIB(t *testing.T) {
	code, out, stderr := pencil(t, "bench", "psplib", "--instances", "../../benchmarks/testdata", "--filter", "j301_1",
		"--iterations", "50", "--time-limit", "0", "--workers", "1", "--log-level", "error")
	if code != exitOK || !strings.Contains(out, "j301_1") || !strings.Contains(out, "summary: instances=1 feasible=1") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, stderr)
	}
	if code, _, _ := pencil(t, "bench", "imopse", "--instances", "testdata/no-such-dir", "--time-limit", "1s"); code != exitError {
		t.Errorf("missing instances folder: exit %d, want 1", code)
	}
}

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := &progressLine{liveLine: liveLine{w: &buf, on: true, tty: true}, currency: "GBP"}
	p.update(solver.Progress{Elapsed: 500 * time.Millisecond, Iterations: 10})
	if buf.Len() != 0 {
		t.Errorf("progress shown before a second: %q", buf.String())
	}
	p.update(solver.Progress{Elapsed: 1500 * time.Millisecond, Iterations: 1234, Feasible: true, BestCost: 12345})
	p.update(solver.Progress{Elapsed: 1600 * time.Millisecond, Iterations: 1300, Feasible: true, BestCost: 12000})
	p.done()
	if got, want := buf.String(), "\r\033[Ksearching   1.5s  1234 iterations  best £12,345\r\033[K"; got != want {
		t.Errorf("progress %q, want %q (updates throttled, line cleared)", got, want)
	}
}
