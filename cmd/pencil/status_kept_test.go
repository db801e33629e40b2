package main

import (
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model/booking"
)

// TestFileSecondPencilStays: a booking the project file writes as a
// second pencil stays one across solves (nothing in this project's store
// holds the slot: the first pencil is another production's, elsewhere),
// and becomes a first pencil only when the file says so, reported as a
// promotion.
func TestFileSecondPencilStays(t *testing.T) {
	dir := t.TempDir()
	const held = "  - { id: B-1, session: grade, status: second-pencil, start: 2026-10-23T09:00, suite: grade-a, people: [ines] }\n"
	const first = "  - { id: B-1, session: grade, status: pencil, start: 2026-10-23T09:00, suite: grade-a, people: [ines] }\n"
	file := project(t, dir, "testdata/short.yaml", "short.yaml", first, held)
	if out := solveIn(t, file); !strings.Contains(out, "second-pencilled for") {
		t.Errorf("first solve does not report the second pencil:\n%s", out)
	}
	solveIn(t, file, "--why", "again")
	if b := storedBooking(t, openTestStore(t, storePathFor(file)), "B-1"); b.Status != booking.SecondPencil {
		t.Fatalf("after two solves B-1 is %s, want the file's second pencil", b.Status)
	}
	project(t, dir, "testdata/short.yaml", "short.yaml")
	if out := solveIn(t, file, "--why", "the other show released"); !strings.Contains(out, "promoted from second pencil to first pencil [B-1]") {
		t.Errorf("the promotion is not in the report:\n%s", out)
	}
}

// TestProgressFlags: --progress shows plain progress lines off a terminal
// for a solve over a second; --quiet and the default there show none;
// both together are a usage error.
func TestProgressFlags(t *testing.T) {
	file := project(t, t.TempDir(), "../../testdata/series.yaml", "series.yaml")
	// The line shows once the search has run a second; the limit is the
	// whole command's, and under -race loading and compiling take a good
	// part of it, so it leaves the search well over a second.
	args := []string{"solve", file, "--no-store", "--time-limit", "3s", "--workers", "1", "--log-level", "error"}
	for _, tt := range []struct {
		flag string
		want bool
	}{{"--progress", true}, {"--quiet", false}, {"", false}} {
		a := args
		if tt.flag != "" {
			a = append(a, tt.flag)
		}
		// The line is what is tested, not the search: on a loaded
		// machine under -race the limit may end before any schedule
		// (exit 5), and the line must have shown all the same.
		code, _, stderr := pencil(t, a...)
		if code != exitOK && code != exitTimeLimit {
			t.Fatalf("%s: exit %d: %s", tt.flag, code, stderr)
		}
		if got := strings.Contains(stderr, "searching "); got != tt.want || strings.Contains(stderr, "\033[K") {
			t.Errorf("%q: progress shown %v, want %v:\n%q", tt.flag, got, tt.want, stderr)
		}
	}
	pencilExpect(t, exitInvalid, "", append(args, "--progress", "--quiet")...)
}
