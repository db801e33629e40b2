package benchmarks

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Known is what reference tables say about one instance's makespan.
type Known struct {
	// Upper is the best known makespan, an upper bound (0 when unknown).
	Upper int
	// Lower is a proven lower bound from the table (0 when unknown). It is
	// not the critical-path bound that deviations are reported against.
	Lower int
	// Optimal says Upper is proven optimal.
	Optimal bool
}

// Reference maps instance names ("j301_1", "d36/100_5_20_9_D3") to what is
// known about them.
type Reference map[string]Known

// add merges one table's knowledge about an instance: the lowest upper
// bound, the highest lower bound, and optimal when any table proves it or
// the bounds meet. It reports false, and keeps what it had, when the two
// contradict (a proven lower bound above a known makespan).
func (ref Reference) add(name string, k Known) bool {
	old, ok := ref[name]
	if ok {
		if old.Upper > 0 && (k.Upper == 0 || old.Upper < k.Upper) {
			k.Upper = old.Upper
		}
		k.Lower = max(k.Lower, old.Lower)
		k.Optimal = k.Optimal || old.Optimal
		if k.Upper > 0 && k.Lower > k.Upper {
			return false
		}
	}
	if k.Upper > 0 && k.Lower == k.Upper {
		k.Optimal = true
	}
	ref[name] = k
	return true
}

// Merge adds every entry of other to ref, keeping the best of each bound.
// It fails, naming the instance, when other's bounds contradict ref's.
func (ref Reference) Merge(other Reference) error {
	names := make([]string, 0, len(other))
	for name := range other {
		names = append(names, name)
	}
	sort.Strings(names) // the same instance is named on every run
	for _, name := range names {
		if !ref.add(name, other[name]) {
			return fmt.Errorf("%s: bounds [%d, %d] contradict the earlier tables' [%d, %d]: %w",
				name, other[name].Lower, other[name].Upper, ref[name].Lower, ref[name].Upper, ErrMismatch)
		}
	}
	return nil
}

// Lookup finds what is known about an instance: by its full name, else by
// base name ("GenBig/500_10_512_5_A" and "500_10_512_5_A" find each other),
// as long as the base name is not ambiguous.
func (ref Reference) Lookup(name string) (Known, bool) {
	if k, ok := ref[name]; ok {
		return k, true
	}
	base := path.Base(name)
	var found Known
	n := 0
	for key, k := range ref {
		if path.Base(key) == base {
			found = k
			n++
		}
	}
	return found, n == 1
}

// LoadReferences loads and merges several reference files, so that J120's
// best bound is the minimum over j120hrs.sm and J120_BKS.csv and its lower
// bound comes from j120lb.sm.
func LoadReferences(paths []string) (Reference, error) {
	ref := make(Reference)
	for _, p := range paths {
		r, err := LoadReference(p)
		if err != nil {
			return nil, err
		}
		if err := ref.Merge(r); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return ref, nil
}

// refFormat is one layout of reference table.
type refFormat int

const (
	refOptimal   refFormat = iota // j30opt.sm: Paramter Instance Makespan CPU-Time
	refHeuristic                  // j30hrs.sm, j120hrs.sm: Par Inst Makespan Date Author
	refBounds                     // j120lb.sm: Par Inst UB LB [*] Author
	refBKS                        // J120_BKS.csv: ID;Type;Value;Time;Solution
	refRun                        // a runner CSV: instance,makespan,...
)

// LoadReference reads one reference table, telling its layout from its
// column headings: PSPLIB's j30opt.sm (proven optima), j30hrs.sm and
// j120hrs.sm (best heuristic makespans), j120lb.sm (lower and upper bounds,
// "*" marking proven optima), J120_BKS.csv (semicolon-separated, "optimal"
// or "heuristic" values), or the CSV the runner writes with Format "csv"
// (makespans of a previous run, as upper bounds). PSPLIB tables key rows
// by parameter and instance; the set (j30, j60, j90 or j120) comes from the file
// name or, failing that, the header text. Encodings (ISO-8859-1 author
// names) and CRLF line endings do not matter: only numeric columns are read.
func LoadReference(path string) (Reference, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("benchmarks: reference: %w", err)
	}
	return parseReference(raw, filepath.Base(path))
}

