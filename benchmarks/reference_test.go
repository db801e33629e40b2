package benchmarks

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadReferenceShared reads every PSPLIB table: row counts as the
// README gives them, and the J120 merge closes 299 instances.
func TestLoadReferenceShared(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "psplib")
	tests := []struct {
		file    string
		rows    int
		optimal int
		probe   string
		want    Known
	}{
		{"j30opt.sm", 480, 480, "j301_1", Known{Upper: 43, Lower: 43, Optimal: true}},
		{"j30hrs.sm", 480, 0, "j3048_10", Known{Upper: 54}},
		{"j120hrs.sm", 600, 0, "j1201_1", Known{Upper: 105}},
		{"j120lb.sm", 600, 289, "j1201_1", Known{Upper: 105, Lower: 104}},
		{"J120_BKS.csv", 600, 206, "j1201_2", Known{Upper: 109, Lower: 109, Optimal: true}},
	}
	all := make(map[string]Reference)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ref, err := LoadReference(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			all[tt.file] = ref
			optimal := 0
			for _, k := range ref {
				if k.Optimal {
					optimal++
				}
			}
			if len(ref) != tt.rows || optimal != tt.optimal {
				t.Errorf("%d rows, %d optimal; want %d, %d", len(ref), optimal, tt.rows, tt.optimal)
			}
			if got := ref[tt.probe]; got != tt.want {
				t.Errorf("%s = %+v, want %+v", tt.probe, got, tt.want)
			}
		})
	}
	// J30: the heuristic table equals the optima everywhere.
	for name, k := range all["j30opt.sm"] {
		if all["j30hrs.sm"][name].Upper != k.Upper {
			t.Errorf("%s: j30hrs %d, j30opt %d", name, all["j30hrs.sm"][name].Upper, k.Upper)
		}
	}
	ref, err := LoadReferences([]string{
		filepath.Join(dir, "j120hrs.sm"), filepath.Join(dir, "j120lb.sm"), filepath.Join(dir, "J120_BKS.csv"),
	})
	if err != nil {
		t.Fatal(err)
	}
	closed, bksBeaten, lbStale := 0, 0, 0
	for name, k := range ref {
		if k.Optimal {
			closed++
		}
		if k.Upper < all["J120_BKS.csv"][name].Upper {
			bksBeaten++
		}
		if k.Upper < all["j120lb.sm"][name].Upper {
			lbStale++
		}
		if k.Lower != all["j120lb.sm"][name].Lower && !all["J120_BKS.csv"][name].Optimal {
			t.Errorf("%s: lower bound %d, j120lb.sm says %d", name, k.Lower, all["j120lb.sm"][name].Lower)
		}
	}
	// README: 299 closed; j120hrs.sm beats J120_BKS.csv 15 times; 102
	// upper bounds in j120lb.sm are stale.
	if len(ref) != 600 || closed != 299 || bksBeaten != 15 || lbStale != 102 {
		t.Errorf("merged J120: %d rows, %d closed, %d better than BKS, %d better than j120lb; want 600, 299, 15, 102",
			len(ref), closed, bksBeaten, lbStale)
	}
}

