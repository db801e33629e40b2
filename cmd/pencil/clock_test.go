package main

import (
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store/pgtest"
)

// goldenStamp is when every run and history row of these tests is
// stamped, so golden reports do not change by the minute; the store's
// real clock is tested in TestHistoryStampsRealTime.
var goldenStamp = time.Date(2026, 10, 19, 8, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	storeClock = func() time.Time { return goldenStamp }
	flag.Parse()
	// The process property tests start pencil a few times per check: 15
	// checks unless -rapid.checks says otherwise (5 with -short).
	checks := "15"
	if testing.Short() {
		checks = "5"
	}
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		flag.Set("rapid.checks", checks)
	}
	code := m.Run()
	if err := pgtest.StopShared(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	if builtPencil.dir != "" {
		os.RemoveAll(builtPencil.dir)
	}
	os.Exit(code)
}

// TestHistoryStampsRealTime: a solve planned as of a --now in the future
// stamps its run with the real time.
func TestHistoryStampsRealTime(t *testing.T) {
	defer func(c func() time.Time) { storeClock = c }(storeClock)
	storeClock = nil
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	before := time.Now().Add(-time.Second)
	solveIn(t, file)
	runs, err := openTestStore(t, storePathFor(file)).Runs(t.Context())
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs %+v, %v", runs, err)
	}
	if at := runs[0].Time; at.Before(before) || at.After(time.Now().Add(time.Second)) {
		t.Errorf("run stamped %s, want the real time (about %s), not --now", at, before)
	}
}
