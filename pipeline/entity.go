package pipeline

import (
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/agnivade/levenshtein"

	"github.com/unspin/unspin/lexicon"
)

// Entity matching
//
// A spinner rewrites the words inside names ("Worldwide Court docket of
// Justice"), and a name must be restored whole or left alone. Entity
// matching takes each capitalised span of the text (capitalised words,
// with the small words and the lowercase tails of spun phrases between
// them: "Court docket", "Social gathering") and compares it with the
// gazetteer names that share a word with the span or with a restored form
// of one of its words, never with all names.
//
// The comparison is a word-level edit distance in which a span may start
// and end anywhere (semi-global alignment) and the operations cost:
//
//	same word                                  0
//	a lexicon rewrite (spun phrase → original) costLexicon per phrase
//	a near spelling (agnivade/levenshtein ≤ 1 for words of 4+ letters,
//	≤ 2 for 8+, same first letter; "Nation"/"Nations") costNear
//	any other word for word                    costSubst
//	a span word left out, a name word missing  costGap (costGapSmall for of/the/and)
//
// A span that matches a name exactly is a real name as written: every
// candidate inside it is dropped, and the edits say so. A name marked
// protect=yes in the gazetteer ("Boston College") is protected the same
// way. A span that matches a name at a cost of at most maxCostPerWord per
// name word (and maxCost in all), with at least one rewrite, becomes one
// entity candidate that replaces the whole span.
const (
	costLexicon  = 0.15
	costNear     = 0.5
	costSubst    = 1.0
	costGap      = 1.0
	costGapSmall = 0.5

	maxCost        = 1.0
	maxCostPerWord = 0.34
	maxNamesToTry  = 64
)

// entityMatch is the best gazetteer name for a span.
type entityMatch struct {
	name       *lexicon.Name
	start, end int     // token range matched
	cost       float64 // alignment cost
	rewrites   int     // lexicon or near-spelling operations
}

// nameSpans returns capitalised spans of at least two words: [i, j) token
// ranges. covered marks lowercase tokens inside a spun phrase that starts
// with a capital, so "Court docket" stays one span.
func nameSpans(toks []Token, covered []bool) [][2]int {
	var out [][2]int
	for i := 0; i < len(toks); {
		if !toks[i].Word || !toks[i].Cap {
			i++
			continue
		}
		j, lastCap := i+1, i
		for j < len(toks) && toks[j].Word && toks[j].Joined {
			t := toks[j]
			if t.Cap || covered[j] {
				lastCap = j
			} else if !smallWords[t.Norm] {
				break
			}
			j++
		}
		end := lastCap + 1
		if words := end - i; words >= 2 {
			out = append(out, [2]int{i, end})
		}
		i = end
	}
	return out
}

// phrase is a lexicon rewrite available at a token: it covers n tokens
// and restores to words.
type phrase struct {
	n     int
	words []string
}

// phrasesAt lists every lexicon rewrite that starts at token a, whatever
// its conditions.
func phrasesAt(lex *lexicon.Lexicon, toks []Token, a, limit int) []phrase {
	var out []phrase
	n := lex.Root()
	for k := a; k < limit; k++ {
		if !toks[k].Word || (k > a && !toks[k].Joined) {
			break
		}
		if n = n.Child(toks[k].Norm); n == nil {
			break
		}
		for _, e := range n.Entries() {
			out = append(out, phrase{n: k - a + 1, words: e.OriginalWords()})
		}
	}
	return out
}

