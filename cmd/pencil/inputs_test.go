package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model/store"
)

// copyExample copies files of testdata (paths relative to it) into a
// fresh folder, keeping their folders, and returns it.
func copyExample(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join("../../testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runFingerprints solves root into a store beside it and returns the
// input fingerprints `pencil runs` lists, oldest first.
func runFingerprints(t *testing.T, root string) []string {
	t.Helper()
	db := filepath.Join(filepath.Dir(root), "pencil.db")
	args := []string{"solve", root, "--store", db, "--now", "2026-06-01"}
	for _, a := range solveArgs {
		if a != "--no-store" {
			args = append(args, a)
		}
	}
	if code, _, stderr := pencil(t, args...); code != exitOK {
		t.Fatalf("solve: exit %d\n%s", code, stderr)
	}
	code, out, stderr := pencil(t, "runs", "--store", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("runs: exit %d\n%s", code, stderr)
	}
	var runs []store.Run
	if err := json.Unmarshal([]byte(out), &runs); err != nil {
		t.Fatalf("runs: %v\n%s", err, out)
	}
	fps := make([]string, len(runs))
	for i, r := range runs {
		fps[i] = r.Fingerprint
	}
	return fps
}

// TestSolveFingerprintsEveryInput: the run's input fingerprint covers the
// spreadsheets a project imports, not only the project file.
func TestSolveFingerprintsEveryInput(t *testing.T) {
	files := []string{"facility.yaml", "facility/suites.yaml", "facility/crew.csv", "facility/availability.csv"}
	first := copyExample(t, files...)
	root := filepath.Join(first, "facility.yaml")
	fp := runFingerprints(t, root)
	if len(fp) != 1 {
		t.Fatalf("%d runs, want 1", len(fp))
	}
	// An unchanged copy elsewhere: the same inputs.
	if other := runFingerprints(t, filepath.Join(copyExample(t, files...), "facility.yaml")); other[0] != fp[0] {
		t.Errorf("unchanged copy: fingerprint %s, want %s", other[0], fp[0])
	}
	// One day rate changed in the crew spreadsheet: new inputs.
	crew := filepath.Join(first, "facility", "crew.csv")
	data, err := os.ReadFile(crew)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(data), "colourist,750", "colourist,755", 1)
	if changed == string(data) {
		t.Fatal("crew.csv has no colourist at 750 a day")
	}
	if err := os.WriteFile(crew, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	fp = runFingerprints(t, root)
	if len(fp) != 2 || fp[1] == fp[0] {
		t.Errorf("after changing crew.csv, runs have fingerprints %q, want two different", fp)
	}
}

// TestLatin1CSVDeclared: the windows-1252 spreadsheet the bad-input
// catalogue refuses (csv-latin-1) loads once the import says its encoding.
func TestLatin1CSVDeclared(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"csv-latin-1.yaml", "crew-latin-1.csv"} {
		data, err := os.ReadFile(filepath.Join(badCatalogue, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "csv-latin-1.yaml" {
			old := "people: { csv: crew-latin-1.csv }"
			if !strings.Contains(string(data), old) {
				t.Fatalf("%s has no %q", name, old)
			}
			data = []byte(strings.Replace(string(data), old, "people: { csv: crew-latin-1.csv, encoding: windows-1252 }", 1))
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pencilExpect(t, exitOK, "", "validate", filepath.Join(dir, "csv-latin-1.yaml"))
}
