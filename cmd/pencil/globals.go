package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cast"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// errUsage is the kind of a bad command line: unknown flags, wrong
// arguments, a malformed setting. It exits with status 2.
var errUsage = errors.New("usage")

// usageError marks err as a usage error while keeping its message.
type usageError struct{ err error }

func (e usageError) Error() string        { return e.err.Error() }
func (e usageError) Unwrap() error        { return e.err }
func (e usageError) Is(target error) bool { return target == errUsage }

// errReported marks an error whose details the command already printed, so
// run only maps it to an exit status.
var errReported = errors.New("reported")

// reportedError wraps err (for errors.Is) and marks it as reported.
type reportedError struct{ err error }

func (e reportedError) Error() string        { return e.err.Error() }
func (e reportedError) Unwrap() error        { return e.err }
func (e reportedError) Is(target error) bool { return target == errReported }

// globals are the dependencies every command receives: output streams,
// the resolved configuration and the logger. Nothing here is global state.
type globals struct {
	stdout, stderr io.Writer
	// v resolves settings: flag > PENCIL_* environment > config file >
	// flag default.
	v *viper.Viper
	// log is built in setup from --log-level; it is never zerolog's
	// global logger.
	log zerolog.Logger
	// configFile is the --config flag.
	configFile string
}

func newGlobals(stdout, stderr io.Writer) *globals {
	v := viper.New()
	v.SetEnvPrefix("PENCIL")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	return &globals{stdout: stdout, stderr: stderr, v: v, log: zerolog.Nop()}
}

// addFlags declares the flags every command has.
func (g *globals) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&g.configFile, "config", "", "YAML `file` of settings (keys are flag names, e.g. time-limit: 10s)")
	fs.String("log-level", "info", "log `level`: debug, info, warn, error")
}

// setup runs before every command: it reads the config file, binds the
// running command's flags to their settings and builds the logger. Only
// the running command's flags are bound, so two commands may give the
// same setting different defaults (solve's and bench's --time-limit).
func (g *globals) setup(cmd *cobra.Command) error {
	file := g.configFile
	if file == "" {
		file = os.Getenv("PENCIL_CONFIG")
	}
	if file != "" {
		if err := checkConfig(file, cmd.Root()); err != nil {
			return err
		}
		g.v.SetConfigFile(file)
		g.v.SetConfigType("yaml")
		if err := g.v.ReadInConfig(); err != nil {
			return usageError{fmt.Errorf("config %s: %w", file, err)}
		}
	}
	var bindErr error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name == "config" || f.Name == "help" {
			return
		}
		if err := g.v.BindPFlag(f.Name, f); err != nil && bindErr == nil {
			bindErr = err
		}
	})
	if bindErr != nil {
		return bindErr
	}
	level, err := zerolog.ParseLevel(strings.ToLower(g.v.GetString("log-level")))
	if err != nil || level == zerolog.NoLevel {
		return usageError{fmt.Errorf("log-level %q: want debug, info, warn or error", g.v.GetString("log-level"))}
	}
	g.log = newLogger(g.stderr, level)
	return nil
}

// newLogger writes human-readable lines to a terminal and JSON otherwise.
func newLogger(w io.Writer, level zerolog.Level) zerolog.Logger {
	if isTerminal(w) {
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly}
	}
	return zerolog.New(w).Level(level).With().Timestamp().Logger()
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// duration reads a duration setting, reporting a malformed one as a usage
// error rather than silently using zero.
func (g *globals) duration(key string) (time.Duration, error) {
	d, err := cast.ToDurationE(g.v.Get(key))
	if err != nil || d < 0 {
		return 0, usageError{fmt.Errorf("%s %q: want a duration such as 5s or 2m", key, g.v.GetString(key))}
	}
	return d, nil
}

// integer reads a non-negative integer setting.
func (g *globals) integer(key string) (int, error) {
	n, err := cast.ToIntE(g.v.Get(key))
	if err != nil || n < 0 {
		return 0, usageError{fmt.Errorf("%s %q: want a whole number ≥ 0", key, g.v.GetString(key))}
	}
	return n, nil
}

// uint64Setting reads an unsigned integer setting (the seed).
func (g *globals) uint64Setting(key string) (uint64, error) {
	n, err := cast.ToUint64E(g.v.Get(key))
	if err != nil {
		return 0, usageError{fmt.Errorf("%s %q: want a whole number ≥ 0", key, g.v.GetString(key))}
	}
	return n, nil
}

// exactArgs is cobra.ExactArgs with a usage error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("want %s, got %d arguments", what, len(args))}
		}
		return nil
	}
}

// projectArgs is exactArgs(n, what) after an optional project file, as
// the store commands take it (pencil feeds list series.yaml).
func projectArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		_, rest := takeProject(args)
		return exactArgs(n, what)(c, rest)
	}
}

// minArgs is cobra.MinimumNArgs with a usage error.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return usageError{fmt.Errorf("want %s", what)}
		}
		return nil
	}
}
