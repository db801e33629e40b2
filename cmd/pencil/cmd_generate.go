package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model/generate"
)

func newGenerateCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Write a realistic, feasible project file of any size",
		Long: `Write a project file for a made-up production: a feature, an episodic
series or a facility whose productions share suites, crew and artistes.
Each episode runs dailies and scene-block assemblies, the cuts to picture
lock, conform, VFX shots and review, a grade per reel, dialogue, effects,
foley and music per reel, many ADR loops with the cast, premixes and mixes
per reel, the printmaster, QC, captions and delivery. Crew have trade rate
cards and overlapping skills, some book a week off, artistes' agents offer
patchy windows, bank holidays are kept, budgets have headroom and the
first sessions are already confirmed.

Every file is feasible: the generator schedules it itself first and sets
deliveries, windows and caps from that schedule with slack. The same
options and --seed give the same bytes. A 10-episode series has about
2,000 sessions, 60 people and suites and five to six months of work.

The file goes to --out, or to standard output; a summary goes to standard
error.
` + exitStatusHelp,
		Example: `  pencil generate --kind series --episodes 10 --seed 1 --out series-10.yaml
  pencil generate --kind facility --productions 4 --episodes 6 --out northgate.yaml
  pencil generate --kind feature --seed 7 | pencil validate /dev/stdin`,
		Args: exactArgs(0, "no arguments (the options are flags)"),
		RunE: func(_ *cobra.Command, _ []string) error {
			seed, err := g.uint64Setting("seed")
			if err != nil {
				return err
			}
			opts := generate.Options{Kind: generate.Kind(g.v.GetString("kind")), Episodes: g.v.GetInt("episodes"),
				Productions: g.v.GetInt("productions"), Seed: seed, Linear: g.v.GetBool("linear")}
			return runGenerate(g.stdout, g.stderr, opts, g.v.GetString("out"))
		},
	}
	fs := cmd.Flags()
	fs.String("kind", string(generate.Series), "what to generate: feature, series or facility")
	fs.Int("episodes", 0, "episodes of the series (default 10), or at most per series of a facility (default 4)")
	fs.Int("productions", 0, "productions of a facility (default 3)")
	fs.Uint64("seed", 1, "seed of every choice; the same seed gives the same file")
	fs.String("out", "", "write the project file to `FILE` (default standard output)")
	fs.Bool("linear", false, "a short production with only what export mzn writes exactly (hourly rates, single-day sessions), for cross-checking optima")
	return cmd
}

// runGenerate writes the generated file to out (stdout when empty) and a
// summary line to summary.
func runGenerate(stdout, summary io.Writer, opts generate.Options, out string) error {
	gen, err := generate.Generate(opts)
	if err != nil {
		return usageError{err}
	}
	if out == "" {
		if _, err := stdout.Write(gen.YAML); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		out = "standard output"
	} else if err := replaceFile(out, gen.YAML); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	fmt.Fprintf(summary, "wrote %s: %d production(s), %d sessions, %d suites, %d crew, %d artistes, %d bookings, %d working days\n",
		out, gen.Productions, gen.Sessions, gen.Suites, gen.People, gen.Artistes, gen.Bookings, gen.WorkingDays)
	return nil
}

// replaceFile writes data to path through a temporary file in the same
// folder and a rename, so a reader never sees half a file.
func replaceFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