func TestParseReference(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             Reference
		kind             error
		message          string
	}{
		{name: "hrs with CRLF and Latin-1", file: "j30hrs.sm",
			text: "solutionlist\r\nPar\tInst\tMakespan\tDate\tAuthor\r\n1\t2\t47\t\tTue 2007  Sch\xf6n\r\n",
			want: Reference{"j301_2": {Upper: 47}}},
		{name: "set from header", file: "table.txt",
			text: "Instance Set : j120\nParamter Instance Makespan CPU-Time[sec.]\n----\n3 4 77 0.5\n",
			want: Reference{"j1203_4": {Upper: 77, Lower: 77, Optimal: true}}},
		{name: "bounds", file: "j120lb.sm",
			text: "Par  Inst    UB   LB         Author LB\n===\n 2 10 90 88 Someone, and\n 2 9 80 80 * X\n",
			want: Reference{"j1202_10": {Upper: 90, Lower: 88}, "j1202_9": {Upper: 80, Lower: 80, Optimal: true}}},
		{name: "bks id mapping", file: "J120_BKS.csv",
			text: "# Author(s);x\r\nID;Type;Value;Time;Solution\r\n11;heuristic;80;5;0;1\r\n600;optimal;89;1\r\n",
			want: Reference{"j1202_1": {Upper: 80}, "j12060_10": {Upper: 89, Lower: 89, Optimal: true}}},
		{name: "j60 by name", file: "j60hrs.sm",
			text: "Par Inst Makespan Date Author\n----\n1 1 77 2019 X\n",
			want: Reference{"j601_1": {Upper: 77}}},
		{name: "j90 by header", file: "table.txt",
			text: "Instance Set : j90\nParamter Instance Makespan CPU-Time[sec.]\n----\n48 10 99 0.5\n",
			want: Reference{"j9048_10": {Upper: 99, Lower: 99, Optimal: true}}},
		{name: "runner csv", file: "previous.csv",
			text: "instance,makespan,reference\nd36/100_5_20_9_D3,301,\nSmall/10_3_5_3,,\nsummary: instances=2\n",
			want: Reference{"d36/100_5_20_9_D3": {Upper: 301}}},
		{name: "unknown layout", file: "j30.txt", text: "hello\nworld\n",
			kind: ErrMissing, message: "benchmarks: j30.txt: column headings: missing: not a known reference table"},
		{name: "no set", file: "table.txt", text: "Par Inst Makespan\n1 1 40\n",
			kind: ErrMissing, message: "benchmarks: table.txt: set: missing: cannot tell the set (j30, j60, j90 or j120) by the name or header"},
		{name: "bad type", file: "J120_BKS.csv", text: "ID;Type;Value\n1;guess;100\n",
			kind: ErrSyntax, message: `benchmarks: J120_BKS.csv:2: Type: malformed line: "guess" is neither optimal nor heuristic`},
		{name: "short row", file: "j120lb.sm", text: "Par Inst UB LB\n1 1 100\n",
			kind: ErrSyntax, message: "benchmarks: j120lb.sm:2: row: malformed line: want at least 4 columns, have 3"},
		{name: "bounds crossed", file: "j120lb.sm", text: "Par Inst UB LB\n1 1 100 101\n",
			kind: ErrMismatch, message: "benchmarks: j120lb.sm:2: row: inconsistent with the rest of the file: parameter 1, instance 1, bounds [101, 100]"},
		// Found by FuzzParseReference: two rows for one instance whose
		// bounds contradict were merged into a lower bound above the makespan.
		{name: "rows contradict", file: "j120lb.sm", text: "Par Inst UB LB\n1 1 1 0\n1 1 10 2\n",
			kind: ErrMismatch, message: "benchmarks: j120lb.sm:3: row: inconsistent with the rest of the file: j1201_1: bounds [2, 10] contradict an earlier row's [0, 1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, err := parseReference([]byte(tt.text), tt.file)
			if tt.kind != nil {
				if !errors.Is(err, tt.kind) || err.Error() != tt.message {
					t.Fatalf("error %v, want %s", err, tt.message)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ref) != len(tt.want) {
				t.Errorf("got %v, want %v", ref, tt.want)
			}
			for name, k := range tt.want {
				if ref[name] != k {
					t.Errorf("%s = %+v, want %+v", name, ref[name], k)
				}
			}
		})
	}
}

func TestReferenceLookup(t *testing.T) {
	ref := Reference{
		"j301_1":                {Upper: 43},
		"GenBig/500_10_512_5_A": {Upper: 700},
		"d36/200_10_50_9":       {Upper: 500},
		"d45/200_10_50_9":       {Upper: 510},
		"Small/10_3_5_3":        {Upper: 100},
	}
	tests := []struct {
		name string
		want Known
		ok   bool
	}{
		{"j301_1", Known{Upper: 43}, true},
		{"j30/j301_1", Known{Upper: 43}, true},
		{"500_10_512_5_A", Known{Upper: 700}, true},
		{"GenBig/500_10_512_5_A", Known{Upper: 700}, true},
		{"d36/200_10_50_9", Known{Upper: 500}, true},
		{"200_10_50_9", Known{}, false},
		{"j301_2", Known{}, false},
	}
	for _, tt := range tests {
		if got, ok := ref.Lookup(tt.name); ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseReference(f *testing.F) {
	f.Add([]byte("Par\tInst\tMakespan\n1\t1\t43\n"), "j30hrs.sm")
	f.Add([]byte("ID;Type;Value\r\n5;optimal;70\r\n"), "J120_BKS.csv")
	f.Add([]byte("Par Inst UB LB\n1 1 105 104\n1 2 109 109 *\n"), "j120lb.sm")
	f.Add([]byte("instance,makespan\nx,10\n"), "run.csv")
	f.Fuzz(func(t *testing.T, data []byte, file string) {
		ref, err := parseReference(data, file)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		for name, k := range ref {
			if k.Upper < 1 || k.Lower > k.Upper || (k.Optimal && k.Lower != k.Upper && k.Lower != 0) {
				t.Fatalf("%s: inconsistent %+v", name, k)
			}
		}
	})
}

// TestMergeRefusesContradiction: a table whose proven lower bound is above
// another table's known makespan is an error naming the instance, and
// leaves the earlier knowledge as it was.
func TestMergeRefusesContradiction(t *testing.T) {
	ref := Reference{"j1201_1": {Upper: 105}}
	err := ref.Merge(Reference{"j1201_1": {Upper: 110, Lower: 106}})
	if !errors.Is(err, ErrMismatch) || !strings.Contains(err.Error(), "j1201_1") {
		t.Fatalf("Merge: %v, want an ErrMismatch naming j1201_1", err)
	}
	if got := ref["j1201_1"]; got != (Known{Upper: 105}) {
		t.Errorf("after a refused merge: %+v, want the earlier {Upper:105}", got)
	}
	if err := ref.Merge(Reference{"j1201_1": {Upper: 110, Lower: 100}}); err != nil {
		t.Fatalf("Merge of consistent bounds: %v", err)
	}
	if got := ref["j1201_1"]; got != (Known{Upper: 105, Lower: 100}) {
		t.Errorf("after merging: %+v, want {Upper:105 Lower:100}", got)
	}
}
