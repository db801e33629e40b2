//go:build unix

package store

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// readOnlyChildDir, in the environment, makes TestReadOnlyStore check the
// stores prepared in that folder: it is set when the test runs itself as
// an unprivileged user, because root may write whatever the permissions.
const readOnlyChildDir = "PENCIL_STORE_READONLY_DIR"

// nobody is the user the checks run as when the test runs as root.
const nobody = 65534

// readOnlyCases are stores this user may not write. Each prepare leaves a
// store (or none) at path; the folder's mode is set afterwards.
var readOnlyCases = []struct {
	name    string
	dirMode os.FileMode
	// fileMode is the store file's mode, or 0 for no file.
	fileMode os.FileMode
	// openFails is whether Open itself fails, rather than the first write.
	openFails bool
}{
	{name: "read-only file", dirMode: 0o777, fileMode: 0o444},
	{name: "read-only folder", dirMode: 0o555, fileMode: 0o666, openFails: true},
	{name: "read-only file and folder", dirMode: 0o555, fileMode: 0o444, openFails: true},
	{name: "new store in a read-only folder", dirMode: 0o555, openFails: true},
}

// TestReadOnlyStore: a store whose file or folder may not be written is
// refused with ErrReadOnly, naming the folder to check, not ErrCorrupt;
// the file is left as it was. Run as root, the checks run in a copy of the
// test binary as user nobody.
func TestReadOnlyStore(t *testing.T) {
	if base := os.Getenv(readOnlyChildDir); base != "" {
		checkReadOnly(t, base)
		return
	}
	base, err := os.MkdirTemp("", "pencil-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.Walk(base, func(p string, _ os.FileInfo, _ error) error { return os.Chmod(p, 0o755) }) //nolint:errcheck // best effort before removal
		os.RemoveAll(base)
	})
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, c := range readOnlyCases {
		dir := filepath.Join(base, c.name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "pencil.db")
		if c.fileMode != 0 {
			s := openAt(t, path, Options{Now: newClock().now})
			commit(t, s, "HL", bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines"))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, c.fileMode); err != nil {
				t.Fatal(err)
			}
			if before[c.name], err = os.ReadFile(path); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(dir, c.dirMode); err != nil {
			t.Fatal(err)
		}
	}
	if os.Geteuid() != 0 {
		checkReadOnly(t, base)
	} else {
		runAsNobody(t, base)
	}
	for _, c := range readOnlyCases {
		path := filepath.Join(base, c.name, "pencil.db")
		after, err := os.ReadFile(path)
		switch {
		case c.fileMode == 0 && !errors.Is(err, os.ErrNotExist):
			t.Errorf("%s: store created (%v)", c.name, err)
		case c.fileMode != 0 && (err != nil || !bytes.Equal(after, before[c.name])):
			t.Errorf("%s: store changed (%v)", c.name, err)
		}
	}
}

// checkReadOnly opens each case's store under base and tries to write it.
func checkReadOnly(t *testing.T, base string) {
	ctx := context.Background()
	for _, c := range readOnlyCases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(base, c.name)
			path := filepath.Join(dir, "pencil.db")
			s, err := Open(ctx, path, Options{})
			if err == nil {
				if c.openFails {
					t.Error("Open succeeded")
				}
				_, err = s.CommitRun(ctx, RunInput{Production: "HL", Fingerprint: fp, Who: "jo", Why: "test run"})
				s.Close()
			} else if !c.openFails {
				t.Errorf("Open: %v, want it to succeed (the store can be read)", err)
			}
			if !errors.Is(err, ErrReadOnly) || errors.Is(err, ErrCorrupt) {
				t.Fatalf("got %v, want ErrReadOnly", err)
			}
			var ro *ReadOnlyError
			if !errors.As(err, &ro) || ro.Path != path {
				t.Errorf("got %#v, want a *ReadOnlyError for %s", err, path)
			}
			if want := "check the permissions of " + dir; !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not say %q", err, want)
			}
		})
	}
}

// runAsNobody runs TestReadOnlyStore's checks on base in a copy of the
// test binary (the build folder is root's alone) as user nobody.
func runAsNobody(t *testing.T, base string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(base, "store.test")
	if err := copyFile(self, bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestReadOnlyStore$", "-test.v")
	cmd.Env = append(os.Environ(), readOnlyChildDir+"="+base)
	cmd.Dir = base
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("checks as user nobody: %v\n%s", err, out)
	} else if !strings.Contains(string(out), "--- PASS: TestReadOnlyStore/new_store_in_a_read-only_folder") {
		t.Errorf("checks as user nobody did not run:\n%s", out)
	}
}

// copyFile copies an executable.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// TestMissingFolderIsNotReadOnly: SQLite cannot open a store in a folder
// that does not exist either; that is said, not blamed on permissions.
func TestMissingFolderIsNotReadOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	_, err := Open(context.Background(), filepath.Join(dir, "pencil.db"), Options{})
	if err == nil || errors.Is(err, ErrReadOnly) || errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "folder "+dir+" does not exist") {
		t.Fatalf("got %v, want the missing folder named", err)
	}
}
