package pipeline

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/unspin/unspin/lexicon"
)

// Detect finds lexicon phrases in the token stream. From every word
// token it walks the lexicon's word trie (one map look-up per token, not
// a regexp alternation) and emits a Candidate for every entry, of every
// phrase length, whose conditions hold (case, previous and next word).
// Candidates may overlap; Select keeps the most confident of overlapping
// ones, so a doubtful long phrase never hides a sure short one.
type Detect struct {
	Lex *lexicon.Lexicon
	Gaz *lexicon.Gazetteer // nil: no entity matching
	// People enables person-name protection with prose's NER on the
	// sentences that hold a capitalised candidate in mid-sentence.
	People bool

	possessives sync.Map // *lexicon.Entry → its Possessive (or nil), made once
}

// Name implements Stage.
func (*Detect) Name() string { return "detect" }

// Run implements Stage.
func (d *Detect) Run(ctx context.Context, doc *Document) error {
	toks := doc.Tokens
	root := d.Lex.Root()
	if cap(doc.Cands) == 0 {
		doc.Cands = make([]Candidate, 0, doc.Words/8+4)
	}
	doc.Cands = doc.Cands[:0]
	for i := range toks {
		if toks[i].Word {
			d.walk(doc, root, i, i)
		}
	}
	if d.Gaz != nil && d.Gaz.Len() > 0 {
		doc.Cands = d.entities(doc.Tokens, doc.Cands)
	}
	if d.People {
		protectPeople(doc)
	}
	protectQuotedTitles(doc)
	return nil
}

// UnmatchableWord returns the first word of e's spun phrase that no input
// can match, because the tokenizer never makes it one word token ("however,"
// or "e.g" where the tokenizer splits off the punctuation), or "" when
// every word can match. A final period or apostrophe is allowed: it
// matches the punctuation token written right after the word ("u.s.",
// "magistrates'").
func UnmatchableWord(e *lexicon.Entry) string {
	var buf [4]Token
	for _, w := range e.Words {
		stem := w
		if len(w) > 1 && isFinalMark(w[len(w)-1]) {
			stem = w[:len(w)-1]
		}
		toks, _ := tokenize(stem, buf[:0])
		if len(toks) != 1 || !toks[0].Word || toks[0].Norm != stem {
			return w
		}
	}
	return ""
}

// isFinalMark reports whether an entry word may end in c, matched by the
// punctuation token written right after the word: a period ("u.s.") or
// an apostrophe ("magistrates'"). walk and UnmatchableWord share it, so
// lint calls a word matchable exactly when Detect can match it.
func isFinalMark(c byte) bool { return c == '.' || c == '\'' }

// walk follows the lexicon trie from node n through the tokens from j on,
// for phrases that start at token i, and adds a candidate for every entry
// it reaches whose conditions hold.
func (d *Detect) walk(doc *Document, n *lexicon.Node, i, j int) {
	toks := doc.Tokens
	add := func(e *lexicon.Entry, end int) {
		if entryHolds(e, toks, i, end) {
			doc.Cands = append(doc.Cands, Candidate{
				At:    TextSpan{toks[i].At.Start, toks[end-1].At.End},
				Tok:   [2]int{i, end},
				Entry: e,
			})
		}
	}
	for ; j < len(toks); j++ {
		t := &toks[j]
		if !t.Word || (j > i && !t.Joined) {
			return
		}
		if stem, ok := possessiveStem(t.Norm); ok {
			// "invoice's": the possessive of an entry for "invoice"
			if pn := n.Child(stem); pn != nil {
				for _, e := range pn.Entries() {
					if pe := d.possessive(e); pe != nil {
						add(pe, j+1)
					}
				}
			}
		}
		if k := j + 1; k < len(toks) && !toks[k].Word && toks[k].At.Start == t.At.End {
			// "U.S." and "magistrates'" are a word and a punctuation
			// token; an entry word that ends in the same period or
			// apostrophe ("u.s. legal professional", "magistrates'
			// courtroom") takes both. Punctuation is never skipped
			// otherwise, so no phrase runs across the end of a sentence.
			if c := doc.Text[t.At.End]; isFinalMark(c) {
				if pn := n.Child(t.Norm + string(c)); pn != nil {
					for _, e := range pn.Entries() {
						add(e, k+1)
					}
					d.walk(doc, pn, i, k+1)
				}
			}
		}
		if n = n.Child(t.Norm); n == nil {
			return
		}
		for _, e := range n.Entries() {
			add(e, j+1)
		}
	}
}