// parseReference reads a reference table held in memory; file names it.
func parseReference(raw []byte, file string) (Reference, error) {
	lr := newLineReader(bytes.NewReader(raw), file)
	format := refFormat(-1)
	for format < 0 && lr.next() {
		if strings.HasPrefix(lr.text, "instance,makespan") {
			format = refRun
			break
		}
		fs := strings.Fields(strings.ReplaceAll(lr.text, ";", " "))
		if len(fs) < 3 {
			continue
		}
		switch {
		case fs[0] == "Paramter" || fs[0] == "Parameter":
			format = refOptimal
		case fs[0] == "Par" && fs[2] == "Makespan":
			format = refHeuristic
		case fs[0] == "Par" && fs[2] == "UB":
			format = refBounds
		case fs[0] == "ID" && fs[1] == "Type":
			format = refBKS
		}
	}
	if err := lr.err(); err != nil {
		return nil, err
	}
	if format < 0 {
		return nil, &ParseError{File: file, Field: "column headings", Err: fmt.Errorf("%w: not a known reference table", ErrMissing)}
	}
	set := ""
	if format != refRun {
		if set = psplibSet(file, raw); set == "" {
			return nil, &ParseError{File: file, Field: "set", Err: fmt.Errorf("%w: cannot tell the set (j30, j60, j90 or j120) by the name or header", ErrMissing)}
		}
	}
	ref := make(Reference)
	for lr.next() {
		var err error
		if format == refRun {
			err = ref.runRow(lr)
		} else {
			err = ref.psplibRow(lr, format, set)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := lr.err(); err != nil {
		return nil, err
	}
	return ref, nil
}

// psplibSets are PSPLIB's single-mode sets, by number of activities.
var psplibSets = []string{"j30", "j60", "j90", "j120"}

// psplibSet tells which PSPLIB single-mode set (j30, j60, j90, j120) a
// table covers: from the file name (j30opt.sm, j60hrs.sm, J120_BKS.csv),
// else from the header text ("Instance Set : j90", "data/j120hrs.sm",
// "j120.sm.tgz"): the set named first wins.
func psplibSet(file string, raw []byte) string {
	for _, s := range []string{strings.ToLower(file), strings.ToLower(string(raw[:min(len(raw), 2048)]))} {
		best, at := "", len(s)
		for _, set := range psplibSets {
			if i := strings.Index(s, set); i >= 0 && i < at {
				best, at = set, i
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

// psplibRow reads one data row of a PSPLIB table; other lines (rules,
// trailing notes) are skipped.
func (ref Reference) psplibRow(lr *lineReader, format refFormat, set string) error {
	fs, ok := dataFields(strings.ReplaceAll(lr.text, ";", " "))
	if !ok {
		return nil
	}
	want := map[refFormat]int{refOptimal: 3, refHeuristic: 3, refBounds: 4, refBKS: 3}[format]
	if len(fs) < want {
		return lr.fail("row", ErrSyntax, "want at least %d columns, have %d", want, len(fs))
	}
	var par, inst int
	var k Known
	if format == refBKS {
		id, err := lr.atoi("ID", fs[0])
		if err != nil {
			return err
		}
		if id < 1 {
			return lr.fail("ID", ErrSyntax, "ID %d < 1", id)
		}
		par, inst = (id-1)/10+1, (id-1)%10+1
		if k.Upper, err = lr.atoi("Value", fs[2]); err != nil {
			return err
		}
		switch fs[1] {
		case "optimal":
			k.Optimal, k.Lower = true, k.Upper
		case "heuristic":
		default:
			return lr.fail("Type", ErrSyntax, "%q is neither optimal nor heuristic", fs[1])
		}
	} else {
		nums, err := lr.ints("row", fs[:want])
		if err != nil {
			return err
		}
		par, inst, k.Upper = nums[0], nums[1], nums[2]
		switch format {
		case refOptimal:
			k.Optimal, k.Lower = true, k.Upper
		case refBounds:
			k.Lower = nums[3]
			if len(fs) > 4 && fs[4] == "*" && k.Lower != k.Upper {
				return lr.fail("*", ErrMismatch, "marked optimal but LB %d differs from UB %d", k.Lower, k.Upper)
			}
		}
	}
	if par < 1 || inst < 1 || k.Upper < 1 || (k.Lower > k.Upper) {
		return lr.fail("row", ErrMismatch, "parameter %d, instance %d, bounds [%d, %d]", par, inst, k.Lower, k.Upper)
	}
	if name := fmt.Sprintf("%s%d_%d", set, par, inst); !ref.add(name, k) {
		return lr.fail("row", ErrMismatch, "%s: bounds [%d, %d] contradict an earlier row's [%d, %d]", name, k.Lower, k.Upper, ref[name].Lower, ref[name].Upper)
	}
	return nil
}

// runRow reads one row of a runner CSV: instance,makespan,... A row with
// no makespan (no schedule found) and the closing summary line are
// skipped.
func (ref Reference) runRow(lr *lineReader) error {
	if lr.text == "" || strings.HasPrefix(lr.text, "summary:") {
		return nil
	}
	fs := strings.Split(lr.text, ",")
	if len(fs) < 2 || fs[0] == "" {
		return lr.fail("instance", ErrSyntax, "want instance,makespan")
	}
	if fs[1] == "" {
		return nil
	}
	ms, err := strconv.Atoi(fs[1])
	if err != nil || ms < 1 {
		return lr.fail("makespan", ErrSyntax, "%q is not a positive integer", fs[1])
	}
	if !ref.add(fs[0], Known{Upper: ms}) {
		return lr.fail("makespan", ErrMismatch, "%s: makespan %d is below the proven lower bound %d of an earlier row", fs[0], ms, ref[fs[0]].Lower)
	}
	return nil
}
