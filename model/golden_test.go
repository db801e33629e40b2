package model

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/model")

// checkGolden compares got with testdata/model/<name>, rewriting it under
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "model", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./model -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./model -run %s -update, then review the diff):\n%s", path, t.Name(), firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n want: " + a + "\n  got: " + b
		}
	}
	return ""
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}

// TestGoldenExamples dumps every resolved value of each example, so any
// change in how the files are read is reviewed as a diff.
func TestGoldenExamples(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*.yaml")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			p, err := Load(filepath.ToSlash(filepath.Join("..", "testdata", name+".yaml")))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			dump(&buf, p)
			checkGolden(t, name+".golden", buf.Bytes())
		})
	}
}

// TestGoldenBad checks the full problem list printed for each broken file
// in testdata/bad.
func TestGoldenBad(t *testing.T) {
	files, _ := filepath.Glob("../testdata/bad/*.yaml")
	if len(files) == 0 {
		t.Fatal("no broken examples in testdata/bad")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			_, err := Load(f)
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Load(%s) = %v, want a *ValidationError", f, err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false")
			}
			for _, p := range verr.Problems {
				if p.Line == 0 {
					t.Errorf("problem without a line: %s", p)
				}
			}
			checkGolden(t, "bad-"+name+".golden", []byte(err.Error()+"\n"))
		})
	}
}
