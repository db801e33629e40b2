package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/repencil"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/store"
)

// exampleReasons are the --reason of each status command's example.
var exampleReasons = map[string]string{
	"confirm": "agent confirmed by email",
	"release": "grade moved to another facility",
	"pencil":  "picture lock may slip",
}

// statusAction is one of the store's status changes; project is the
// project file given, or "".
type statusAction func(ctx context.Context, st *store.Store, project string, ids []string, reason, who string) (store.Report, error)

// byHand is a status change that needs no project file.
func byHand(change func(st *store.Store, ctx context.Context, ids []string, reason, who string) (store.Report, error)) statusAction {
	return func(ctx context.Context, st *store.Store, _ string, ids []string, reason, who string) (store.Report, error) {
		return change(st, ctx, ids, reason, who)
	}
}

// newStatusCommands builds `pencil confirm`, `pencil release` and `pencil
// pencil`, which change bookings' status by hand and print who must be
// told.
func newStatusCommands(g *globals) []*cobra.Command {
	return []*cobra.Command{
		newStatusCommand(g, "confirm", "Confirm pencils: tell the people on them it is firm",
			`Turn pencils into confirmed bookings. A later solve never moves a
confirmed booking: if new inputs make it impossible, the solve reports it as
a conflict that needs a person. A second pencil cannot be confirmed until
it is promoted; confirming a confirmed booking does nothing.`,
			byHand((*store.Store).Confirm)),
		newStatusCommand(g, "release", "Release bookings: free their slots",
			`Drop bookings; their slots are free again. The earliest second pencil
on a freed slot is promoted to first pencil at once and reported. A session
still in the project file is pencilled again by the next solve.

Given the project file, a first pencil or confirmed booking released
inside the notice of its suite's or people's cancellation terms (rate:
cancellation:) owes their share of its price: the charge is shown, kept
in the booking's history, and counted by later solves as money spent.`,
			g.releaseCharged),
		newStatusCommand(g, "pencil", "Put confirmed or released bookings back in pencil",
			`Turn confirmed or released bookings back into pencils, so the next solve
may move them. A booking whose slot another production now holds becomes a
second pencil.`,
			byHand((*store.Store).SetPencil)),
	}
}

func newStatusCommand(g *globals, name, short, long string, action statusAction) *cobra.Command {
	cmd := &cobra.Command{
		Use:   name + " [PROJECT] ID...",
		Short: short,
		Long:  long + "\n\nThe change is recorded with --who and --reason in each booking's history.\n" + exitStatusHelp,
		Example: fmt.Sprintf(`  pencil %s B-harbour-lights-ep3.adr --reason %q
  pencil %s testdata/series.yaml B-0142 B-0143 --format json`, name, exampleReasons[name], name),
		Args: minArgs(1, "at least one booking id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, args := takeProject(args)
			if len(args) == 0 {
				return usageError{errors.New("give at least one booking id after the project file")}
			}
			return g.changeStore(cmd.Context(), project, name, func(st *store.Store) (store.Report, error) {
				return action(cmd.Context(), st, project, args, g.v.GetString("reason"), g.who())
			})
		},
	}
	addChangeFlags(cmd.Flags())
	return cmd
}

// addChangeFlags declares the flags of a command that changes the store
// by hand: --reason, --store, --who, --format and --tz.
func addChangeFlags(fs *pflag.FlagSet) {
	fs.String("reason", "", "why, kept in each booking's history")
	addStoreFlag(fs, storeFlagUsage)
	addWhoFlag(fs)
	addFormatFlag(fs)
}

// changeStore opens project's store, makes a change by hand with change
// and prints its report: what confirm, release, pencil and store rename
// share.
func (g *globals) changeStore(ctx context.Context, project, name string, change func(*store.Store) (store.Report, error)) error {
	format, ro, st, err := g.openStoreForReport(ctx, project)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := change(st)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return writeReport(g.stdout, format, r, ro)
}

// addStoreFlag declares --store.
func addStoreFlag(fs *pflag.FlagSet, usage string) {
	fs.String("store", "", usage)
}

// addWhoFlag declares --who.
func addWhoFlag(fs *pflag.FlagSet) {
	fs.String("who", "", "who makes the change, kept in the history (default $USER)")
}

// addFormatFlag declares --format and --tz for the store commands.
func addFormatFlag(fs *pflag.FlagSet) {
	fs.String("format", schedule.FormatTable, "output `format`: "+strings.Join(schedule.Formats, ", "))
	fs.String("tz", "", "time `zone` of the times shown, e.g. Europe/London (default the zone the last solve recorded, else the local zone)")
}

// renderOptions shows times in --tz, else the local zone. Commands with a
// store at hand complete it with withRecorded.
func (g *globals) renderOptions() (store.RenderOptions, error) {
	tz := g.v.GetString("tz")
	if tz == "" {
		return store.RenderOptions{Location: time.Local}, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return store.RenderOptions{}, usageError{fmt.Errorf("tz %q: want an IANA time zone such as Europe/London", tz)}
	}
	return store.RenderOptions{Location: loc}, nil
}

