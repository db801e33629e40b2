package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// Exit statuses, chosen in one place by exitCode.
const (
	exitOK         = 0
	exitError      = 1
	exitInvalid    = 2
	exitInfeasible = 3
	exitChanged    = 4
	exitTimeLimit  = 5
	exitCancelled  = 130
)

// exitStatusHelp is appended to every command's Long help.
const exitStatusHelp = `
EXIT STATUS
  0    done
  1    error (I/O, internal)
  2    invalid input: a project file that fails validation, bad flags, or a
       project too large for the memory available (see --max-memory)
  3    no feasible schedule (the conflict is printed in the trade's words)
  4    the bookings changed while solving (someone confirmed, released or
       re-pencilled, or another solve committed): nothing was committed;
       run again
  5    the time limit was reached before any schedule was found: nothing
       is known about whether one exists (a likely cause is printed when
       one could be found); try a longer --time-limit
  130  interrupted (SIGINT/SIGTERM)`

// signalGrace is how long the work has, after SIGINT or SIGTERM, to notice
// its cancelled context and return before the process exits regardless.
const signalGrace = time.Second

func main() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, stop := cancelOnSignal(context.Background(), sigs, signalGrace, os.Stderr, os.Exit)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	signal.Stop(sigs)
	os.Exit(code)
}

// cancelOnSignal returns a context that the first signal on sigs cancels,
// so the work stops cleanly (a solve returns its best schedule so far).
// Work that does not notice (a read that blocks, a long step between
// checks) must not keep the process alive: grace after the first signal,
// or at a second one, it calls exit(exitCancelled). Exiting in the middle
// of a commit loses nothing, since the booking store writes a run in one
// SQLite transaction. stop ends the watch; after it, signals do nothing.
func cancelOnSignal(parent context.Context, sigs <-chan os.Signal, grace time.Duration, stderr io.Writer, exit func(int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		cancel()
		timer := time.NewTimer(grace)
		defer timer.Stop()
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "pencil: %v again: exiting now\n", sig)
		case <-timer.C:
			fmt.Fprintf(stderr, "pencil: still busy %v after the signal: exiting\n", grace)
		case <-done:
			return
		}
		exit(exitCancelled)
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			close(done)
			cancel()
		})
	}
}

// run executes the command line args and returns the process exit status.
// It is main without the process: tests call it in-process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g := newGlobals(stdout, stderr)
	root := newRootCommand(g)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil && !errors.Is(err, errReported) {
		fmt.Fprintf(stderr, "pencil: %v\n", err)
	}
	return exitCode(err)
}

// exitCode maps an error to the process exit status.
func exitCode(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled), errors.Is(err, solver.ErrCancelled):
		return exitCancelled
	case errors.Is(err, solver.ErrInfeasible):
		return exitInfeasible
	case errors.Is(err, solver.ErrTimeLimit):
		return exitTimeLimit
	case errors.Is(err, store.ErrChanged):
		return exitChanged
	case errors.Is(err, model.ErrInvalid), errors.Is(err, errUsage), errors.Is(err, errTooLarge), errors.Is(err, errLegacyStore), errors.Is(err, errRenamed):
		return exitInvalid
	default:
		return exitError
	}
}

// newRootCommand builds the command tree. Every subcommand has its own
// constructor and file.
func newRootCommand(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "pencil",
		Short: "Pencil a post-production schedule",
		Long: `pencil finds a feasible, low-cost schedule for a film or TV
post-production: who is in which suite when, what it costs by department,
when you deliver, and how close to the best possible that is.

Configuration comes from flags, then PENCIL_* environment variables (for
example PENCIL_TIME_LIMIT=10s, PENCIL_LOG_LEVEL=debug), then the YAML file
given with --config, then the defaults.
` + exitStatusHelp,
		Example: `  pencil validate testdata/*.yaml
  pencil solve testdata/feature.yaml
  pencil --config pencil.yaml solve testdata/series.yaml --format json
  pencil bench psplib --instances DIR --reference j30opt.sm --time-limit 1s`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return g.setup(cmd) },
		// The root runs only for no command (help) or an unknown one,
		// which is a usage error like a bad flag.
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("unknown command %q (see pencil --help)", args[0])}
			}
			return cmd.Help()
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	g.addFlags(root.PersistentFlags())
	bench := newBenchCommand(g)
	bench.AddCommand(newBenchLimitsCommand(g))
	root.AddCommand(
		newVersionCommand(g),
		newValidateCommand(g),
		newGenerateCommand(g),
		newSolveCommand(g),
		bench,
		newDiffCommand(g),
		newHistoryCommand(g),
		newRunsCommand(g),
		newExportCommand(g),
		newFeedsCommand(g),
		newServeCommand(g),
		newWhatifCommand(g),
		newGanttCommand(g),
		newCallSheetCommand(g),
		newStoreCommand(g),
	)
	root.AddCommand(newStatusCommands(g)...)
	return root
}
