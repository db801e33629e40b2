// Pencil pencils a post-production schedule: it validates project files,
// compiles and solves them, and runs the solver on published benchmarks.
//
//	pencil validate testdata/feature.yaml
//	pencil solve testdata/feature.yaml --time-limit 5s --format table
//	pencil bench psplib --instances DIR --reference FILE --time-limit 1s
//	pencil version
package main
