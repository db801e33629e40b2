package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// solvedJSON is the part of solve --format json the time-rule cases read.
type solvedJSON struct {
	Bookings []struct {
		ID     string    `json:"id"`
		Start  time.Time `json:"start"`
		End    time.Time `json:"end"`
		People []string  `json:"people"`
		Suites []string  `json:"suites"`
	} `json:"bookings"`
	Milestones []struct {
		ID string    `json:"id"`
		At time.Time `json:"at"`
	} `json:"milestones"`
}

// TestTimeRulesGolden solves the time-rule examples of testdata/time
// with a fixed seed and compares the JSON with its golden file, then
// checks the rule each example is about.
func TestTimeRulesGolden(t *testing.T) {
	for _, tc := range []struct {
		name, now string
		check     func(t *testing.T, s *solvedJSON)
	}{
		{"continuity", "2026-05-01", func(t *testing.T, s *solvedJSON) {
			for _, b := range s.Bookings {
				if !slices.Equal(b.People, []string{"Ann"}) || !slices.Equal(b.Suites, []string{"Cutting Room"}) {
					t.Errorf("%s: people %v in %v, want Ann in the Cutting Room", b.ID, b.People, b.Suites)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join("..", "..", "testdata", "time", tc.name+".yaml")
			args := append([]string{"solve", file, "--format", "json", "--now", tc.now}, solveArgs...)
			code, out, stderr := pencil(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, filepath.Join("testdata", "golden", "time-"+tc.name+".json"), out)
			var s solvedJSON
			if err := json.NewDecoder(strings.NewReader(out)).Decode(&s); err != nil {
				t.Fatal(err)
			}
			tc.check(t, &s)
		})
	}
}
