package compile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
)

// FuzzCompile: whatever project the loader accepts, Compile never panics,
// and what it rejects it rejects with positioned problems; what it accepts
// is frozen.
func FuzzCompile(f *testing.F) {
	for _, path := range []string{
		"../../cmd/pencil/testdata/short.yaml",
		"../../cmd/pencil/testdata/infeasible.yaml",
		"../../testdata/feature.yaml",
		"../../testdata/series.yaml",
	} {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(filepath.Base(path), data)
		}
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		p, err := model.Parse(name, data)
		if err != nil {
			return
		}
		c, err := compile.Compile(p, compile.Options{})
		var verr *model.ValidationError
		switch {
		case errors.As(err, &verr):
			for _, pr := range verr.Problems {
				if pr.Field == "" || pr.Msg == "" {
					t.Errorf("problem without a field or message: %v", pr)
				}
			}
		case err != nil:
			// Structural errors (no start date) name the file.
			if name != "" && !strings.Contains(err.Error(), name) {
				t.Errorf("error without the file name: %v", err)
			}
		case !c.Problem.Frozen():
			t.Error("compiled problem not frozen")
		}
	})
}
