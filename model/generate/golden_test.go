package generate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden project files in testdata")

// TestGolden keeps one small file of each kind in testdata, so that a
// change to what the generator writes shows up as a reviewed diff; -update
// rewrites them.
func TestGolden(t *testing.T) {
	tests := []struct {
		file string
		opts Options
	}{
		{"series-2.yaml", Options{Kind: Series, Episodes: 2, Seed: 1}},
		{"facility-2.yaml", Options{Kind: Facility, Productions: 2, Episodes: 1, Seed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			g, err := Generate(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, g.YAML, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(g.YAML, want) {
				t.Errorf("%s differs from the generated file (go test -update, then review the diff)", path)
			}
		})
	}
}
