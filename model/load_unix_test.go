//go:build unix

package model

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFilesRefused: a named pipe, a device or a folder named as the
// project file, an include or a CSV import is refused at once with a
// positioned problem, never read (a pipe would wait for a writer, a
// device would never end).
func TestSpecialFilesRefused(t *testing.T) {
	fifo := func(t *testing.T, path string) {
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Skipf("cannot make a FIFO here: %v", err)
		}
	}
	device := func(t *testing.T, path string) {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skipf("no /dev/zero: %v", err)
		}
		if err := os.Symlink("/dev/zero", path); err != nil {
			t.Fatal(err)
		}
	}
	folder := func(t *testing.T, path string) {
		if err := os.Mkdir(path, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		// root is the project file's text, or "" when the project file
		// itself is the special file.
		root    string
		special string
		make    func(t *testing.T, path string)
		want    string
	}{
		{"fifo root", "", "p.yaml", fifo, "p.yaml:1:1: the project file is a named pipe (FIFO), not a regular file"},
		{"device root", "", "p.yaml", device, "p.yaml:1:1: the project file is a device, not a regular file"},
		{"folder root", "", "p.yaml", folder, "p.yaml:1:1: the project file is a folder, not a regular file"},
		{"fifo include", base + "include: [more.yaml]\n", "more.yaml", fifo,
			"p.yaml:27:11: include[0]: cannot include more.yaml: a named pipe (FIFO), not a regular file (hint: name a saved file"},
		{"device include", base + "include: [more.yaml]\n", "more.yaml", device,
			"p.yaml:27:11: include[0]: cannot include more.yaml: a device, not a regular file"},
		{"fifo csv", base + "crew: { csv: crew.csv }\n", "crew.csv", fifo, "p.yaml:27:7: crew[0].csv: cannot import crew.csv: a named pipe (FIFO), not a regular file (hint: name a saved file"},
		{"device csv", base + "crew: { csv: crew.csv }\n", "crew.csv", device, "p.yaml:27:7: crew[0].csv: cannot import crew.csv: a device, not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.make(t, filepath.Join(dir, tt.special))
			if tt.root != "" {
				if err := os.WriteFile(filepath.Join(dir, "p.yaml"), []byte(tt.root), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			done := make(chan error, 1)
			go func() {
				_, err := Load(filepath.Join(dir, "p.yaml"))
				done <- err
			}()
			select {
			case err := <-done:
				if got := strings.ReplaceAll(problems(t, err), dir+"/", ""); !strings.Contains(got, tt.want) {
					t.Errorf("got\n%s\nwant a problem containing %q", got, tt.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Load hangs on a special file")
			}
		})
	}
}
