package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"series", []string{"--kind", "series", "--episodes", "2", "--seed", "3"}, exitOK, ""},
		{"feature", []string{"--kind", "feature", "--seed", "4"}, exitOK, ""},
		{"facility", []string{"--kind", "facility", "--productions", "2", "--episodes", "1"}, exitOK, ""},
		{"linear", []string{"--kind", "series", "--episodes", "1", "--linear"}, exitOK, ""},
		{"unknown kind", []string{"--kind", "opera"}, exitInvalid, `unknown kind "opera"`},
		{"too many episodes", []string{"--episodes", "1000"}, exitInvalid, "episodes 1000 outside"},
		{"bad seed", []string{"--seed", "minus"}, exitInvalid, "seed"},
		{"argument", []string{"extra"}, exitInvalid, "no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".yaml")
			code, _, stderr := pencil(t, append([]string{"generate", "--out", out}, tt.args...)...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.wantCode, stderr)
			}
			if tt.wantErr != "" {
				if !strings.Contains(stderr, tt.wantErr) {
					t.Errorf("stderr %q lacks %q", stderr, tt.wantErr)
				}
				return
			}
			if !strings.Contains(stderr, "wrote "+out) {
				t.Errorf("stderr %q lacks the summary", stderr)
			}
			if code, stdout, _ := pencil(t, "validate", out); code != exitOK {
				t.Errorf("validate of the generated file: exit %d\n%s", code, stdout)
			}
		})
	}
}

// TestGenerateStdoutIsDeterministic checks that standard output gets the
// same file as --out, twice.
func TestGenerateStdoutIsDeterministic(t *testing.T) {
	out := filepath.Join(t.TempDir(), "series.yaml")
	if code, _, stderr := pencil(t, "generate", "--episodes", "1", "--seed", "9", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	file, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		code, stdout, stderr := pencil(t, "generate", "--episodes", "1", "--seed", "9")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !bytes.Equal([]byte(stdout), file) {
			t.Fatal("standard output differs from --out for the same seed")
		}
	}
}
