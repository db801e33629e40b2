// Package report draws schedules and what-if comparisons for people: a
// Gantt chart per suite and per person (SVG, or a self-contained HTML
// page), cost-against-delivery and cost-by-department charts (PNG or SVG,
// with gonum.org/v1/plot), one HTML page for the producer, and XLSX
// workbooks (with github.com/xuri/excelize/v2).
//
//	err := report.WriteGanttHTML(w, schedule, report.Origin{Committed: true, Run: 7, At: at})
//	err = report.WriteComparisonHTML(w, comparison)
//	err = report.WriteScheduleXLSX(w, schedule, report.Origin{})
package report
