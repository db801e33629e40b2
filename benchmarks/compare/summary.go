package compare

import "time"

// PeerSummary compares pencil with one peer over a family.
type PeerSummary struct {
	// Peer names the peer.
	Peer string
	// Both counts instances where both found a schedule; the means and
	// counts below are over those.
	Both int
	// PencilMean and PeerMean are the mean values.
	PencilMean, PeerMean float64
	// Ratio is PencilMean / PeerMean (below 1: pencil better); 0 when
	// PeerMean is 0.
	Ratio float64
	// Better, Equal and Worse count instances where pencil's value is
	// lower than, equal to or higher than the peer's.
	Better, Equal, Worse int
	// PencilFirst and PeerFirst are the mean times to first feasible.
	PencilFirst, PeerFirst time.Duration
	// FirstSpeedup is PeerFirst / PencilFirst (above 1: pencil faster);
	// 0 when PencilFirst is 0.
	FirstSpeedup float64
	// PeerOnly and PencilOnly count instances only one side solved.
	PeerOnly, PencilOnly int
	// PeerOptimal counts the peer's proved optima; PencilMatched counts
	// those pencil's value equals.
	PeerOptimal, PencilMatched int
	// Skipped counts instances where the peer did not run.
	Skipped int
}

// Summarize compares pencil with each peer over the report's rows.
func (r *Report) Summarize() []PeerSummary {
	out := make([]PeerSummary, len(r.Peers))
	for i, peer := range r.Peers {
		s := PeerSummary{Peer: peer}
		var pf, qf time.Duration
		for _, row := range r.Rows {
			if i >= len(row.Peers) {
				continue
			}
			p, q := row.Pencil, row.Peers[i]
			if q.Status == StatusSkipped {
				s.Skipped++
				continue
			}
			if q.Status == StatusOptimal && q.Found {
				s.PeerOptimal++
				if p.Found && p.Value == q.Value {
					s.PencilMatched++
				}
			}
			switch {
			case p.Found && q.Found:
			case p.Found:
				s.PencilOnly++
				continue
			case q.Found:
				s.PeerOnly++
				continue
			default:
				continue
			}
			s.Both++
			s.PencilMean += p.Value
			s.PeerMean += q.Value
			pf += p.FirstFeasible
			qf += q.FirstFeasible
			switch {
			case p.Value < q.Value:
				s.Better++
			case p.Value == q.Value:
				s.Equal++
			default:
				s.Worse++
			}
		}
		if s.Both > 0 {
			n := float64(s.Both)
			s.PencilMean /= n
			s.PeerMean /= n
			s.PencilFirst = pf / time.Duration(s.Both)
			s.PeerFirst = qf / time.Duration(s.Both)
		}
		if s.PeerMean != 0 {
			s.Ratio = s.PencilMean / s.PeerMean
		}
		if s.PencilFirst > 0 {
			s.FirstSpeedup = float64(s.PeerFirst) / float64(s.PencilFirst)
		}
		out[i] = s
	}
	return out
}
