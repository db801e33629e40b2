package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestSettingPrecedence: flag > PENCIL_* environment > config file > the
// flag's default.
func TestSettingPrecedence(t *testing.T) {
	tests := []struct {
		name       string
		flag, env  string
		file, want string
	}{
		{name: "default", want: "5s"},
		{name: "file", file: "7s", want: "7s"},
		{name: "env beats file", env: "9s", file: "7s", want: "9s"},
		{name: "flag beats env and file", flag: "11s", env: "9s", file: "7s", want: "11s"},
		{name: "flag beats file", flag: "11s", file: "7s", want: "11s"},
		{name: "env beats default", env: "9s", want: "9s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"probe"}
			if tt.file != "" {
				path := filepath.Join(t.TempDir(), "pencil.yaml")
				if err := os.WriteFile(path, []byte("time-limit: "+tt.file+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				args = append(args, "--config", path)
			}
			if tt.flag != "" {
				args = append(args, "--time-limit", tt.flag)
			}
			t.Setenv("PENCIL_TIME_LIMIT", tt.env)
			if tt.env == "" {
				os.Unsetenv("PENCIL_TIME_LIMIT")
			}
			got, err := probeTimeLimit(t, args)
			if err != nil {
				t.Fatal(err)
			}
			if want, _ := time.ParseDuration(tt.want); got != want {
				t.Errorf("time-limit = %s, want %s", got, want)
			}
		})
	}
}

// probeTimeLimit runs a throwaway subcommand with a --time-limit flag
// (default 5s) under the real root command and returns what it resolved.
func probeTimeLimit(t *testing.T, args []string) (time.Duration, error) {
	t.Helper()
	var out bytes.Buffer
	g := newGlobals(&out, &out)
	root := newRootCommand(g)
	var got time.Duration
	probe := &cobra.Command{Use: "probe", RunE: func(*cobra.Command, []string) error {
		var err error
		got, err = g.duration("time-limit")
		return err
	}}
	probe.Flags().Duration("time-limit", 5*time.Second, "")
	root.AddCommand(probe)
	root.SetArgs(args)
	err := root.Execute()
	return got, err
}

func TestMalformedSettingIsUsageError(t *testing.T) {
	t.Setenv("PENCIL_TIME_LIMIT", "soon")
	_, err := probeTimeLimit(t, []string{"probe"})
	if !errors.Is(err, errUsage) || exitCode(err) != exitInvalid {
		t.Errorf("err = %v (exit %d), want a usage error (exit 2)", err, exitCode(err))
	}
}

// TestConfigFileChecked: a config file is read by the project file's
// walker first, so a misspelt or misplaced setting is refused with its
// position and the nearest setting; good files and empty ones pass.
func TestConfigFileChecked(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // in the error; "" for none
	}{
		{"good", "time-limit: 7s\nlog-level: warn\n", ""},
		{"empty", "# nothing set yet\n", ""},
		{"misspelt", "time-limit: 7s\ntme-limit: 3s\n", `pencil.yaml:2:1: tme-limit: unknown field "tme-limit"`},
		{"mapping", "time-limit: { solve: 7s }\n", "pencil.yaml:1:13: time-limit: want a value, got a mapping"},
		{"syntax", "time-limit: [7s\n", "pencil.yaml:2:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pencil.yaml")
			if err := os.WriteFile(path, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := probeTimeLimit(t, []string{"probe", "--config", path})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("good config refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || exitCode(err) != exitInvalid {
				t.Errorf("err = %v (exit %d), want one naming %q (exit 2)", err, exitCode(err), tt.want)
			}
		})
	}
}
