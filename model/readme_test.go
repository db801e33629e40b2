package model

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeExample: the project file shown in README.md loads clean, so
// the first thing a newcomer copies works.
func TestReadmeExample(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```yaml\n")
	if !ok {
		t.Fatal("README.md shows no yaml example")
	}
	example, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("README.md's yaml example is not closed")
	}
	p, err := Parse("README.md", []byte(example))
	if err != nil {
		t.Fatalf("README.md's example: %v", err)
	}
	if len(p.Sessions) != 2 || len(p.Suites) != 1 {
		t.Errorf("README.md's example: %d sessions, %d suites; want 2 and 1", len(p.Sessions), len(p.Suites))
	}
}
