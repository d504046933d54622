package pipeline

import (
	"context"
	"slices"

	"github.com/unspin/unspin/lexicon"
)

// Detect finds lexicon phrases in the token stream. It walks the lexicon's
// word trie from every word token (a trie, not a regexp alternation: one
// map look-up per token), keeps the longest phrase that has an entry whose
// conditions hold (case, previous and next word), and continues after it.
// Every entry of that phrase whose conditions hold becomes a Candidate;
// Score and Select choose among them.
type Detect struct {
	Lex *lexicon.Lexicon
}

// Name implements Stage.
func (*Detect) Name() string { return "detect" }

// Run implements Stage.
func (d *Detect) Run(ctx context.Context, doc *Document) error {
	toks := doc.Tokens
	root := d.Lex.Root()
	doc.Cands = doc.Cands[:0]
	var ok []*lexicon.Entry
	for i := 0; i < len(toks); {
		if !toks[i].Word {
			i++
			continue
		}
		n := root
		bestEnd := -1
		var best []*lexicon.Entry
		for j := i; j < len(toks); j++ {
			t := &toks[j]
			if !t.Word || (j > i && !t.Joined) {
				break
			}
			if n = n.Child(t.Norm); n == nil {
				break
			}
			ok = ok[:0]
			for _, e := range n.Entries() {
				if entryHolds(e, toks, i, j+1) {
					ok = append(ok, e)
				}
			}
			if len(ok) > 0 {
				bestEnd = j + 1
				best = append(best[:0], ok...)
			}
		}
		if bestEnd < 0 {
			i++
			continue
		}
		for _, e := range best {
			doc.Cands = append(doc.Cands, Candidate{
				At:    TextSpan{toks[i].At.Start, toks[bestEnd-1].At.End},
				Tok:   [2]int{i, bestEnd},
				Entry: e,
			})
		}
		i = bestEnd
	}
	return nil
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
			if !toks[k].Cap && !smallWords[toks[k].Norm] {
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
