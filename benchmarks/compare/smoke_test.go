package compare

import (
	"path/filepath"
	"testing"
	"time"
)

// TestSmoke runs pencil and the peers on PSPLIB j301_1 (optimum 43) and
// iMOPSE Small 10_3_5_3; a peer that is not installed is skipped with a
// note, which the test checks instead.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the peer solvers for seconds")
	}
	tools := DefaultTools(filepath.Join("..", "..", "..", "shared", "peers"))
	for _, tc := range []struct {
		family Family
		file   string
		peers  []string
	}{
		{FamilyJ30, "j301_1.sm", []string{PeerChuffed, PeerHiGHS}},
		{FamilyIMOPSE, "10_3_5_3.def", []string{PeerChuffed, PeerHiGHS}},
	} {
		t.Run(string(tc.family), func(t *testing.T) {
			rep, err := Run(t.Context(), Config{Family: tc.family, Instances: filepath.Join("..", "testdata", tc.file),
				TimeLimit: time.Second, Peers: tc.peers, Seed: 1, Tools: tools}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Rows) != 1 {
				t.Fatalf("%d rows", len(rep.Rows))
			}
			row := rep.Rows[0]
			if !row.Pencil.Found || row.Pencil.Value <= 0 {
				t.Fatalf("pencil: %+v", row.Pencil)
			}
			if tc.family == FamilyJ30 && row.Pencil.Value < 43 {
				t.Errorf("pencil's makespan %v beats the optimum 43", row.Pencil.Value)
			}
			for i, o := range row.Peers {
				switch {
				case o.Status == StatusSkipped && o.Note == "":
					t.Errorf("%s skipped without a note", tc.peers[i])
				case o.Status == StatusOptimal && tc.family == FamilyJ30 && o.Value != 43:
					t.Errorf("%s proved %v, the optimum is 43", tc.peers[i], o.Value)
				case o.Status == StatusOptimal && o.Value > row.Pencil.Value:
					t.Errorf("%s proved %v above pencil's %v", tc.peers[i], o.Value, row.Pencil.Value)
				}
				t.Logf("%s: %+v", tc.peers[i], o)
			}
			if tc.family == FamilyIMOPSE && row.Peers[1].Status != StatusSkipped {
				t.Errorf("highs-lp ran on iMOPSE: %+v", row.Peers[1])
			}
		})
	}
}
