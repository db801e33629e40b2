package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/spf13/cobra"
)

func newValidateCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check project files",
		Long: `Check project files: parse them, validate every field and reference, and
compile them onto the slot grid (so a session whose window leaves no slot
is caught too). Every problem is printed as

  file:line:col: field: message (hint: ...)

and a valid file prints "FILE: ok" with what it holds, then any warning
(something the solver cannot enforce, such as a facility production's
budget caps).
` + exitStatusHelp,
		Example: `  pencil validate testdata/feature.yaml
  pencil validate testdata/*.yaml`,
		Args: minArgs(1, "at least one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(g.stdout, args)
		},
	}
}

// runValidate checks each file in turn, printing every problem, and
// returns an error when any file is invalid or unreadable.
func runValidate(w io.Writer, files []string) error {
	var errs []error
	for _, file := range files {
		summary, warnings, err := validateFile(file)
		var verr *model.ValidationError
		switch {
		case errors.As(err, &verr):
			for _, p := range verr.Problems {
				fmt.Fprintln(w, p)
			}
			errs = append(errs, fmt.Errorf("%s: %d problem(s): %w", file, len(verr.Problems), err))
		case err != nil:
			fmt.Fprintf(w, "%s: %v\n", file, err)
			errs = append(errs, err)
		default:
			fmt.Fprintf(w, "%s: ok (%s)\n", file, summary)
			for _, warning := range warnings {
				fmt.Fprintln(w, warning)
			}
		}
	}
	if len(errs) > 0 {
		return reportedError{errors.Join(errs...)}
	}
	return nil
}

// validateFile loads and compiles one file, summarises what it holds and
// returns what the compile had to leave out.
func validateFile(file string) (string, []string, error) {
	p, err := model.Load(file)
	if err != nil {
		return "", nil, err
	}
	c, err := compile.Compile(p, compile.Options{})
	if err != nil {
		return "", nil, err
	}
	return fmt.Sprintf("%d production(s), %d session(s), %d suite(s), %d crew, %d artiste(s), %d days from %s",
		len(p.Productions), len(p.Sessions), len(p.Suites), len(p.People), len(p.Artistes),
		c.Grid.Days, c.Grid.Day0.Format("2 Jan 2006")), c.Warnings, nil
}
