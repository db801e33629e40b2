package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"testing"
)

// TestHandPricedCosts solves each small file of testdata/costs, whose
// cost is worked out by hand in its opening comment, and checks what
// `pencil solve FILE --no-store --format json` prints per resource.
func TestHandPricedCosts(t *testing.T) {
	tests := []struct {
		file string
		now  string
		want map[string]float64 // per resource, by name
	}{
		{"clock-overtime.yaml", "2026-06-01", map[string]float64{"Ines Moreau": 750}},
		{"weekly-engagement.yaml", "2026-05-01", map[string]float64{"Sam Okafor": 6800}},
		{"sixth-day.yaml", "2026-05-29", map[string]float64{"Sam Okafor": 2600}},
		{"billing-units.yaml", "2026-05-29", map[string]float64{"Mo Haddad": 840}},
		{"oncost.yaml", "2026-06-01", map[string]float64{"Ines Moreau": 650}},
		{"week-hours.yaml", "2026-05-29", map[string]float64{"Dee Marsh": 2375}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			args := append([]string{"solve", filepath.Join("..", "..", "testdata", "costs", tt.file),
				"--format", "json", "--now", tt.now, "--log-level", "error"}, solveArgs...)
			code, out, stderr := pencil(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var got struct {
				Cost struct {
					Total     float64 `json:"total"`
					Resources []struct {
						Name   string  `json:"name"`
						Amount float64 `json:"amount"`
					} `json:"resources"`
				} `json:"cost"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			seen := map[string]float64{}
			for _, r := range got.Cost.Resources {
				seen[r.Name] = r.Amount
			}
			for name, want := range tt.want {
				if a, ok := seen[name]; !ok || math.Abs(a-want) > 1e-6 {
					t.Errorf("%s costs %v, want %v (hand-priced in the file's comment)", name, a, want)
				}
			}
		})
	}
}