// protectQuotedTitles marks candidates inside a quoted title as
// Protected: a run of two to twelve words between double quotes whose
// words are all capitalised (small words aside), such as a book or film
// title ("The Struggle for Mastery in Europe"). A spinner rewrites titles
// too, but a title is a name, and the lexicon cannot tell.
func protectQuotedTitles(doc *Document) {
	toks := doc.Tokens
	for i := 0; i < len(toks); i++ {
		if toks[i].Word || doc.Text[toks[i].At.Start] != '"' {
			continue
		}
		// find the closing quote within 12 words, on the same line
		j, words, title := i+1, 0, true
		for ; j < len(toks) && words <= 12; j++ {
			t := toks[j]
			if !t.Word {
				if doc.Text[t.At.Start] == '"' {
					break
				}
				continue
			}
			if j > i+1 && !t.Joined {
				title = false
				break
			}
			words++
			if !t.Cap && !smallWords[t.Norm] {
				title = false
			}
		}
		if j >= len(toks) || doc.Text[toks[j].At.Start] != '"' || !title || words < 2 {
			continue
		}
		name := doc.Text[toks[i].At.End:toks[j].At.Start]
		for k := range doc.Cands {
			c := &doc.Cands[k]
			if c.Protected == "" && c.Tok[0] > i && c.Tok[1] <= j {
				c.Protected = "quoted title " + name
			}
		}
		i = j
	}
}

// protectPeople marks word candidates inside person names as Protected.
// Only sentences with a candidate that starts with a capital in
// mid-sentence ("Josh Inexperienced", "Rose Normal") are given to the
// named-entity recogniser.
func protectPeople(doc *Document) {
	var tagger Tagger
	doc.AllSentences()
	si := 0
	for i := range doc.Cands {
		c := &doc.Cands[i]
		t := doc.Tokens[c.Tok[0]]
		if c.Protected != "" || c.Entry.Source == "gazetteer" || !t.Cap || t.SentStart {
			continue
		}
		for si < len(doc.Sentences) && doc.Sentences[si].End <= t.At.Start {
			si++
		}
		if si == len(doc.Sentences) {
			return
		}
		sent := doc.Sentences[si]
		// tokens of the sentence, and the people in it (asked once per sentence)
		var toks []int
		for k := range doc.Tokens {
			if doc.Tokens[k].At.Start >= sent.Start && doc.Tokens[k].At.End <= sent.End && doc.Tokens[k].Word {
				toks = append(toks, k)
			}
		}
		for _, person := range tagger.People(doc.Text[sent.Start:sent.End]) {
			for a := 0; a+len(person) <= len(toks); a++ {
				match := true
				for b, w := range person {
					if doc.Tokens[toks[a+b]].Norm != w {
						match = false
						break
					}
				}
				if !match {
					continue
				}
				first, last := toks[a], toks[a+len(person)-1]+1
				for k := range doc.Cands {
					ck := &doc.Cands[k]
					if ck.Protected == "" && ck.Tok[0] < last && first < ck.Tok[1] && ck.Entry.Source != "gazetteer" {
						ck.Protected = "person " + strings.Join(person, " ")
					}
				}
			}
		}
		// later candidates of the same sentence are already settled
		for i+1 < len(doc.Cands) && doc.Tokens[doc.Cands[i+1].Tok[0]].At.Start < sent.End {
			i++
		}
	}
}

