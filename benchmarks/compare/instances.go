package compare

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pencil-post/pencil/benchmarks"
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// Family names a set of instances compared together.
type Family string

// Families.
const (
	// FamilyJ30 is PSPLIB J30 (.sm).
	FamilyJ30 Family = "psplib-j30"
	// FamilyJ120 is PSPLIB J120 (.sm).
	FamilyJ120 Family = "psplib-j120"
	// FamilyIMOPSE is iMOPSE multi-skill RCPSP (.def).
	FamilyIMOPSE Family = "imopse"
	// FamilyGenerated is pencil project files (.yaml), such as those
	// `pencil generate` writes.
	FamilyGenerated Family = "generated"
)

// ErrConfig means the comparison settings are unusable.
var ErrConfig = errors.New("compare: bad settings")

// psplib reports that the family is PSPLIB, which the peers read directly.
func (f Family) psplib() bool { return f == FamilyJ30 || f == FamilyJ120 }

// ext is the file extension of the family's instances.
func (f Family) ext() (string, error) {
	switch f {
	case FamilyJ30, FamilyJ120:
		return ".sm", nil
	case FamilyIMOPSE:
		return ".def", nil
	case FamilyGenerated:
		return ".yaml", nil
	}
	return "", fmt.Errorf("%w: family %q (want %s, %s, %s or %s)", ErrConfig, f, FamilyJ30, FamilyJ120, FamilyIMOPSE, FamilyGenerated)
}

// instanceFile is one instance on disk.
type instanceFile struct{ name, path string }

// listInstances finds the family's files under root (a directory searched
// recursively, or one file) in natural order, keeps every every-th and at
// most limit.
func listInstances(f Family, root string, every, limit int) ([]instanceFile, error) {
	ext, err := f.ext()
	if err != nil {
		return nil, err
	}
	var files []instanceFile
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ext {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		if rel == "." {
			rel = filepath.Base(p)
		}
		files = append(files, instanceFile{name: strings.TrimSuffix(filepath.ToSlash(rel), ext), path: p})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("compare: instances: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: no %s files in %s", ErrConfig, ext, root)
	}
	slices.SortFunc(files, func(a, b instanceFile) int { return naturalCompare(a.name, b.name) })
	if every > 1 {
		kept := files[:0]
		for i, x := range files {
			if i%every == 0 {
				kept = append(kept, x)
			}
		}
		files = kept
	}
	if limit > 0 && len(files) > limit {
		files = files[:limit]
	}
	return files, nil
}

// naturalCompare orders names with digit runs compared as numbers (j301_2
// before j301_10), the order `pencil bench` uses.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		na, nb := digits(a), digits(b)
		if na > 0 && nb > 0 {
			x, _ := strconv.ParseUint(a[:na], 10, 64)
			y, _ := strconv.ParseUint(b[:nb], 10, 64)
			if x != y {
				if x < y {
					return -1
				}
				return 1
			}
			a, b = a[na:], b[nb:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// loaded is an instance ready to solve: its problem and how pencil's
// value is read from a solution.
type loaded struct {
	problem *solver.Problem
	// check verifies a schedule beyond solver.Verify (benchmark rules).
	check func(*solver.Solution) error
	// value is the number compared with the peers.
	value func(*solver.Solution) float64
}

// load reads one instance of the family.
func load(f Family, x instanceFile) (*loaded, error) {
	data, err := os.ReadFile(x.path)
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	switch f {
	case FamilyGenerated:
		proj, err := model.Parse(x.path, data)
		if err != nil {
			return nil, fmt.Errorf("compare: %s: %w", x.name, err)
		}
		c, err := compile.Compile(proj, compile.Options{})
		if err != nil {
			return nil, fmt.Errorf("compare: %s: %w", x.name, err)
		}
		return &loaded{problem: c.Problem, value: objective}, nil
	default:
		var in *benchmarks.Instance
		if f == FamilyIMOPSE {
			in, err = benchmarks.LoadIMOPSE(strings.NewReader(string(data)), x.name)
		} else {
			in, err = benchmarks.LoadPSPLIB(strings.NewReader(string(data)), x.name)
		}
		if err != nil {
			return nil, fmt.Errorf("compare: %w", err)
		}
		l := &loaded{problem: in.Problem, check: in.Check, value: objective}
		if f.psplib() {
			l.value = func(s *solver.Solution) float64 { return float64(s.Makespan) }
		}
		return l, nil
	}
}

// objective is pencil's objective value, which the MiniZinc export's
// objective (divided by mzn.Scale) matches when the export is exact.
func objective(s *solver.Solution) float64 { return s.Cost.Total }
