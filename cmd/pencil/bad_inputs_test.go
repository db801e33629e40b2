package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// badCatalogue is the folder of broken project files a coordinator could
// really write; each starts with a one-line comment saying what is wrong.
// Files named *.inc.yaml are only included by others, and CSV files are
// the spreadsheets some of them import.
const badCatalogue = "../../testdata/bad/catalogue"

// badGolden holds the problem list expected for each broken file.
const badGolden = "../../testdata/bad/golden"

// knownBugs are broken inputs that pencil does not yet report as it
// should (exit 2, every problem as file:line:col:). They are skipped, with
// the reason, until the model package is fixed; then move them back.
var knownBugs = map[string]string{}

// badInput is one broken project file: committed in the catalogue, or
// generated into a temporary folder by make (never committed: binary or
// huge).
type badInput struct {
	name string
	make func(t *testing.T, path string)
}

// generatedBadInputs are written by the test rather than committed.
var generatedBadInputs = []badInput{
	{"binary-junk.yaml", func(t *testing.T, path string) {
		// Seeded, so the golden message is the same on every run.
		junk := make([]byte, 4096)
		r := rand.New(rand.NewPCG(1, 2))
		for i := range junk {
			junk[i] = byte(r.Uint32())
		}
		writeBad(t, path, junk)
	}},
	{"nul-bytes.yaml", func(t *testing.T, path string) {
		writeBad(t, path, []byte("production: Harbour Lights\x00\x01\x02\ntimezone: Europe/London\n"))
	}},
	{"nested-twenty-thousand-deep.yaml", func(t *testing.T, path string) {
		// A runaway paste: a flow list nested deeper than any parser
		// should follow.
		head, err := os.ReadFile(filepath.Join(badCatalogue, "field-typo.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		deep := "notes: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
		writeBad(t, path, append(head, deep...))
	}},
	{"fifty-mb.yaml", func(t *testing.T, path string) {
		// A real project header followed by 50 MB of notes pasted in as
		// comments.
		head, err := os.ReadFile(filepath.Join(badCatalogue, "field-typo.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		note := "# " + strings.Repeat("grade notes from the client review, reel 3 ", 2) + "\n"
		writeBad(t, path, append(head, bytes.Repeat([]byte(note), 50<<20/len(note)+1)...))
	}},
}

func writeBad(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadInputs runs `pencil validate` on every broken file: it exits 2,
// every problem line starts with file:line:col: (a file of the catalogue,
// or the temporary folder for generated inputs), the problem list matches
// the golden file, and `pencil solve` of the same file exits 2 without
// creating its booking store.
func TestBadInputs(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(badCatalogue, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []badInput
	for _, f := range files {
		if name := filepath.Base(f); !strings.HasSuffix(name, ".inc.yaml") {
			inputs = append(inputs, badInput{name: name})
		}
	}
	inputs = append(inputs, generatedBadInputs...)
	if len(inputs) < 40 {
		t.Fatalf("%d broken inputs, want at least 40", len(inputs))
	}
	checkNoStaleGolden(t, inputs)
	for _, in := range inputs {
		t.Run(strings.TrimSuffix(in.name, ".yaml"), func(t *testing.T) {
			if reason, ok := knownBugs[in.name]; ok {
				t.Skip("known bug: " + reason)
			}
			dir := filepath.ToSlash(badCatalogue)
			path := dir + "/" + in.name
			if in.make != nil {
				dir = filepath.ToSlash(t.TempDir())
				path = dir + "/" + in.name
				in.make(t, path)
			}
			checkBadInput(t, dir, path)
		})
	}
}

// checkBadInput validates and solves one broken file whose problems may
// name any file in dir (an include or an imported spreadsheet).
func checkBadInput(t *testing.T, dir, path string) {
	t.Helper()
	code, out, stderr := pencil(t, "validate", path)
	if code != exitInvalid {
		t.Errorf("validate: exit %d, want %d\nstdout: %s\nstderr: %s", code, exitInvalid, out, stderr)
	}
	if out == "" {
		t.Fatalf("validate printed no problem (stderr: %s)", stderr)
	}
	located := regexp.MustCompile(`^` + regexp.QuoteMeta(dir) + `/[^:/]+:[1-9][0-9]*:[1-9][0-9]*: `)
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !located.MatchString(line) {
			t.Errorf("problem without file:line:col: %q", line)
		}
	}
	name := strings.TrimSuffix(filepath.Base(path), ".yaml")
	golden(t, filepath.Join(badGolden, name+".golden"), strings.ReplaceAll(out, dir+"/", ""))

	store := filepath.Join(t.TempDir(), "pencil.db")
	args := []string{"solve", path, "--store", store}
	for _, a := range solveArgs {
		if a != "--no-store" {
			args = append(args, a)
		}
	}
	if code, _, stderr := pencil(t, args...); code != exitInvalid {
		t.Errorf("solve: exit %d, want %d\nstderr: %s", code, exitInvalid, stderr)
	}
	if _, err := os.Stat(store); !os.IsNotExist(err) {
		t.Errorf("solve of a broken file created the booking store %s (stat: %v)", store, err)
	}
}

// checkNoStaleGolden fails on a golden file left behind by a broken input
// that was removed or renamed.
func checkNoStaleGolden(t *testing.T, inputs []badInput) {
	t.Helper()
	cases := make(map[string]bool, len(inputs))
	for _, in := range inputs {
		cases[strings.TrimSuffix(in.name, ".yaml")+".golden"] = true
	}
	goldens, err := filepath.Glob(filepath.Join(badGolden, "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		if !cases[filepath.Base(g)] {
			t.Errorf("%s has no broken input (remove it)", g)
		}
	}
}
