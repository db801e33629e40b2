package mzn_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/pencil-post/pencil/benchmarks"
	"github.com/pencil-post/pencil/model/mzn"
)

func ExampleBuild() {
	f, err := os.Open("../../benchmarks/testdata/j301_1.sm")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	in, err := benchmarks.LoadPSPLIB(f, "j301_1")
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := mzn.Build(in.Problem)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("exact: %v, notes: %d\n", ex.Exact, len(ex.Notes))
	lines := strings.SplitN(string(ex.Data), "\n", 5)
	fmt.Println(strings.Join(lines[1:4], "\n"))
	// Output:
	// exact: true, notes: 0
	// scale = 100;
	// H = 158;
	// n_tasks = 32;
}
