package align

// Alignment is a word alignment of A (spun) against B (original).
type Alignment struct {
	A, B  []Word
	Match []int // Match[i] is the index in B of A[i], or -1
	// The parallel region: A[Lo:Hi] runs alongside B[BLo:BHi].
	Lo, Hi, BLo, BHi int
}

// anchorRun is how many matched words in a row start or end the region.
const anchorRun = 3

// Align aligns a with b by a longest common subsequence of lowercase
// words, preferring matches that keep words adjacent, and trims the
// result to the parallel region.
func Align(a, b []Word) *Alignment {
	ka, kb := keys(a), keys(b)
	n, m := len(a), len(b)
	// dp[i][j] = LCS length of a[i:] and b[j:], rolling over rows is not
	// enough for the trace back, so keep the table (texts are excerpts).
	dp := make([][]int32, n+1)
	for i := range dp {
		dp[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case ka[i] == kb[j]:
				dp[i][j] = dp[i+1][j+1] + 1
			case dp[i+1][j] >= dp[i][j+1]:
				dp[i][j] = dp[i+1][j]
			default:
				dp[i][j] = dp[i][j+1]
			}
		}
	}
	al := &Alignment{A: a, B: b, Match: make([]int, n)}
	for i := range al.Match {
		al.Match[i] = -1
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case ka[i] == kb[j] && dp[i][j] == dp[i+1][j+1]+1:
			al.Match[i] = j
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	al.trim()
	return al
}

func keys(ws []Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Key()
	}
	return out
}

// run reports whether A[i:i+anchorRun] are matched to consecutive words.
func (al *Alignment) run(i int) bool {
	if i < 0 || i+anchorRun > len(al.A) {
		return false
	}
	for k := 0; k < anchorRun; k++ {
		if al.Match[i+k] < 0 || (k > 0 && al.Match[i+k] != al.Match[i+k-1]+1) {
			return false
		}
	}
	return true
}

func (al *Alignment) trim() {
	lo, hi := -1, -1
	for i := range al.A {
		if al.run(i) {
			lo = i
			break
		}
	}
	for i := len(al.A) - anchorRun; i >= 0; i-- {
		if al.run(i) {
			hi = i + anchorRun
			break
		}
	}
	if lo < 0 {
		al.Lo, al.Hi, al.BLo, al.BHi = 0, 0, 0, 0
		for i := range al.Match {
			al.Match[i] = -1
		}
		return
	}
	for i := range al.Match {
		if i < lo || i >= hi {
			al.Match[i] = -1
		}
	}
	al.Lo, al.Hi = lo, hi
	al.BLo, al.BHi = al.Match[lo], al.Match[hi-1]+1
}

// Gap is a maximal run of unmatched words inside the region, between two
// matched words (or a region edge): A[A0:A1] against B[B0:B1]. One side
// may be empty.
type Gap struct {
	A0, A1, B0, B1 int
}

// Gaps returns the gaps of the region in order.
func (al *Alignment) Gaps() []Gap {
	var out []Gap
	prevA, prevB := al.Lo-1, al.BLo-1
	for i := al.Lo; i <= al.Hi; i++ {
		j := al.BHi
		if i < al.Hi {
			if al.Match[i] < 0 {
				continue
			}
			j = al.Match[i]
		}
		if i > prevA+1 || j > prevB+1 {
			out = append(out, Gap{prevA + 1, i, prevB + 1, j})
		}
		prevA, prevB = i, j
	}
	return out
}

// Matched is the number of matched words in the region.
func (al *Alignment) Matched() int {
	n := 0
	for _, j := range al.Match {
		if j >= 0 {
			n++
		}
	}
	return n
}

// Pair is a phrase pair taken from a gap: spun words A[A0:A1] stand for
// original words B[B0:B1].
type Pair struct {
	A0, A1, B0, B1 int
}

// Pairs turns gaps into phrase pairs. A gap with one empty side (the
// spinner added or dropped words: "court docket" for "court") takes in
// the matched word before it (or after it, at the start of the region),
// so that both sides have words.
func (al *Alignment) Pairs() []Pair {
	var out []Pair
	for _, g := range al.Gaps() {
		p := Pair(g)
		if p.A0 == p.A1 || p.B0 == p.B1 {
			switch {
			case p.A0 > al.Lo:
				p.A0--
				p.B0--
			case p.A1 < al.Hi:
				p.A1++
				p.B1++
			default:
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
