package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// builtPencil is the pencil binary the process tests run, built once.
var builtPencil struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// pencilBinary builds pencil into a temporary folder, once per test binary.
func pencilBinary(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build pencil with")
	}
	builtPencil.once.Do(func() {
		builtPencil.dir, builtPencil.err = os.MkdirTemp("", "pencil-bin-")
		if builtPencil.err != nil {
			return
		}
		builtPencil.path = filepath.Join(builtPencil.dir, "pencil")
		out, err := exec.Command("go", "build", "-o", builtPencil.path, ".").CombinedOutput()
		if err != nil {
			builtPencil.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if builtPencil.err != nil {
		t.Fatal(builtPencil.err)
	}
	return builtPencil.path
}

// proc is one finished pencil process.
type proc struct {
	args           []string
	code           int
	stdout, stderr string
}

// runProc runs the pencil binary to the end.
func runProc(ctx context.Context, bin string, args ...string) proc {
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		code = -1
		errb.WriteString(err.Error())
	}
	return proc{args: args, code: code, stdout: out.String(), stderr: errb.String()}
}

// TestConfirmDuringSolveKept is the race as a coordinator meets it: Maya's
// agent moves her dates, a solve of the changed file starts, and while it
// searches Jo confirms the ADR booking that solve wants to move. The
// confirm must stand, at its confirmed time: the solve either solves
// again from the new state or exits 4 having committed nothing.
func TestConfirmDuringSolveKept(t *testing.T) {
	bin := pencilBinary(t)
	ctx := t.Context()
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	if p := runProc(ctx, bin, append([]string{"solve", file}, repencilArgs...)...); p.code != 0 {
		t.Fatalf("first solve: exit %d: %s", p.code, p.stderr)
	}
	project(t, dir, "testdata/short.yaml", "short.yaml", "available: [2026-10-26..2026-10-27]", "available: [2026-10-27..2026-10-27]")
	solve := exec.CommandContext(ctx, bin, "solve", file, "--time-limit", "3s", "--workers", "1", "--now", "2026-10-19T08:00:00Z", "--log-level", "info")
	stderr, err := solve.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	solve.Stdout = &out
	if err := solve.Start(); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
		if strings.Contains(lines.Text(), `"message":"solving"`) {
			break
		}
	}
	confirm := runProc(ctx, bin, "confirm", file, shortADR, "--reason", "agent confirmed", "--who", "jo")
	if confirm.code != 0 {
		t.Fatalf("confirm during the solve: exit %d: %s", confirm.code, confirm.stderr)
	}
	confirmed := storedBooking(t, openTestStore(t, storePathFor(file)), shortADR)
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
	}
	err = solve.Wait()
	var ee *exec.ExitError
	switch {
	case err == nil:
		if !strings.Contains(log.String(), "solving again from the new state") {
			t.Errorf("the solve committed without solving again:\n%s", log.String())
		}
	case errors.As(err, &ee) && ee.ExitCode() == exitChanged:
	default:
		t.Fatalf("solve: %v\n%s", err, log.String())
	}
	after := storedBooking(t, openTestStore(t, storePathFor(file)), shortADR)
	if after.Status != booking.Confirmed || !after.Start.Equal(confirmed.Start) || !after.End.Equal(confirmed.End) || after.Sequence != confirmed.Sequence {
		t.Errorf("after the solve the confirmed ADR is %+v, want it as confirmed: %+v\n%s", after, confirmed, out.String())
	}
}

// TestDecisionsNeverUndone runs random interleavings of solves (of the
// file as it was and as Maya's agent changed it) with confirm, release
// and pencil, each a process of its own started at a random moment, and
// checks the store's history afterwards: every person's decision is kept
// or refused with a message, never undone. A run may change a booking a
// person decided about only if it read the store after that decision
// (the version it read is recorded with it), and never moves a confirmed
// booking.
func TestDecisionsNeverUndone(t *testing.T) {
	bin := pencilBinary(t)
	ctx := t.Context()
	rapid.Check(t, func(rt *rapid.T) {
		dir := t.TempDir()
		file := project(t, dir, "testdata/short.yaml", "short.yaml")
		alt := project(t, dir, "testdata/short.yaml", "alt.yaml", "available: [2026-10-26..2026-10-27]", "available: [2026-10-27..2026-10-27]")
		db := storePathFor(file)
		if p := runProc(ctx, bin, append([]string{"solve", file}, repencilArgs...)...); p.code != 0 {
			rt.Fatalf("first solve: exit %d: %s", p.code, p.stderr)
		}
		n := rapid.IntRange(2, 5).Draw(rt, "processes")
		var wg sync.WaitGroup
		procs := make([]proc, n)
		for i := range n {
			var args []string
			switch op := rapid.SampledFrom([]string{"solve", "solve-alt", "confirm", "release", "pencil"}).Draw(rt, "op"); op {
			case "solve", "solve-alt":
				f := file
				if op == "solve-alt" {
					f = alt
				}
				args = []string{"solve", f, "--store", db, "--iterations", "150", "--time-limit", "0", "--workers", "1",
					"--now", "2026-10-19T08:00:00Z", "--log-level", "error", "--who", "solve"}
			default:
				id := rapid.SampledFrom([]string{"B-1", shortADR}).Draw(rt, "booking")
				args = []string{op, id, "--store", db, "--reason", "by hand", "--who", "jo"}
			}
			delay := time.Duration(rapid.IntRange(0, 300).Draw(rt, "delay ms")) * time.Millisecond
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(delay)
				procs[i] = runProc(ctx, bin, args...)
			}()
		}
		wg.Wait()
		for _, p := range procs {
			// Refusals are answers (a transition not allowed, the store
			// busy, the bookings changed); a crash is not.
			if p.code != 0 && p.code != exitError && p.code != exitChanged {
				rt.Fatalf("%v: exit %d: %s", p.args, p.code, p.stderr)
			}
			if p.code != 0 && strings.TrimSpace(p.stderr) == "" {
				rt.Fatalf("%v: exit %d without a message", p.args, p.code)
			}
		}
		checkDecisionsKept(rt, db)
	})
}

// checkDecisionsKept walks every booking's history in a store and fails
// when a run undid a person's decision.
func checkDecisionsKept(rt *rapid.T, db string) {
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		rt.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(context.Background())
	if err != nil {
		rt.Fatal(err)
	}
	read := map[int64]int64{}
	for _, r := range runs {
		read[r.ID] = r.ReadVersion
	}
	for _, id := range []string{"B-1", shortADR} {
		hist, err := st.History(context.Background(), id)
		if err != nil {
			rt.Fatal(err)
		}
		var last *store.HistoryEntry // the last person's decision on the booking
		for i := range hist {
			h := &hist[i]
			switch h.Action {
			case "confirm", "release", "pencil":
				last = h
			case "run":
				if last == nil {
					continue
				}
				if read[h.RunID] < last.ID {
					rt.Fatalf("%s: run %d read version %d and changed the booking after %s's %s (history %d): %+v → %+v",
						id, h.RunID, read[h.RunID], last.Who, last.Action, last.ID, h.Old, h.New)
				}
				if h.Old != nil && h.Old.Status == booking.Confirmed && (h.New.Status != booking.Confirmed || !h.New.Start.Equal(h.Old.Start) || !h.New.End.Equal(h.Old.End)) {
					rt.Fatalf("%s: run %d changed a confirmed booking: %+v → %+v", id, h.RunID, h.Old, h.New)
				}
			}
		}
	}
}
