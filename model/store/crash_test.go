package store

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var kills = flag.Int("kills", 20, "how many times TestKillMidCommit kills a committing process (5 with -short)")

// crashEnv names the store a crash child commits to; the child runs only
// when it is set.
const crashEnv = "PENCIL_STORE_CRASH_DB"

// crashBookings is the size of the crash test's schedule: smaller under the
// race detector, which slows SQLite (compiled from C to Go) many times over.
var crashBookings = map[bool]int{false: 240, true: 48}[raceEnabled]

// crashSchedule is the schedule of the n-th run (from 1) of the crash test.
func crashSchedule(n int64) []Booking { return altSchedule(n, crashBookings) }

// altSchedule is a schedule of size bookings for the n-th run: two
// productions over eight suites, so that runs move, reassign, release,
// re-pencil and promote second pencils. Odd and even runs alternate.
func altSchedule(n int64, size int) []Booking {
	base := time.Date(2026, 5, 11, 9, 0, 0, 0, time.UTC)
	out := make([]Booking, 0, size)
	for i := range size {
		prod := "Harbour Lights"
		if i%4 == 3 {
			prod = "Night Shift"
		}
		if n%2 == 0 && i%7 == 0 {
			continue // dropped on even runs
		}
		day := i / 16
		if n%2 == 0 && i%3 == 0 {
			day++ // moved on even runs
		}
		suite := "suite-" + strconv.Itoa(i%8)
		if n%2 == 0 && i%5 == 0 {
			suite = "suite-" + strconv.Itoa((i+1)%8) // reassigned on even runs
		}
		start := base.Add(time.Duration(day)*24*time.Hour + time.Duration(i%2)*2*time.Hour)
		out = append(out, Booking{
			ID: fmt.Sprintf("B-%03d", i), Production: prod, Session: "Grade", Episode: strconv.Itoa(i % 6),
			Suite: suite, Start: start, End: start.Add(4 * time.Hour),
			People: []string{"p" + strconv.Itoa(i%11)}, Artistes: []string{"a" + strconv.Itoa(i%5)},
		})
	}
	return out
}

// crashRun is the input of the n-th run of the crash test.
func crashRun(n int64) RunInput {
	return RunInput{Fingerprint: Fingerprint([]byte(strconv.FormatInt(n, 10))), Seed: n, Who: "crash", Why: "run " + strconv.FormatInt(n, 10),
		Bookings: crashSchedule(n)}
}

// TestCrashChild is the process TestKillMidCommit kills: it commits runs in
// a loop, saying "begin N" before and "done N" after each commit.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestKillMidCommit")
	}
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		fmt.Println("crash: open:", err)
		os.Exit(2)
	}
	runs, err := s.Runs(ctx)
	if err != nil {
		fmt.Println("crash: runs:", err)
		os.Exit(2)
	}
	for n := int64(len(runs)) + 1; ; n++ {
		fmt.Printf("crash: begin %d\n", n)
		res, err := s.CommitRun(ctx, crashRun(n))
		if err != nil || res.RunID != n {
			fmt.Printf("crash: commit %d: run %d, %v\n", n, res.RunID, err)
			os.Exit(2)
		}
		fmt.Printf("crash: done %d\n", n)
	}
}

// TestKillMidCommit kills a committing process with SIGKILL at varied
// points, then reopens the store and checks that it is intact and holds
// exactly the last committed run: the same bookings as a reference store
// that committed the same runs, the run's report, and complete history.
func TestKillMidCommit(t *testing.T) {
	n := *kills
	if testing.Short() {
		n = min(n, 5)
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "pencil.db")
	openAt(t, path, Options{}).Close()
	ref := openAt(t, filepath.Join(dir, "reference.db"), Options{})
	var refRuns int64
	rng := rand.New(rand.NewPCG(1, 2))
	var mid int                         // kills that landed inside a commit
	commitTime := 20 * time.Millisecond // a commit's duration, as last seen
	for k := range n {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		begins, target := 0, 1+rng.IntN(2)
		var log []string
		var began time.Time
		for begins < target && lines.Scan() {
			log = append(log, lines.Text())
			if strings.HasPrefix(lines.Text(), "crash: begin") {
				if begins++; begins == 2 {
					commitTime = time.Since(began)
				}
				began = time.Now()
			}
		}
		// Kill at a random moment from the start of the commit to a little
		// after its likely end. Timing only spreads the kills; the test
		// asserts nothing about it.
		time.Sleep(time.Duration(rng.Int64N(int64(commitTime)*3/2 + 1)))
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		for lines.Scan() {
			log = append(log, lines.Text())
		}
		_ = cmd.Wait() // killed: the error is expected
		var lastBegin, lastDone int64
		for _, l := range log {
			if v, ok := strings.CutPrefix(l, "crash: begin "); ok {
				lastBegin, _ = strconv.ParseInt(v, 10, 64)
			} else if v, ok := strings.CutPrefix(l, "crash: done "); ok {
				lastDone, _ = strconv.ParseInt(v, 10, 64)
			} else if strings.HasPrefix(l, "crash:") {
				t.Fatalf("kill %d: child failed: %s", k, l)
			}
		}

		s := openAt(t, path, Options{})
		checkIntegrity(t, s.db)
		runs, err := s.Runs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := int64(len(runs))
		finished := max(lastDone, refRuns) // refRuns: what the store held before this child
		if got != finished && got != lastBegin {
			t.Fatalf("kill %d: store holds %d runs; %d were finished and run %d begun", k, got, finished, lastBegin)
		}
		if got == finished && lastBegin > finished {
			mid++
		}
		for i, r := range runs {
			if r.ID != int64(i+1) {
				t.Fatalf("kill %d: run ids %v are not 1..%d", k, runs, got)
			}
		}
		for ; refRuns < got; refRuns++ {
			if _, err := ref.CommitRun(ctx, crashRun(refRuns+1)); err != nil {
				t.Fatal(err)
			}
		}
		if want := current(t, ref); !reflect.DeepEqual(current(t, s), want) {
			t.Fatalf("kill %d: after %d runs the bookings differ from the reference store", k, got)
		}
		if got > 0 {
			checkRunHistory(t, s, runs[got-1].ID)
		}
		checkHistoryComplete(t, s)
		s.Close()
	}
	t.Logf("%d kills, %d inside a commit; %d runs committed", n, mid, refRuns)
}

// checkRunHistory checks that a run's stored report and its history rows
// describe the same bookings.
func checkRunHistory(t testing.TB, s *Store, runID int64) {
	t.Helper()
	rep, err := s.RunReport(context.Background(), runID)
	if err != nil {
		t.Fatal(err)
	}
	inReport := map[string]bool{}
	for _, c := range rep.Changes {
		inReport[c.Booking.ID] = true
	}
	var rows int
	if err := s.db.QueryRow("SELECT count(*) FROM history WHERE run_id = ?", runID).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != len(inReport) {
		t.Fatalf("run %d: %d history rows, report changes %d bookings", runID, rows, len(inReport))
	}
	if rep.RunID != runID {
		t.Fatalf("run %d: stored report is for run %d", runID, rep.RunID)
	}
}