// withRecorded completes ro, from renderOptions, for a command that reports
// from st alone: without --tz, times are shown in the zone the store's runs
// recorded for the productions (when they share one), and suites, people
// and artistes go by the names the runs recorded.
func (g *globals) withRecorded(ctx context.Context, st *store.Store, ro store.RenderOptions) (store.RenderOptions, error) {
	recorded, err := st.RenderDefaults(ctx)
	if err != nil {
		return store.RenderOptions{}, err
	}
	ro.Names = recorded.Names
	if g.v.GetString("tz") == "" && recorded.Location != nil {
		ro.Location = recorded.Location
	}
	return ro, nil
}

// who is --who, else $USER, else "unknown".
func (g *globals) who() string {
	for _, w := range []string{g.v.GetString("who"), os.Getenv("USER"), os.Getenv("USERNAME")} {
		if w = strings.TrimSpace(w); w != "" {
			return w
		}
	}
	return "unknown"
}

// reportFormat reads and checks --format.
func (g *globals) reportFormat() (string, error) {
	f := g.v.GetString("format")
	if !slices.Contains(schedule.Formats, f) {
		return "", usageError{fmt.Errorf("format %q: want %s", f, strings.Join(schedule.Formats, ", "))}
	}
	return f, nil
}

// storeFlagUsage describes --store for the commands that work from the
// store alone.
const storeFlagUsage = "booking store `PATH` (default: the project file's, e.g. series.pencil.db, else the one *.pencil.db in the working folder)"

// openStoreForReport reads --format and --tz and opens the existing store
// of project (see findStore): what every command that reports from the
// store starts with. The render options know the production's zone and
// names (withRecorded). The caller closes the store.
func (g *globals) openStoreForReport(ctx context.Context, project string) (string, store.RenderOptions, *store.Store, error) {
	format, err := g.reportFormat()
	if err != nil {
		return "", store.RenderOptions{}, nil, err
	}
	ro, err := g.renderOptions()
	if err != nil {
		return "", store.RenderOptions{}, nil, err
	}
	st, err := g.openExistingStore(ctx, project)
	if err != nil {
		return "", store.RenderOptions{}, nil, err
	}
	if ro, err = g.withRecorded(ctx, st, ro); err != nil {
		st.Close()
		return "", store.RenderOptions{}, nil, err
	}
	return format, ro, st, nil
}

// openExistingStore opens the store findStore finds for the commands
// that read or change state without solving: a store that does not exist
// is an error, not a new empty file.
func (g *globals) openExistingStore(ctx context.Context, project string) (*store.Store, error) {
	path, err := findStore(g.v.GetString("store"), project)
	if err != nil {
		return nil, err
	}
	ok, err := store.Exists(path)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("store %s: no booking store there (pencil solve makes one; or give --store PATH)", path)
	}
	// Confirms and releases are stamped by the same clock as runs.
	return openStore(ctx, path, storeClock)
}

// openStore opens a booking store, saying what to do when it is refused.
func openStore(ctx context.Context, path string, now func() time.Time) (*store.Store, error) {
	st, err := store.Open(ctx, path, store.Options{Now: now})
	switch {
	case errors.Is(err, store.ErrNewerSchema):
		return nil, fmt.Errorf("%w (left untouched; use the newer pencil that wrote it)", err)
	case errors.Is(err, store.ErrCorrupt), errors.Is(err, store.ErrNotStore):
		return nil, fmt.Errorf("%w (left untouched; give --store another path, or --no-store)", err)
	case err != nil:
		return nil, fmt.Errorf("store %s: %w", shownStore(path), err)
	}
	return st, nil
}

// writeReport writes a change report in format: text, the store's JSON or
// its CSV.
func writeReport(w io.Writer, format string, r store.Report, ro store.RenderOptions) error {
	switch format {
	case schedule.FormatJSON:
		return r.WriteJSON(w)
	case schedule.FormatCSV:
		return r.WriteCSV(w, ro)
	}
	return r.WriteText(w, ro)
}

// releaseCharged releases bookings. Given the project file, it works out
// what each owes under its rate cards' cancellation terms as of now and
// records the charges with the release.
func (g *globals) releaseCharged(ctx context.Context, st *store.Store, project string, ids []string, reason, who string) (store.Report, error) {
	if project == "" {
		return st.Release(ctx, ids, reason, who)
	}
	p, err := model.Load(project)
	if err != nil {
		return store.Report{}, reportProblems(g.stderr, err)
	}
	current, err := st.Bookings(ctx, store.Filter{})
	if err != nil {
		return store.Report{}, err
	}
	now := time.Now()
	if storeClock != nil {
		now = storeClock()
	}
	// Compiled as of no moment: a release may come after the delivery.
	plan, err := repencil.Prepare(p, current, repencil.Options{})
	if err != nil {
		return store.Report{}, reportProblems(g.stderr, err)
	}
	return st.ReleaseCharged(ctx, ids, plan.ReleaseCharges(ids, now), reason, who)
}
