//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOInputRefused: validate and solve refuse a named pipe given as
// the project file, or included by it, at once (exit 2, file:line:col)
// instead of waiting for a writer that never comes.
func TestFIFOInputRefused(t *testing.T) {
	tests := []struct {
		name string
		// include is the include line added to a copy of feature.yaml, or
		// "" when the project file itself is the pipe.
		include string
		want    string
	}{
		{"root", "", "p.yaml:1:1: the project file is a named pipe (FIFO), not a regular file"},
		{"include", "include: [more.yaml]\n", ": include[0]: cannot include more.yaml: a named pipe (FIFO), not a regular file"},
	}
	for _, tt := range tests {
		for _, args := range [][]string{{"validate"}, {"solve", "--no-store"}} {
			t.Run(tt.name+"/"+args[0], func(t *testing.T) {
				dir := t.TempDir()
				root := filepath.Join(dir, "p.yaml")
				fifo := root
				if tt.include != "" {
					data, err := os.ReadFile("../../testdata/feature.yaml")
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(root, append(data, tt.include...), 0o644); err != nil {
						t.Fatal(err)
					}
					fifo = filepath.Join(dir, "more.yaml")
				}
				if err := syscall.Mkfifo(fifo, 0o644); err != nil {
					t.Skipf("cannot make a FIFO here: %v", err)
				}
				type result struct {
					code     int
					out, err string
				}
				done := make(chan result, 1)
				go func() {
					code, out, stderr := pencil(t, append(args, root)...)
					done <- result{code, out, stderr}
				}()
				select {
				case r := <-done:
					if r.code != exitInvalid {
						t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, exitInvalid, r.out, r.err)
					}
					if got := r.out + r.err; !strings.Contains(got, tt.want) {
						t.Errorf("output\n%s\nwant it to contain %q", got, tt.want)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("pencil %s hangs on a FIFO", args[0])
				}
			})
		}
	}
}
