package benchmarks

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// fuzzLoader checks a loader's contract on arbitrary input: it never
// panics; an error is a *ParseError naming the file; a success is a frozen
// problem whose sizes match what the file declared.
func fuzzLoader(f *testing.F, load func(io.Reader, string) (*Instance, error), seeds ...string) {
	for _, s := range seeds {
		raw, err := os.ReadFile(filepath.Join("testdata", s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
		f.Add(bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n")))
		f.Add(raw[:len(raw)/2])
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := load(bytes.NewReader(data), "fuzz")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz" {
				t.Fatalf("error %v is not a *ParseError of file fuzz", err)
			}
			return
		}
		p := in.Problem
		if !p.Frozen() || len(p.Tasks) != in.Declared.Tasks || len(p.Resources) != in.Declared.Resources {
			t.Fatalf("loaded %d tasks and %d resources, header says %+v", len(p.Tasks), len(p.Resources), in.Declared)
		}
		if cp := in.CriticalPath(); in.LowerBound() < cp {
			t.Fatalf("lower bound %d below critical path %d", in.LowerBound(), cp)
		}
	})
}

func FuzzLoadPSPLIB(f *testing.F) {
	fuzzLoader(f, LoadPSPLIB, "j301_1.sm")
}

func FuzzLoadIMOPSE(f *testing.F) {
	fuzzLoader(f, LoadIMOPSE, "10_3_5_3.def", "100_5_20_9_D3.def", "100_10_512_10_A.def")
}
