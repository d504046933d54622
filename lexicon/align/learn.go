package align

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/unspin/unspin/lexicon"
)

// Example is one aligned spun/original text pair to learn from.
type Example struct {
	ID       string
	Family   string // spinner family, "" when unknown
	Spun     string
	Original string
}

// Learned is a phrase pair seen in the examples, with its evidence.
type Learned struct {
	Spun     string   // lowercase spun phrase
	Original string   // original phrase (lowercase unless a name)
	N        int      // times the pair was seen
	Seen     int      // times the spun phrase occurs in all spun texts
	Families []string // families it was seen in
	Contexts []string // up to three "prev _ next" contexts
}

// Prior estimates how often the spun phrase, seen in a spun text, is a
// rewrite of Original: N / (Seen + 1), the +1 keeping one-off pairs
// below certainty.
func (l *Learned) Prior() float64 {
	return float64(l.N) / float64(l.Seen+1)
}

// Entry returns l as a lexicon entry with provenance src=learned.
func (l *Learned) Entry() *lexicon.Entry {
	line := fmt.Sprintf("%s\t%s\tprior=%.3f src=learned n=%d", l.Spun, l.Original, l.Prior(), l.N)
	if len(l.Families) > 0 {
		line += " family=" + strings.Join(l.Families, ",")
	}
	es, err := lexicon.Parse(strings.NewReader(line), "learned")
	if err != nil || len(es) != 1 {
		return nil
	}
	return es[0]
}

// maxPhrase bounds the words on each side of a learned pair.
const maxPhrase = 4

// Learn aligns every example and collects the phrase pairs, sorted by
// evidence (most seen first, then alphabetically).
func Learn(examples []Example) []*Learned {
	pairs := map[string]*Learned{}
	fams := map[string]map[string]bool{}
	var spunTexts [][]string
	for _, ex := range examples {
		a, b := Words(ex.Spun), Words(ex.Original)
		al := Align(a, b)
		spunTexts = append(spunTexts, keys(a))
		for _, p := range al.Pairs() {
			for _, sp := range split(al, p) {
				s := strings.ToLower(strings.Join(Texts(a[sp.A0:sp.A1]), " "))
				o := originalForm(a[sp.A0:sp.A1], b[sp.B0:sp.B1])
				if !learnable(s, o) {
					continue
				}
				k := s + "\t" + o
				l := pairs[k]
				if l == nil {
					l = &Learned{Spun: s, Original: o}
					pairs[k] = l
					fams[k] = map[string]bool{}
				}
				l.N++
				if ex.Family != "" {
					fams[k][ex.Family] = true
				}
				if len(l.Contexts) < 3 {
					l.Contexts = append(l.Contexts, context(a, sp.A0, sp.A1))
				}
			}
		}
	}
	out := make([]*Learned, 0, len(pairs))
	for k, l := range pairs {
		for f := range fams[k] {
			l.Families = append(l.Families, f)
		}
		sort.Strings(l.Families)
		l.Seen = countPhrase(spunTexts, strings.Fields(l.Spun))
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		if out[i].Spun != out[j].Spun {
			return out[i].Spun < out[j].Spun
		}
		return out[i].Original < out[j].Original
	})
	return out
}

// split cuts a pair of equal, longer-than-maxPhrase length into
// word-for-word pairs; other pairs stay whole.
func split(al *Alignment, p Pair) []Pair {
	na, nb := p.A1-p.A0, p.B1-p.B0
	if na == nb && na > 2 {
		out := make([]Pair, 0, na)
		for k := 0; k < na; k++ {
			out = append(out, Pair{p.A0 + k, p.A0 + k + 1, p.B0 + k, p.B0 + k + 1})
		}
		return out
	}
	if na > maxPhrase || nb > maxPhrase {
		return nil
	}
	return []Pair{p}
}

// originalForm writes the original phrase in lowercase when its
// capitals only mirror the spun phrase's (sentence case), and as written
// when it carries capitals of its own (a name).
func originalForm(a, b []Word) string {
	o := strings.Join(Texts(b), " ")
	if sameCaseShape(a, b) {
		return strings.ToLower(o)
	}
	return o
}

func sameCaseShape(a, b []Word) bool {
	capA := len(a) > 0 && startsUpper(a[0].Text)
	capB := len(b) > 0 && startsUpper(b[0].Text)
	if capA != capB {
		return false
	}
	for _, w := range b[1:] {
		if startsUpper(w.Text) {
			return false
		}
	}
	return true
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// learnable rejects pairs that are not word rewrites: numbers, identity,
// lone articles.
func learnable(s, o string) bool {
	if s == "" || o == "" || strings.EqualFold(s, o) {
		return false
	}
	for _, r := range s + o {
		if unicode.IsDigit(r) {
			return false
		}
	}
	switch s {
	case "a", "an", "the":
		return false
	}
	// One function word for another ("to" for "as", "on" for "at") is
	// rewording between versions, too common to restore without a
	// spinner's telltale.
	if functionWords[s] && functionWords[o] {
		return false
	}
	return len(strings.Fields(s)) <= 3
}

var functionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the to as that who whom which what on at in of for with by from
		had have has was were is are be been being after and but or nor then these those this it its
		their his her they we he she you i because so if when while than there here would could can
		will may might should must shall each every some any all both either neither not no about
		over into onto up down out off do does did`) {
		functionWords[w] = true
	}
}

func context(a []Word, i, j int) string {
	prev, next := "^", "$"
	if i > 0 {
		prev = a[i-1].Key()
	}
	if j < len(a) {
		next = a[j].Key()
	}
	return prev + " _ " + next
}

// countPhrase counts occurrences of words in texts.
func countPhrase(texts [][]string, words []string) int {
	n := 0
	for _, t := range texts {
	outer:
		for i := 0; i+len(words) <= len(t); i++ {
			for k, w := range words {
				if t[i+k] != w {
					continue outer
				}
			}
			n++
		}
	}
	return n
}
