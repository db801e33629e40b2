package generate

import (
	"flag"
	"os"
	"testing"
)

// TestMain lowers rapid's default of 100 cases to 20, since each case
// compiles a whole production; -rapid.checks on the command line wins.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		if err := flag.Set("rapid.checks", "20"); err != nil {
			panic(err) // the flag is rapid's own: a broken invariant
		}
	}
	os.Exit(m.Run())
}
