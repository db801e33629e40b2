package compile_test

import (
	"path/filepath"
	"testing"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
)

// BenchmarkCompile measures compiling the example productions (load
// excluded).
func BenchmarkCompile(b *testing.B) {
	for _, name := range []string{"feature", "series", "facility"} {
		b.Run(name, func(b *testing.B) {
			p, err := model.Load(filepath.Join("..", "..", "testdata", name+".yaml"))
			if err != nil {
				b.Skip(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := compile.Compile(p, compile.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
