package model

import (
	"path/filepath"
	"testing"
)

// TestExamplesValidate loads every example production in testdata and
// expects no problems.
func TestExamplesValidate(t *testing.T) {
	files, err := filepath.Glob("../testdata/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no examples in testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			p, err := Load(f)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(p.Sessions) == 0 {
				t.Errorf("no sessions")
			}
		})
	}
}
