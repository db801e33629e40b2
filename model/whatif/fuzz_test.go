package whatif

import (
	"errors"
	"os"
	"testing"

	"github.com/pencil-post/pencil/model"
)

// FuzzParse: a scenario file never panics the reader, and every problem
// it reports names the file.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"../../testdata/scenarios/series.yaml", "testdata/feature-whatif.yaml", "testdata/remote-adr-whatif.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("scenarios:\n  - name: x\n    budget: { caps: { grade: -1 } }\n"))
	f.Add([]byte("scenarios:\n  - name: x\n    move_deliveries: +999w\n    fix: [{ session: a }]\n"))
	f.Add([]byte("scenarios: &a [*a]\n"))
	f.Add([]byte("- 1\n- 2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("f.yaml", data)
		if err == nil {
			if len(sc) == 0 {
				t.Fatal("no error and no scenarios")
			}
			for _, s := range sc {
				if s.Name == "" {
					t.Fatal("a scenario with no name")
				}
			}
			return
		}
		var verr *model.ValidationError
		if !errors.As(err, &verr) || len(verr.Problems) == 0 {
			t.Fatalf("err = %v, want problems", err)
		}
		for _, p := range verr.Problems {
			if p.File != "f.yaml" || p.Msg == "" {
				t.Fatalf("problem without file or message: %#v", p)
			}
		}
	})
}