// entities runs entity matching (see entity.go) over the capitalised
// spans and merges its results with the word candidates: an entity
// candidate replaces the word candidates it overlaps, and a word
// candidate inside a name that is real as written is marked Protected.
func (d *Detect) entities(toks []Token, cands []Candidate) []Candidate {
	covered := make([]bool, len(toks))
	for _, c := range cands {
		if toks[c.Tok[0]].Cap {
			for k := c.Tok[0]; k < c.Tok[1]; k++ {
				covered[k] = true
			}
		}
	}
	type prot struct {
		r    [2]int
		name string
	}
	var ents []Candidate
	var prots []prot
	// A span may hold several names ("the European Fee and the Worldwide
	// Atomic Power Company"): after the best match, the parts on either
	// side are searched again.
	work := nameSpans(toks, covered)
	sc := nameScratchPool.Get().(*nameScratch)
	defer nameScratchPool.Put(sc)
	for len(work) > 0 {
		sp := work[0]
		work = work[1:]
		if sp[1]-sp[0] < 2 {
			continue
		}
		best, exact := matchSpan(d.Gaz, d.Lex, toks, sp[0], sp[1], sc)
		// A restoration that takes in a shorter real name whole wins
		// over it ("Good Friday Settlement" → "Good Friday Agreement");
		// one that only overlaps a real name yields to it.
		clash := false
		for _, e := range exact {
			inside := best != nil && best.start <= e.start && e.end <= best.end && e.end-e.start < best.end-best.start
			if inside {
				continue
			}
			prots = append(prots, prot{[2]int{e.start, e.end}, e.name.Name})
			if best != nil && e.start < best.end && best.start < e.end {
				clash = true
			}
		}
		if best == nil || clash {
			continue
		}
		work = append(work, [2]int{sp[0], best.start}, [2]int{best.end, sp[1]})
		var spun []string
		for k := best.start; k < best.end; k++ {
			spun = append(spun, toks[k].Norm)
		}
		ents = append(ents, Candidate{
			At:    TextSpan{toks[best.start].At.Start, toks[best.end-1].At.End},
			Tok:   [2]int{best.start, best.end},
			Entry: entityEntry(best, strings.Join(spun, " ")),
			Cost:  best.cost,
		})
	}
	if len(ents) == 0 && len(prots) == 0 {
		return cands
	}
	// Per-token marks, not a scan of every name per candidate: a 4 MB
	// part of a text file has ~10^5 candidates and ~10^4 names.
	// inEnt[t]: a restored name covers token t; protAt[t]: 1 + the index of
	// the last protected name covering t (0: none), so that a candidate
	// gets the last protected name it overlaps.
	inEnt := make([]bool, len(toks))
	for _, e := range ents {
		for t := e.Tok[0]; t < e.Tok[1]; t++ {
			inEnt[t] = true
		}
	}
	var protAt []int
	if len(prots) > 0 {
		protAt = make([]int, len(toks))
		for i, p := range prots {
			for t := p.r[0]; t < p.r[1]; t++ {
				protAt[t] = i + 1
			}
		}
	}
	out := make([]Candidate, 0, len(cands)+len(ents))
cands:
	for _, c := range cands {
		last := 0
		for t := c.Tok[0]; t < c.Tok[1]; t++ {
			if inEnt[t] {
				continue cands
			}
			if protAt != nil {
				last = max(last, protAt[t])
			}
		}
		if last > 0 {
			c.Protected = prots[last-1].name
		}
		out = append(out, c)
	}
	out = append(out, ents...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Tok[0] < out[j].Tok[0] })
	return out
}

// possessiveStem returns w without a final "'s" ("invoice's" →
// "invoice"); ok is false when w has none.
func possessiveStem(w string) (string, bool) {
	if len(w) > 2 && strings.HasSuffix(w, "'s") {
		return w[:len(w)-2], true
	}
	return "", false
}

// possessive returns e.Possessive(), made once per entry and shared, so
// that what is cached per entry downstream (Score's freq) stays bounded.
func (d *Detect) possessive(e *lexicon.Entry) *lexicon.Entry {
	if v, ok := d.possessives.Load(e); ok {
		return v.(*lexicon.Entry)
	}
	v, _ := d.possessives.LoadOrStore(e, e.Possessive())
	return v.(*lexicon.Entry)
}

// prevWord returns the lowercase word right before token i, or "" when a
// punctuation mark or a paragraph break comes first.
func prevWord(toks []Token, i int) string {
	if i == 0 || !toks[i].Joined || !toks[i-1].Word {
		return ""
	}
	return toks[i-1].Norm
}

// nextWord returns the lowercase word right after token j-1, or "".
func nextWord(toks []Token, j int) string {
	if j >= len(toks) || !toks[j].Joined || !toks[j].Word {
		return ""
	}
	return toks[j].Norm
}

// smallWords may stay lowercase inside a title-case name.
var smallWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "at": true,
	"de": true, "del": true, "la": true, "le": true, "von": true, "van": true, "y": true,
	"to": true, "a": true, "an": true, "du": true, "da": true, "di": true,
}

// entryHolds checks an entry's case and context conditions on tokens
// [i, j).
func entryHolds(e *lexicon.Entry, toks []Token, i, j int) bool {
	switch e.Match {
	case lexicon.MatchCap:
		if !toks[i].Cap {
			return false
		}
	case lexicon.MatchTitle:
		for k := i; k < j; k++ {
			if toks[k].Word && !toks[k].Cap && !smallWords[toks[k].Norm] {
				return false
			}
		}
	case lexicon.MatchLower:
		for k := i; k < j; k++ {
			if toks[k].Cap || toks[k].Upper {
				return false
			}
		}
	}
	if len(e.Prev) > 0 || len(e.NotPrev) > 0 {
		p := prevWord(toks, i)
		if len(e.Prev) > 0 && !inSorted(e.Prev, p) {
			return false
		}
		if inSorted(e.NotPrev, p) {
			return false
		}
	}
	if len(e.Next) > 0 || len(e.NotNext) > 0 {
		n := nextWord(toks, j)
		if len(e.Next) > 0 && !inSorted(e.Next, n) {
			return false
		}
		if inSorted(e.NotNext, n) {
			return false
		}
	}
	return true
}

func inSorted(list []string, w string) bool {
	if w == "" {
		return false
	}
	_, found := slices.BinarySearch(list, w)
	return found
}
