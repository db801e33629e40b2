package model

import "fmt"

// suggest returns a did-you-mean hint naming the candidate closest to s,
// or fallback when none is close enough.
func suggest(s string, candidates []string, fallback string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		dist := editDistance(s, c)
		if bestDist < 0 || dist < bestDist {
			best, bestDist = c, dist
		}
	}
	if bestDist >= 0 && bestDist <= closeEnough(s, best) {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return fallback
}

// closeEnough is the largest edit distance still taken as a typo: one
// edit for short words, up to a third of the longer word.
func closeEnough(a, b string) int {
	n := max(len(a), len(b))
	return max(1, min(3, n/3))
}

// editDistance is the Levenshtein distance between a and b in bytes,
// case-sensitive. Long inputs are cut short: ids are short words.
func editDistance(a, b string) int {
	const limit = 64
	if len(a) > limit {
		a = a[:limit]
	}
	if len(b) > limit {
		b = b[:limit]
	}
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
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
