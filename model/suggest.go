package model

import "fmt"

// maxSuggestCandidates bounds the work of one hint; longer lists get the
// fallback.
const maxSuggestCandidates = 2000

// suggest returns a did-you-mean hint naming the candidate closest to s,
// or fallback when none is close enough.
func suggest(s string, candidates []string, fallback string) string {
	if best, ok := closest(s, candidates); ok {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return fallback
}

// closest returns the candidate s is most likely a slip for, if any is
// close enough.
func closest(s string, candidates []string) (string, bool) {
	if len(candidates) > maxSuggestCandidates {
		return "", false
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		dist := editDistance(s, c)
		if bestDist < 0 || dist < bestDist {
			best, bestDist = c, dist
		}
	}
	if bestDist >= 0 && bestDist <= closeEnough(s, best) {
		return best, true
	}
	// Another form of the same word (mixing for mix, grading for grade)
	// is a likely slip too: a long shared beginning.
	for _, c := range candidates {
		n := commonPrefix(s, c)
		if n >= 3 && 10*n >= 6*min(len(s), len(c)) {
			return c, true
		}
	}
	return "", false
}

// closeEnough is the largest edit distance still taken as a typo: one
// edit for short words, up to a third of the longer word.
func closeEnough(a, b string) int {
	n := max(len(a), len(b))
	return max(1, min(3, n/3))
}

// editDistance is the optimal string alignment distance between a and b
// in bytes (Levenshtein plus swaps of neighbours, so dya→day is one edit),
// case-sensitive. Long inputs are cut short: ids are short words.
func editDistance(a, b string) int {
	const limit = 64
	if len(a) > limit {
		a = a[:limit]
	}
	if len(b) > limit {
		b = b[:limit]
	}
	// Three rows: two back (for swaps), one back, and the current one.
	back2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], back2[j-2]+1)
			}
		}
		back2, prev, cur = prev, cur, back2
	}
	return prev[len(b)]
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// hint is suggest for references, remembered per list and word: an
// episode pipeline repeats the same unknown reference once per episode,
// and a candidate list (every session of a production) is built once.
// Once the problem list is full it gives the fallback without work.
func (l *loader) hint(list string, word string, candidates func() []string, fallback string) string {
	if l.full() {
		return fallback
	}
	key := [2]string{list, word}
	if h, ok := l.hints[key]; ok {
		return h
	}
	if l.hints == nil {
		l.hints = map[[2]string]string{}
		l.lists = map[string][]string{}
	}
	cands, ok := l.lists[list]
	if !ok {
		cands = candidates()
		l.lists[list] = cands
	}
	h := suggest(word, cands, fallback)
	l.hints[key] = h
	return h
}

// Suggest returns a did-you-mean hint naming the candidate closest to s
// (a slip for it), or fallback when none is close enough: for packages
// that check ids against a project, such as what-if scenarios.
func Suggest(s string, candidates []string, fallback string) string {
	return suggest(s, candidates, fallback)
}
