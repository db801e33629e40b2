//go:build unix

package main

import (
	"bufio"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSIGTERMEndsTheProcess builds pencil and sends SIGTERM to it while it
// solves (work that watches its context) and while it is stuck opening a
// --config FIFO no one writes (work that does not): either way it exits
// with status 130, within the one-second grace (the test allows 5 s, to
// fail rather than hang; it does not time the exit).
func TestSIGTERMEndsTheProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "pencil")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	fifo := filepath.Join(dir, "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		// ready is a line of the log that says the work has begun, or ""
		// to wait half a second.
		ready string
	}{
		{"solving", []string{"solve", "../../testdata/series.yaml", "--no-store", "--time-limit", "60s"}, `"message":"solving"`},
		{"blocked reading config", []string{"--config", fifo, "validate", "../../testdata/series.yaml"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(bin, tt.args...)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill() //nolint:errcheck // gone already unless the test failed
			lines := make(chan string, 64)
			go func() {
				defer close(lines)
				sc := bufio.NewScanner(stderr)
				for sc.Scan() {
					lines <- sc.Text()
				}
			}()
			var log []string
			if tt.ready == "" {
				time.Sleep(500 * time.Millisecond)
			} else {
				waitFor(t, lines, tt.ready, &log)
			}
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() {
				for l := range lines {
					log = append(log, l)
				}
				exited <- cmd.Wait()
			}()
			select {
			case err := <-exited:
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != exitCancelled {
					t.Errorf("exit %v, want status %d\nstderr:\n%s", err, exitCancelled, strings.Join(log, "\n"))
				}
			case <-time.After(5 * time.Second):
				t.Fatal("pencil still running 5 s after SIGTERM")
			}
		})
	}
}

// waitFor reads log lines, keeping them in log, until one contains want;
// it fails after 10 s or when the log ends first.
func waitFor(t *testing.T, lines <-chan string, want string, log *[]string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("log ended without %s:\n%s", want, strings.Join(*log, "\n"))
			}
			*log = append(*log, l)
			if strings.Contains(l, want) {
				return
			}
		case <-timeout:
			t.Fatalf("no %s in the log after 10 s:\n%s", want, strings.Join(*log, "\n"))
		}
	}
}
