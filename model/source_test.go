package model_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/store"
)

// copyFacility copies the facility example (root file, its include and its
// two spreadsheets) into a fresh folder and returns the root file's path.
func copyFacility(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "facility"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"facility.yaml", "facility/suites.yaml", "facility/crew.csv", "facility/availability.csv"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "facility.yaml")
}

// edit rewrites the file at path with old replaced by new once, failing
// when old is not there.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSourcesInReadingOrder(t *testing.T) {
	p, err := model.Load(copyFacility(t))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, s := range p.Sources {
		paths = append(paths, s.Path)
		if len(s.Data) == 0 {
			t.Errorf("%s: no bytes recorded", s.Path)
		}
	}
	want := []string{"facility.yaml", "facility/suites.yaml", "facility/crew.csv", "facility/availability.csv"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("sources %q, want %q", paths, want)
	}
}

// TestFingerprintCoversEveryFile: a number changed in an imported
// spreadsheet or an include changes the fingerprint; an unchanged copy of
// the folder elsewhere keeps it.
func TestFingerprintCoversEveryFile(t *testing.T) {
	orig, err := model.Load(copyFacility(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		change   func(t *testing.T, root string)
		wantSame bool
	}{
		{"unchanged copy", func(*testing.T, string) {}, true},
		{"crew day rate", func(t *testing.T, root string) {
			edit(t, filepath.Join(filepath.Dir(root), "facility", "crew.csv"), "ines,Inès Moreau,colourist,750", "ines,Inès Moreau,colourist,751")
		}, false},
		{"include", func(t *testing.T, root string) {
			edit(t, filepath.Join(filepath.Dir(root), "facility", "suites.yaml"), "1400", "1401")
		}, false},
		{"root comment", func(t *testing.T, root string) {
			edit(t, root, "# Northgate Post", "# Northgate  Post")
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyFacility(t)
			tt.change(t, root)
			p, err := model.Load(root)
			if err != nil {
				t.Fatal(err)
			}
			if same := p.Fingerprint() == orig.Fingerprint(); same != tt.wantSame {
				t.Errorf("fingerprint same = %v, want %v (%s vs %s)", same, tt.wantSame, p.Fingerprint(), orig.Fingerprint())
			}
		})
	}
}

// TestFingerprintOneFileAsBefore: a project of one file keeps the
// fingerprint pencil recorded before includes and imports were covered,
// store.Fingerprint of its bytes.
func TestFingerprintOneFileAsBefore(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "feature.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Parse("feature.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Fingerprint(), store.Fingerprint(data); got != want {
		t.Errorf("fingerprint %s, want store.Fingerprint of the file %s", got, want)
	}
}
