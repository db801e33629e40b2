package benchmarks_test

import (
	"fmt"
	"os"

	"github.com/pencil-post/pencil/benchmarks"
)

func ExampleLoadPSPLIB() {
	f, err := os.Open("testdata/j301_1.sm")
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
	p := in.Problem
	fmt.Printf("%s: %d jobs, %d resources, %d precedences, horizon %d\n", in.Name, len(p.Tasks), len(p.Resources), len(p.Precedences), p.Slots)
	fmt.Printf("MPM-Time %d, critical path %d\n", in.MPMTime, in.CriticalPath())
	// Output:
	// j301_1: 32 jobs, 4 resources, 48 precedences, horizon 158
	// MPM-Time 38, critical path 38
}

func ExampleLoadIMOPSE() {
	f, err := os.Open("testdata/10_3_5_3.def")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	in, err := benchmarks.LoadIMOPSE(f, "Small/10_3_5_3")
	if err != nil {
		fmt.Println(err)
		return
	}
	p := in.Problem
	first := p.Tasks[0]
	fmt.Printf("%s: %d tasks, %d resources, %d precedences\n", in.Name, len(p.Tasks), len(p.Resources), len(p.Precedences))
	fmt.Printf("%s lasts %d and can go to", first.Name, first.Duration)
	for _, r := range first.Demands[0].Candidates {
		fmt.Printf(" %s (%.1f)", p.Resources[r].Name, in.Salary[r])
	}
	fmt.Println()
	// Output:
	// Small/10_3_5_3: 10 tasks, 3 resources, 4 precedences
	// task 1 lasts 37 and can go to resource 1 (56.0) resource 2 (53.6)
}
