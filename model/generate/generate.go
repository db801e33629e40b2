package generate

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// Kind is what a generated project file describes.
type Kind string

// Kinds of generated project.
const (
	// Feature is one feature film: many scene blocks, eight reels.
	Feature Kind = "feature"
	// Series is one episodic series written episode by episode.
	Series Kind = "series"
	// Facility is a facility file whose productions (series and
	// features) share the suites, crew and artistes.
	Facility Kind = "facility"
)

// Limits on Options, kept inside the project file's own limits (200
// episodes, 20,000 sessions, about three years).
const (
	MaxEpisodes    = 100
	MaxProductions = 8
)

// ErrOptions is the kind of every error about bad Options.
var ErrOptions = errors.New("generate: bad options")

// Options say what to generate.
type Options struct {
	// Kind is feature, series or facility (default series).
	Kind Kind
	// Episodes is the number of episodes of a series (default 10), or
	// the most episodes of a facility's series (default 4); ignored for a
	// feature. At most MaxEpisodes.
	Episodes int
	// Productions is the number of productions of a facility (default
	// 3); ignored otherwise. At most MaxProductions.
	Productions int
	// Seed drives every choice; the same Options give the same bytes.
	Seed uint64
	// Linear keeps to what model/mzn exports exactly, for checking
	// pencil's optimum with an independent solver: a short shape (one
	// shoot day, one reel), sessions of at most a day that do not split,
	// hourly rate cards only, session fees without travel, no pencils,
	// and an hour slot.
	Linear bool
}

// Generated is a generated project file and what it holds.
type Generated struct {
	// YAML is the project file.
	YAML []byte
	// Productions, Sessions (milestones included), Suites, People and
	// Artistes count what the file holds.
	Productions, Sessions, Suites, People, Artistes int
	// Bookings counts the confirmed bookings and pencils written.
	Bookings int
	// WorkingDays is the number of working days from the first start to
	// the last delivery.
	WorkingDays int
}

// Generate builds a project file from opts.
func Generate(opts Options) (*Generated, error) {
	out, _, err := build(opts)
	return out, err
}

// build generates a file and keeps the generator, whose reference
// schedule the tests check against the compiled problem.
func build(opts Options) (*Generated, *generator, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, nil, err
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x70656e63696c)) // "pencil"
	g := newGenerator(rng, opts)
	g.plan()
	if err := g.schedule(); err != nil {
		return nil, nil, err
	}
	g.deriveFromReference()
	return g.emit(), g, nil
}

func (o Options) withDefaults() (Options, error) {
	if o.Kind == "" {
		o.Kind = Series
	}
	switch o.Kind {
	case Feature:
		o.Episodes, o.Productions = 1, 1
	case Series:
		if o.Episodes == 0 {
			o.Episodes = 10
		}
		o.Productions = 1
	case Facility:
		if o.Episodes == 0 {
			o.Episodes = 4
		}
		if o.Productions == 0 {
			o.Productions = 3
		}
	default:
		return o, fmt.Errorf("%w: unknown kind %q (want feature, series or facility)", ErrOptions, o.Kind)
	}
	if o.Episodes < 1 || o.Episodes > MaxEpisodes {
		return o, fmt.Errorf("%w: episodes %d outside 1..%d", ErrOptions, o.Episodes, MaxEpisodes)
	}
	if o.Productions < 1 || o.Productions > MaxProductions {
		return o, fmt.Errorf("%w: productions %d outside 1..%d", ErrOptions, o.Productions, MaxProductions)
	}
	return o, nil
}
