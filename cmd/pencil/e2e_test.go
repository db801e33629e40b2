package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// solveArgs make a solve repeatable: one worker, a fixed seed and an
// iteration limit, no time limit.
var solveArgs = []string{"--iterations", "200", "--time-limit", "0", "--workers", "1", "--seed", "1", "--no-store"}

// TestValidateExamples: every example production validates.
func TestValidateExamples(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*.yaml")
	files = append(files, "testdata/short.yaml", "testdata/infeasible.yaml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			code, out, stderr := pencil(t, "validate", f)
			if code != exitOK || !strings.HasPrefix(out, f+": ok (") {
				t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, stderr)
			}
		})
	}
}

// TestValidateBroken: an invalid file exits 2 with every problem as
// file:line:col: field: message (hint).
func TestValidateBroken(t *testing.T) {
	code, out, _ := pencil(t, "validate", "testdata/short.yaml", "testdata/broken.yaml")
	if code != exitInvalid {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range []string{
		"testdata/short.yaml: ok (",
		"testdata/broken.yaml:7:46: suites[0].rate.day: negative rate -1400 (hint: ",
		"testdata/broken.yaml:9:26: sessions[0].roles: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat("../../testdata/bad/broken.yaml"); err == nil {
		code, out, _ := pencil(t, "validate", "../../testdata/bad/broken.yaml")
		if want := "../../testdata/bad/broken.yaml:4:11: timezone: unknown time zone"; code != exitInvalid || !strings.Contains(out, want) {
			t.Errorf("the shared broken example: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	if code, _, _ := pencil(t, "solve", "testdata/broken.yaml"); code != exitInvalid {
		t.Errorf("solve of a broken file: exit %d, want 2", code)
	}
	if code, _, _ := pencil(t, "validate", "testdata/missing.yaml"); code != exitError {
		t.Errorf("validate of a missing file: exit %d, want 1", code)
	}
}

// TestSolveGolden: the three renderings of a small production solved with
// a fixed seed and iteration limit.
func TestSolveGolden(t *testing.T) {
	for _, format := range []string{"table", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			args := append([]string{"solve", "testdata/short.yaml", "--format", format}, solveArgs...)
			code, out, stderr := pencil(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, filepath.Join("testdata", "golden", "short."+map[string]string{"table": "txt"}[format]+map[string]string{"json": "json", "csv": "csv"}[format]), out)
		})
	}
}

// TestSolveOut: --out writes the same three files.
func TestSolveOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	args := append([]string{"solve", "testdata/short.yaml", "--out", dir}, solveArgs...)
	if code, out, stderr := pencil(t, args...); code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, stderr)
	}
	for name, want := range map[string]string{"schedule.txt": "short.txt", "schedule.json": "short.json", "schedule.csv": "short.csv"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", "golden", want), string(got))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d files in --out, want 3 (temporary files left?)", len(entries))
	}
}

// TestSolveInfeasible: no schedule exits 3 and names the conflict in the
// trade's words, with positions.
func TestSolveInfeasible(t *testing.T) {
	args := append([]string{"solve", "testdata/infeasible.yaml"}, solveArgs...)
	code, out, stderr := pencil(t, args...)
	if code != exitInfeasible || out != "" {
		t.Errorf("exit %d, stdout %q; want 3 and nothing", code, out)
	}
	for _, want := range []string{
		"artiste availability: Maya Rees's dates from their agent: only 2026-10-20..2026-10-21 (testdata/infeasible.yaml:28:17)",
		"artiste needed: ADR needs artiste Maya Rees (testdata/infeasible.yaml:33:5)",
		"order of work: ADR starts after picture-lock finishes",
		"ADR needs artiste Maya Rees after picture-lock (so not before Thu 22 Oct); their agent gave only 20–21 Oct.",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestSolveTimeLimitIsNotInfeasible: a project no search can schedule,
// which the cheap checks cannot prove infeasible (every offline session
// of the series must now start after 3 Aug), given far too little time
// to search or explain: the command exits 5 and says the time ran out,
// never that no schedule exists.
func TestSolveTimeLimitIsNotInfeasible(t *testing.T) {
	code, out, stderr := pencil(t, "solve", "../../testdata/series.yaml", "--no-store", "--now", "2026-08-03", "--time-limit", "1ms")
	if code != exitTimeLimit || out != "" {
		t.Fatalf("exit %d, stdout %q; want 5 and nothing\nstderr %s", code, out, stderr)
	}
	if !strings.Contains(stderr, "no schedule found within --time-limit 1ms") || !strings.Contains(stderr, "says nothing about whether a schedule exists") {
		t.Errorf("stderr does not say the time ran out:\n%s", stderr)
	}
	if strings.Contains(stderr, "No schedule exists") || strings.Contains(stderr, "no feasible schedule") {
		t.Errorf("stderr claims infeasibility:\n%s", stderr)
	}
}

// golden compares got with the file, rewriting it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestSolveCancelled: a solve whose context is cancelled (SIGINT) exits
// 130.
func TestSolveCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"solve", "testdata/short.yaml", "--time-limit", "10s", "--now", "2026-10-19"}, &stdout, &stderr)
	if code != exitCancelled {
		t.Errorf("exit %d, want 130\nstderr: %s", code, stderr.String())
	}
}