// near reports whether two words differ by a small spelling distance.
func near(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if min(la, lb) < 4 || abs(la-lb) > 2 || a[0] != b[0] {
		return false // inflections and slips keep the first letter
	}
	limit := 1
	if min(la, lb) >= 8 {
		limit = 2
	}
	return levenshtein.ComputeDistance(a, b) <= limit
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// alignName aligns the gazetteer name with tokens [i, j), letting the
// match start and end anywhere in the span.
// cell is one state of the alignment: the best cost of aligning the
// span from start with the first name words.
type cell struct {
	cost     float64
	start    int
	rewrites int
}

func alignName(name *lexicon.Name, toks []Token, i, j int, phrases [][]phrase, buf *[]cell) entityMatch {
	nw := name.Words
	n, m := j-i, len(nw)
	inf := math.Inf(1)
	size := (n + 1) * (m + 1)
	if cap(*buf) < size {
		*buf = make([]cell, size)
	}
	flat := (*buf)[:size]
	at := func(a, b int) *cell { return &flat[a*(m+1)+b] }
	for a := 0; a <= n; a++ {
		for b := 0; b <= m; b++ {
			*at(a, b) = cell{cost: inf}
		}
		*at(a, 0) = cell{cost: 0, start: a} // free leading span words
	}
	relax := func(a, b int, c cell) {
		if d := at(a, b); c.cost < d.cost || c.cost == d.cost && c.rewrites < d.rewrites {
			*d = c
		}
	}
	for a := 0; a <= n; a++ {
		for b := 0; b <= m; b++ {
			cur := *at(a, b)
			if math.IsInf(cur.cost, 1) {
				continue
			}
			if b < m { // a name word missing from the span
				g := costGap
				if stopWords(nw[b]) {
					g = costGapSmall
				}
				relax(a, b+1, cell{cur.cost + g, cur.start, cur.rewrites})
			}
			if a < n && b > 0 && b < m { // an extra span word inside the name
				relax(a+1, b, cell{cur.cost + costGap, cur.start, cur.rewrites})
			}
			if a >= n || b >= m {
				continue
			}
			w := toks[i+a].Norm
			switch {
			case w == nw[b]:
				relax(a+1, b+1, cell{cur.cost, cur.start, cur.rewrites})
			case near(w, nw[b]):
				relax(a+1, b+1, cell{cur.cost + costNear, cur.start, cur.rewrites + 1})
			default:
				relax(a+1, b+1, cell{cur.cost + costSubst, cur.start, cur.rewrites})
			}
			for _, p := range phrases[a] {
				if a+p.n <= n && b+len(p.words) <= m && equalWords(nw[b:b+len(p.words)], p.words) {
					relax(a+p.n, b+len(p.words), cell{cur.cost + costLexicon, cur.start, cur.rewrites + 1})
				}
			}
		}
	}
	best := entityMatch{name: name, cost: inf}
	for a := 1; a <= n; a++ {
		c := *at(a, m)
		if c.start >= a {
			continue
		}
		if c.cost < best.cost || c.cost == best.cost && a-c.start > best.end-best.start {
			best = entityMatch{name: name, start: i + c.start, end: i + a, cost: c.cost, rewrites: c.rewrites}
		}
	}
	return best
}

// stopWords are the small words of names (lexicon.NameStopWord).
func stopWords(w string) bool { return lexicon.NameStopWord(w) }

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// matchSpan finds the best restoring match and the exact (protecting)
// matches of gazetteer names in tokens [i, j).
func matchSpan(g *lexicon.Gazetteer, lex *lexicon.Lexicon, toks []Token, i, j int, sc *nameScratch) (best *entityMatch, exact []entityMatch) {
	phrases := make([][]phrase, j-i)
	rewritable := false
	for a := i; a < j; a++ {
		phrases[a-i] = phrasesAt(lex, toks, a, j)
		rewritable = rewritable || len(phrases[a-i]) > 0
	}
	exact = exactNames(g, toks, i, j)
	if !rewritable {
		// Without a lexicon rewrite in the span no name can be restored
		// (spelling slips alone are not spin): only protect real names.
		return nil, exact
	}
	// words: the span's words and every word a rewrite in it produces;
	// targets: the words rewrites produce. A name can only be restored if
	// it contains a target, and only if at least half of its content
	// words are among words; only the names of targets are looked at.
	words := map[string]bool{}
	targets := map[string]bool{}
	for a := i; a < j; a++ {
		words[toks[a].Norm] = true
		for _, p := range phrases[a-i] {
			for _, w := range p.words {
				words[w] = true
				if !stopWords(w) {
					targets[w] = true
				}
			}
		}
	}
	ts := make([]string, 0, len(targets))
	for w := range targets {
		ts = append(ts, w)
	}
	sort.Strings(ts)
	// Every content word of a name that is not among words costs at
	// least costNear (a near spelling of a span word) or else costSubst
	// or costGap; with the costLexicon or costNear a restoration needs,
	// a name can miss at most maxMisses of them and cost no more than
	// maxCost. Names that cannot pass are not aligned (nor counted in
	// maxNamesToTry).
	const maxMisses = int(maxCost / costNear)
	nearSpan := func(wid int32) bool { // memoised per word for the span
		if sc.nearSeen[wid] == sc.gen {
			return sc.nearOK[wid]
		}
		ok, w := false, g.Word(wid)
		for a := i; a < j && !ok; a++ {
			ok = near(toks[a].Norm, w)
		}
		sc.nearSeen[wid], sc.nearOK[wid] = sc.gen, ok
		return ok
	}
	seen, known := sc.reset(g.Len(), g.Words())
	for w := range words {
		if id, ok := g.WordID(w); ok {
			known[id] = sc.gen
		}
	}
	order := sc.order[:0]
	defer func() { sc.order = order[:0] }()
	for _, t := range ts {
		for _, id := range g.WithWord(t) {
			if seen[id] == sc.gen {
				continue
			}
			seen[id] = sc.gen
			name := g.Name(id)
			content := g.ContentWords(id)
			shared, misses := 0, 0
			for _, wid := range content {
				if known[wid] == sc.gen {
					shared++
					continue
				}
				if misses++; misses > maxMisses || !nearSpan(wid) {
					misses = maxMisses + 1
					break
				}
			}
			if len(name.Words) >= 2 && 2*shared >= len(content) && misses <= maxMisses {
				order = append(order, sharedName{id, shared})
			}
		}
	}
	var buf []cell
	if len(order) > maxNamesToTry {
		// Try the names that share the most words first; the order is
		// deterministic (index order breaks ties).
		sort.Slice(order, func(x, y int) bool {
			a, b := order[x], order[y]
			return a.shared > b.shared || a.shared == b.shared && a.id < b.id
		})
		order = order[:maxNamesToTry]
	}
	for _, o := range order {
		name := g.Name(o.id)
		m := alignName(name, toks, i, j, phrases, &buf)
		if math.IsInf(m.cost, 1) || m.cost == 0 {
			continue // exact matches were found above
		}
		if name.Protect || m.rewrites == 0 || m.cost > maxCost || m.cost > maxCostPerWord*float64(len(name.Words)) {
			continue
		}
		if best == nil || m.cost < best.cost || m.cost == best.cost && (m.end-m.start > best.end-best.start || m.end-m.start == best.end-best.start && m.name.Name < best.name.Name) {
			mm := m
			best = &mm
		}
	}
	return best, exact
}

// exactNames finds the sub-spans of tokens [i, j) that spell a gazetteer
// name exactly (any case), longest first and not overlapping.
func exactNames(g *lexicon.Gazetteer, toks []Token, i, j int) []entityMatch {
	var out []entityMatch
	var b strings.Builder
	for a := i; a < j; {
		found := 0
		for z := j; z > a+1 && toks[a].Cap; z-- { // a name starts with a capital: "brand new York" is not New York
			b.Reset()
			for k := a; k < z; k++ {
				if k > a {
					b.WriteByte(' ')
				}
				b.WriteString(toks[k].Norm)
			}
			if n := g.Exact(b.String()); n != nil {
				out = append(out, entityMatch{name: n, start: a, end: z})
				found = z
				break
			}
		}
		if found > 0 {
			a = found
		} else {
			a++
		}
	}
	return out
}

// nameScratch is matchSpan's reusable memory: a mark per gazetteer name
// (the names already looked at for a span carry the current generation)
// and the list of names to align.
type nameScratch struct {
	seen  []uint32 // per name
	known []uint32 // per gazetteer word: among the span's words and restorations
	// per gazetteer word: whether it is near a span word (valid when
	// nearSeen holds the current generation)
	nearSeen []uint32
	nearOK   []bool
	gen      uint32
	order    []sharedName
}

var nameScratchPool = sync.Pool{New: func() any { return new(nameScratch) }}

// reset starts a span: no name seen, no word known.
func (sc *nameScratch) reset(names, words int) (seen, known []uint32) {
	if len(sc.seen) < names || len(sc.known) < words {
		sc.seen = make([]uint32, max(names, len(sc.seen)))
		sc.known = make([]uint32, max(words, len(sc.known)))
		sc.nearSeen = make([]uint32, len(sc.known))
		sc.nearOK = make([]bool, len(sc.known))
		sc.gen = 0
	}
	sc.gen++
	if sc.gen == 0 { // wrapped: clear the old marks
		clear(sc.seen)
		clear(sc.known)
		clear(sc.nearSeen)
		sc.gen = 1
	}
	return sc.seen, sc.known
}

// sharedName is a gazetteer name and the number of its content words a
// span shares.
type sharedName struct {
	id     int32
	shared int
}

// entityPrior turns a match cost into a prior: a name restored through
// lexicon rewrites alone (cost 0.15 per rewrite) is near certain: 0.99 − 0.2·cost.
func entityPrior(cost float64) float64 {
	return math.Max(0.5, math.Min(0.98, 0.99-0.2*cost))
}

// entityEntry makes a synthetic lexicon entry for an entity restoration.
func entityEntry(m *entityMatch, spun string) *lexicon.Entry {
	return &lexicon.Entry{
		ID:       "entity:" + strings.ReplaceAll(m.name.Name, " ", "_"),
		Spun:     spun,
		Words:    strings.Fields(spun),
		Original: m.name.Name,
		Prior:    entityPrior(m.cost),
		Kind:     lexicon.KindEntity,
		Source:   "gazetteer",
		File:     m.name.File,
		Line:     m.name.Line,
	}
}
