// Package model holds the post-production domain — productions, calendars,
// suites, people, artistes, sessions, episode pipelines, budgets and
// bookings — and reads it from YAML project files and CSV imports, reporting
// every problem with its file, line, column and field.
//
// The entry point is Load:
//
//	proj, err := model.Load("testdata/feature.yaml")
//	var verr *model.ValidationError
//	if errors.As(err, &verr) {
//		for _, p := range verr.Problems {
//			fmt.Println(p) // testdata/feature.yaml:12:5: suites[2].rate.day: ...
//		}
//	}
//
// The project file format is described in docs/project-file.md.
package model
