package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"testing"
)

// TestHandPricedCosts solves each small file of testdata/costs, whose
// cost is worked out by hand in its opening comment, and checks what
// `pencil solve FILE --no-store --format json` prints per resource (and,
// in a facility, per production).
func TestHandPricedCosts(t *testing.T) {
	tests := []struct {
		file        string
		now         string
		want        map[string]float64 // per resource, by name
		productions map[string]float64 // per production, by id
		departments map[string]float64 // per department, when given
	}{
		{"clock-overtime.yaml", "2026-06-01", map[string]float64{"Ines Moreau": 750}, nil, nil},
		{"weekly-engagement.yaml", "2026-05-01", map[string]float64{"Sam Okafor": 6800}, nil, nil},
		{"sixth-day.yaml", "2026-05-29", map[string]float64{"Sam Okafor": 2600}, nil, nil},
		{"billing-units.yaml", "2026-05-29", map[string]float64{"Mo Haddad": 840}, nil, nil},
		{"oncost.yaml", "2026-06-01", map[string]float64{"Ines Moreau": 650}, nil, nil},
		{"week-hours.yaml", "2026-05-29", map[string]float64{"Dee Marsh": 2375}, nil, nil},
		{"facility-shares.yaml", "2026-05-29", map[string]float64{"Ines Moreau": 2400, "Grade A": 5000, "Sam Okafor": 800},
			map[string]float64{"harbour": 5240, "crest": 2960}, nil},
		{"departments.yaml", "2026-05-29", map[string]float64{"Ola Nowak": 2000, "Online Suite": 3600}, nil,
			map[string]float64{"online": 3500, "deliverables": 2100}},
		{"uses.yaml", "2026-05-29", map[string]float64{"Studio 2": 780}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			args := append([]string{"solve", filepath.Join("..", "..", "testdata", "costs", tt.file),
				"--format", "json", "--now", tt.now, "--log-level", "error"}, solveArgs...)
			code, out, stderr := pencil(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			type amount struct {
				Name   string  `json:"name"`
				Amount float64 `json:"amount"`
			}
			var got struct {
				Cost struct {
					Total       float64  `json:"total"`
					Resources   []amount `json:"resources"`
					Productions []amount `json:"productions"`
					Departments []amount `json:"departments"`
				} `json:"cost"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			for _, part := range []struct {
				what string
				got  []amount
				want map[string]float64
			}{{"", got.Cost.Resources, tt.want}, {"production ", got.Cost.Productions, tt.productions},
				{"department ", got.Cost.Departments, tt.departments}} {
				seen := map[string]float64{}
				for _, r := range part.got {
					seen[r.Name] = r.Amount
				}
				for name, want := range part.want {
					if a, ok := seen[name]; !ok || math.Abs(a-want) > 1e-6 {
						t.Errorf("%s%s costs %v, want %v (hand-priced in the file's comment)", part.what, name, a, want)
					}
				}
			}
		})
	}
}
