package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestStoreCommandsShowProductionZoneAndNames: after a solve, the commands
// that work from the store alone show the production's wall-clock times
// (Europe/London: the grade starts 09:00 BST, 08:00 UTC) and
// people's names, without --tz; --tz still wins. The steps share one store
// and run in order.
func TestStoreCommandsShowProductionZoneAndNames(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "short.pencil.db")
	solveIn(t, project(t, dir, "testdata/short.yaml", "short.yaml"))
	const (
		london = "Fri 23 Oct 09:00–19:00, Mon 26 Oct 09:00–19:00 in Grade A"
		utc    = "Fri 23 Oct 08:00–18:00, Mon 26 Oct 09:00–19:00 in Grade A" // GMT again after 25 October
	)
	tests := []struct {
		name    string
		args    []string
		want    []string
		notWant []string
	}{
		{"confirm in the production's zone", []string{"confirm", "B-1", "--reason", "agent confirmed by email"},
			[]string{"Tell Inès Moreau:", london + " now confirmed (was pencil) [B-1]"}, []string{"Tell ines:", utc}},
		{"pencil with --tz UTC", []string{"pencil", "B-1", "--reason", "picture lock may slip", "--tz", "UTC"},
			[]string{"Tell Inès Moreau:", utc + " now pencil (was confirmed) [B-1]"}, []string{london}},
		{"history in the production's zone", []string{"history", "B-1"},
			[]string{"Grade pencilled for " + london + " [B-1]", "2026-10-19T09:00:00+01:00"}, []string{utc}},
		{"history with --tz UTC", []string{"history", "B-1", "--tz", "UTC"},
			[]string{"Grade pencilled for " + utc + " [B-1]"}, []string{london}},
		{"runs in the production's zone", []string{"runs"},
			[]string{"2026-10-19T09:00:00+01:00"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := pencil(t, append(tt.args, "--store", db)...)
			if code != exitOK {
				t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}
