// Package repencil measures re-pencilling on the six-episode example
// (testdata/series.yaml): after a one-input change, how long the re-pencil
// takes, what share of the pencils it moves, and what it costs against a
// from-scratch solve of the changed input with the same search effort.
package repencil
