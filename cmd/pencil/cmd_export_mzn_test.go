package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportMZN(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // in stdout on success, stderr on failure
	}{
		{"exact production", []string{"../../model/mzn/testdata/tiny.yaml"}, exitOK, "exact: the model's optimum / 100 is pencil's cost"},
		{"series", []string{"../../testdata/series.yaml"}, exitOK, "split tasks (occupying their whole span)"},
		{"psplib", []string{"--psplib", "../../benchmarks/testdata/j301_1.sm"}, exitOK, "(32 tasks, 4 resources)"},
		{"imopse", []string{"--imopse", "../../benchmarks/testdata/10_3_5_3.def"}, exitOK, "exact"},
		{"genregular", []string{"--imopse", "../../model/mzn/testdata/genregular-100_5_64_5_A-20.def"}, exitOK, "lexicographic: the whole objective is too large"},
		{"nothing to export", nil, exitInvalid, "give one of a project file"},
		{"two inputs", []string{"../../testdata/series.yaml", "--psplib", "../../benchmarks/testdata/j301_1.sm"}, exitInvalid, "(got 2)"},
		{"two projects", []string{"a.yaml", "b.yaml"}, exitInvalid, "at most one project file"},
		{"not psplib", []string{"--psplib", "../../benchmarks/testdata/10_3_5_3.def"}, exitInvalid, "export mzn:"},
		{"missing instance", []string{"--imopse", "no-such.def"}, exitInvalid, "no-such.def"},
		{"invalid project", []string{"testdata/broken.yaml"}, exitInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if !pencilExpect(t, tt.wantCode, tt.wantOut, append([]string{"export", "mzn", "--out", dir}, tt.args...)...) {
				return
			}
			for _, name := range []string{"pencil.mzn", "data.dzn"} {
				if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
					t.Errorf("%s not written: %v", name, err)
				}
			}
		})
	}
}

func TestExportMZNNeedsOut(t *testing.T) {
	code, _, stderr := pencil(t, "export", "mzn", "--psplib", "../../benchmarks/testdata/j301_1.sm")
	if code != exitInvalid || !strings.Contains(stderr, "give --out DIR") {
		t.Errorf("exit %d, stderr %q; want 2 and a request for --out", code, stderr)
	}
}
