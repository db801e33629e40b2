package store

import (
	"context"
	"fmt"
	"strings"
)

// batchRows is how many rows one multi-row INSERT carries: 100 bookings
// of 16 columns are 1,600 parameters, well inside SQLite's 32,766 and
// PostgreSQL's 65,535.
const batchRows = 100

// batch collects the rows of a multi-row INSERT and writes them batchRows
// at a time. Rows are written in the order they were added, so ids given
// by the database rise in that order.
type batch struct {
	head string // "INSERT INTO t (cols) VALUES "
	tail string // what follows the rows, such as ON CONFLICT
	cols int
	args []any
	ids  []any // the first value of each pending row, for errors
}

// newBatch starts a batch of rows of cols values each.
func newBatch(head string, cols int, tail string) *batch {
	return &batch{head: head, tail: tail, cols: cols}
}

// add queues one row, writing the batch when it is full.
func (b *batch) add(ctx context.Context, tx dbtx, vals ...any) error {
	if len(vals) != b.cols {
		return fmt.Errorf("store: batch row has %d values, want %d", len(vals), b.cols)
	}
	b.args = append(b.args, vals...)
	b.ids = append(b.ids, vals[0])
	if len(b.ids) == batchRows {
		return b.flush(ctx, tx)
	}
	return nil
}

// flush writes the queued rows.
func (b *batch) flush(ctx context.Context, tx dbtx) error {
	n := len(b.ids)
	if n == 0 {
		return nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	var q strings.Builder
	q.Grow(len(b.head) + n*(len(row)+2) + len(b.tail) + 1)
	q.WriteString(b.head)
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
	if b.tail != "" {
		q.WriteString(" ")
		q.WriteString(b.tail)
	}
	if _, err := tx.ExecContext(ctx, q.String(), b.args...); err != nil {
		return fmt.Errorf("rows %v to %v: %w", b.ids[0], b.ids[n-1], err)
	}
	b.args, b.ids = b.args[:0], b.ids[:0]
	return nil
}
