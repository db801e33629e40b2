package main

// The plan people see is the committed one: pencil gantt and pencil
// export xlsx draw the bookings the booking store holds for the project's
// production — what people were told — and solve afresh only when asked
// (--fresh, --no-store) or when the project has no store yet, and say
// which they drew.
//
// The store's bookings become a schedule.Schedule here, in cmd/pencil,
// rather than in model/schedule or model/report: both of those would then
// import model/store, tying the solved-plan values and the renderers to
// persistence, while this package already wires model, store, schedule
// and report together and is the conversion's only caller.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/spf13/pflag"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/report"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/store"
)

// planRenderer writes a schedule and where it comes from.
type planRenderer func(io.Writer, *schedule.Schedule, report.Origin) error

// livePlan are the statuses a committed plan shows: released bookings are
// left out.
var livePlan = []booking.Status{booking.Pencil, booking.SecondPencil, booking.Confirmed}

// noStoreNote is the origin's note when a fresh solve stands in for a
// store the project does not have yet.
const noStoreNote = "the project has no booking store yet"

// addPlanFlags declares the flags of the commands that draw a plan: the
// search flags for a fresh solve, --store, --fresh and --no-store.
func addPlanFlags(fs *pflag.FlagSet) {
	addSearchFlags(fs, 5*time.Second, 0)
	addStoreFlag(fs, "booking store `PATH` whose committed plan is drawn (default: the project's store beside it)")
	fs.Bool("fresh", false, "solve afresh and draw that, ignoring the booking store")
	fs.Bool("no-store", false, "solve without state, like pencil solve --no-store (the same as --fresh here)")
}

// runPlanOutput renders the project's committed plan from its booking
// store to out (a file, written atomically) or standard output. With
// --fresh or --no-store, or when the project has no store yet and --store
// was not given, it renders a fresh solve instead, marked as not
// committed. A store without live bookings of the production is an error
// that says to solve first.
func runPlanOutput(ctx context.Context, g *globals, file, out string, render planRenderer) error {
	o, err := g.searchOptions()
	if err != nil {
		return err
	}
	storePath := g.v.GetString("store")
	fresh := g.v.GetBool("fresh") || g.v.GetBool("no-store")
	if fresh && storePath != "" {
		return usageError{errors.New("--store names the committed plan to draw, --fresh and --no-store ignore it: give one or the other")}
	}
	var origin report.Origin
	if !fresh {
		pr, err := openProjectStore(ctx, g, file, storePath)
		switch {
		case err == nil:
			defer pr.st.Close()
			s, origin, err := committedPlan(ctx, pr)
			if err != nil {
				return err
			}
			g.log.Info().Str("file", file).Str("store", pr.st.Path()).Int("bookings", len(s.Bookings)).Str("plan", origin.String()).Msg("read committed plan")
			return emitPlan(g, out, s, origin, render)
		case storePath == "" && errors.Is(err, errNoBookings):
			origin.Note = noStoreNote
		case errors.Is(err, errNoBookings):
			return fmt.Errorf("%w (or draw a fresh solve with --fresh)", err)
		default:
			return err
		}
	}
	s, err := solveFresh(ctx, g, file, o)
	if err != nil {
		return err
	}
	return emitPlan(g, out, s, origin, render)
}

// emitPlan renders s to out, or to standard output when out is "".
func emitPlan(g *globals, out string, s *schedule.Schedule, o report.Origin, render planRenderer) error {
	if out == "" {
		return render(g.stdout, s, o)
	}
	return writeFileAtomic(out, func(w io.Writer) error { return render(w, s, o) })
}

// committedPlan reads the live bookings of the project's production from
// its store as a schedule, and the run they come from.
func committedPlan(ctx context.Context, pr *projectStore) (*schedule.Schedule, report.Origin, error) {
	p := pr.project
	bookings, err := pr.st.Bookings(ctx, store.Filter{Production: p.Name, Statuses: livePlan})
	if err != nil {
		return nil, report.Origin{}, fmt.Errorf("store %s: %w", pr.st.Path(), err)
	}
	if len(bookings) == 0 {
		return nil, report.Origin{}, fmt.Errorf("store %s holds no live bookings of %q: %w (or draw a fresh solve with --fresh)",
			pr.st.Path(), p.Name, errNoBookings)
	}
	recorded, err := pr.st.RenderDefaults(ctx)
	if err != nil {
		return nil, report.Origin{}, fmt.Errorf("store %s: %w", pr.st.Path(), err)
	}
	s := committedSchedule(p, bookings, recorded.Names)
	origin := report.Origin{Committed: true}
	for _, b := range bookings {
		origin.Run = max(origin.Run, b.RunID)
	}
	if origin.Run > 0 {
		runs, err := pr.st.Runs(ctx)
		if err != nil {
			return nil, report.Origin{}, fmt.Errorf("store %s: %w", pr.st.Path(), err)
		}
		if i := slices.IndexFunc(runs, func(r store.Run) bool { return r.ID == origin.Run }); i >= 0 {
			origin.At = runs[i].Time.In(planLocation(p))
		}
	}
	return s, origin, nil
}

// planLocation is the production's time zone, UTC when it has none.
func planLocation(p *model.Project) *time.Location {
	if p.Calendar.Location != nil {
		return p.Calendar.Location
	}
	return time.UTC
}

// committedSchedule turns store bookings into a schedule the reports can
// draw: each booking with its status, its pieces in the production's time
// zone, its session and episode, and its suite, people and artistes by
// name — from the project, else as the store recorded them (recorded),
// else by id. It has no costs and no milestones: the store keeps neither.
func committedSchedule(p *model.Project, bookings []store.Booking, recorded map[string]string) *schedule.Schedule {
	loc := planLocation(p)
	s := &schedule.Schedule{Production: p.Name, TimeZone: loc.String()}
	if len(p.Productions) > 0 {
		s.Currency = p.Productions[0].Currency
	}
	names := projectNames(p)
	name := func(id string) string { return cmp.Or(names[id], recorded[id], id) }
	for _, sb := range bookings {
		b := schedule.Booking{
			ID: sb.ID, Name: sb.Label(), Status: sb.Status,
			Start: sb.Start.In(loc), End: sb.End.In(loc),
		}
		if sb.Episode != "" {
			b.Episode = "ep" + sb.Episode // as a solve keys episodes, so colours agree
		}
		for _, pc := range sb.Pieces {
			b.Pieces = append(b.Pieces, schedule.Piece{Start: pc.Start.In(loc), End: pc.End.In(loc)})
		}
		for _, id := range sb.Suites() {
			b.Suites = append(b.Suites, name(id))
		}
		for _, id := range sb.People {
			b.People = append(b.People, name(id))
		}
		for _, id := range sb.Artistes {
			b.Artistes = append(b.Artistes, name(id))
		}
		s.Bookings = append(s.Bookings, b)
		if b.End.After(s.Delivery) {
			s.Delivery = b.End
		}
	}
	slices.SortStableFunc(s.Bookings, func(a, b schedule.Booking) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	return s
}

// projectNames maps the project's suite, person and artiste ids to their
// display names.
func projectNames(p *model.Project) map[string]string {
	names := map[string]string{}
	for _, x := range p.Suites {
		names[x.ID] = x.Name
	}
	for _, x := range p.People {
		names[x.ID] = x.Name
	}
	for _, x := range p.Artistes {
		names[x.ID] = x.Name
	}
	return names
}
