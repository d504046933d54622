package lexicon

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
)

// Kind classifies an entry; reports group edits by it.
type Kind string

// Entry kinds.
const (
	KindWord     Kind = "word"
	KindPhrase   Kind = "phrase"
	KindEntity   Kind = "entity"
	KindIdiom    Kind = "idiom"
	KindFunction Kind = "function"
)

var kinds = map[Kind]bool{KindWord: true, KindPhrase: true, KindEntity: true, KindIdiom: true, KindFunction: true}

// Match restricts the capitalisation of input that an entry applies to.
type Match string

// Case requirements.
const (
	MatchAny   Match = ""
	MatchCap   Match = "cap"   // first letter of the input is upper case
	MatchTitle Match = "title" // every word of the input starts upper case
	MatchLower Match = "lower" // the input has no upper-case letter
)

// Entry is one spun phrase and the original it restores.
type Entry struct {
	ID       string   // stable rule id: "spun>original[conditions]", see setID
	Spun     string   // lowercase, single spaces, straight apostrophes
	Words    []string // Spun split on spaces
	Original string   // replacement as written in the file
	Prior    float64  // in [0,1]
	Kind     Kind
	Family   []string
	Source   string // provenance (src=)
	Match    Match
	Prev     []string // only after one of these words; empty: any
	Next     []string
	NotPrev  []string
	NotNext  []string
	N        int               // evidence count, for learned entries
	Attrs    map[string]string // unknown keys, kept verbatim
	File     string            // where the entry was read
	Line     int               // 1-based line in File

	origWords []string // cache of OriginalWords
}

// OriginalWords returns the lowercase words of Original (see NameWords),
// computed once when the entry is parsed or built into a Lexicon.
func (e *Entry) OriginalWords() []string {
	if e.origWords == nil {
		return NameWords(e.Original)
	}
	return e.origWords
}

// HasCapitals reports whether Original carries its own capitals (a name),
// in which case the replacement keeps them rather than copying the input's.
func (e *Entry) HasCapitals() bool {
	return strings.ToLower(e.Original) != e.Original
}

// key identifies an entry for overriding: the pair and its conditions.
func (e *Entry) key() string { return e.ID }

// conditions renders the case and context conditions, "" when none.
func (e *Entry) conditions() string {
	var parts []string
	if e.Match != MatchAny {
		parts = append(parts, "match="+string(e.Match))
	}
	for _, c := range []struct {
		k string
		v []string
	}{{"prev", e.Prev}, {"next", e.Next}, {"notprev", e.NotPrev}, {"notnext", e.NotNext}} {
		if len(c.v) > 0 {
			parts = append(parts, c.k+"="+strings.Join(c.v, "|"))
		}
	}
	return strings.Join(parts, ",")
}

// setID sets the rule id: "spun>original" with spaces as '_', followed,
// when the entry has conditions, by them in brackets: written out when
// short ("house>home[prev=at|from]"), else as their kinds and a hash of
// the whole ("house>home[prev#3f2a91c0]"), so that two entries for the
// same pair in different contexts have different, stable ids.
func (e *Entry) setID() {
	e.ID = strings.ReplaceAll(e.Spun, " ", "_") + ">" + strings.ReplaceAll(e.Original, " ", "_")
	c := e.conditions()
	switch {
	case c == "":
	case len(c) <= 40:
		e.ID += "[" + c + "]"
	default:
		var kinds []string
		for _, part := range strings.Split(c, ",") {
			k, _, _ := strings.Cut(part, "=")
			kinds = append(kinds, k)
		}
		h := fnv.New32a()
		h.Write([]byte(c))
		e.ID += fmt.Sprintf("[%s#%08x]", strings.Join(kinds, ","), h.Sum32())
	}
}

// Lexicon is an immutable, indexed set of entries. It is safe for
// concurrent use.
type Lexicon struct {
	entries []*Entry // sorted: longest spun first (in words), then spun, then original
	root    *Node
	maxLen  int
}

// Node is a node of the word trie over spun phrases. The root has no
// entries; a node reached by words w1..wn holds the entries whose spun
// phrase is exactly w1..wn.
type Node struct {
	children map[string]*Node
	entries  []*Entry
}

// Child returns the node reached by one more (lowercase) word, or nil.
func (n *Node) Child(word string) *Node {
	if n == nil || n.children == nil {
		return nil
	}
	return n.children[word]
}

// Entries returns the entries whose spun phrase ends at n, in file order
// of precedence (higher prior first).
func (n *Node) Entries() []*Entry {
	if n == nil {
		return nil
	}
	return n.entries
}

// New builds a lexicon from entries. Later entries with the same (spun,
// original) pair replace earlier ones; an entry with Prior 0 removes the
// pair.
func New(entries []*Entry) *Lexicon {
	byKey := make(map[string]int, len(entries))
	var list []*Entry
	for _, e := range entries {
		k := e.key()
		if i, ok := byKey[k]; ok {
			list[i] = e
			continue
		}
		byKey[k] = len(list)
		list = append(list, e)
	}
	kept := list[:0]
	for _, e := range list {
		if e.Prior > 0 {
			kept = append(kept, e)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return less(kept[i], kept[j]) })
	l := &Lexicon{entries: kept, root: &Node{}}
	for _, e := range kept {
		n := l.root
		for _, w := range e.Words {
			if n.children == nil {
				n.children = make(map[string]*Node)
			}
			c := n.children[w]
			if c == nil {
				c = &Node{}
				n.children[w] = c
			}
			n = c
		}
		n.entries = append(n.entries, e)
		if len(e.Words) > l.maxLen {
			l.maxLen = len(e.Words)
		}
	}
	l.walk(l.root, func(n *Node) {
		sort.SliceStable(n.entries, func(i, j int) bool { return n.entries[i].Prior > n.entries[j].Prior })
	})
	return l
}

// less orders entries longest spun phrase first, then alphabetically.
func less(a, b *Entry) bool {
	if len(a.Words) != len(b.Words) {
		return len(a.Words) > len(b.Words)
	}
	if a.Spun != b.Spun {
		return a.Spun < b.Spun
	}
	return a.Original < b.Original
}

func (l *Lexicon) walk(n *Node, fn func(*Node)) {
	fn(n)
	keys := make([]string, 0, len(n.children))
	for k := range n.children {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		l.walk(n.children[k], fn)
	}
}

// Root returns the root of the word trie.
func (l *Lexicon) Root() *Node { return l.root }

// MaxWords is the length in words of the longest spun phrase.
func (l *Lexicon) MaxWords() int { return l.maxLen }

// Entries returns all entries, longest spun phrase first, then in
// alphabetical order. The slice must not be modified.
func (l *Lexicon) Entries() []*Entry { return l.entries }

// Len is the number of entries.
func (l *Lexicon) Len() int { return len(l.entries) }

// Lookup returns the entries for an exact spun phrase (any case).
func (l *Lexicon) Lookup(spun string) []*Entry {
	n := l.root
	for _, w := range strings.Fields(strings.ToLower(spun)) {
		n = n.Child(w)
		if n == nil {
			return nil
		}
	}
	return n.Entries()
}

// With returns a lexicon with the entries of l, replaced or extended by
// over (as returned by Parse). An entry of over with Prior 0 removes the
// pair from the result.
func (l *Lexicon) With(over []*Entry) *Lexicon {
	all := make([]*Entry, 0, len(l.entries)+len(over))
	all = append(all, l.entries...)
	all = append(all, over...)
	return New(all)
}

// Format renders the entry as one line of the file format (without the
// newline), so that Parse(Format(e)) gives the same entry.
func (e *Entry) Format() string {
	attrs := []string{fmt.Sprintf("prior=%.4g", e.Prior)}
	if e.Kind != "" && !(e.Kind == KindWord && len(e.Words) == 1) && !(e.Kind == KindPhrase && len(e.Words) > 1) {
		attrs = append(attrs, "kind="+string(e.Kind))
	}
	if len(e.Family) > 0 {
		attrs = append(attrs, "family="+strings.Join(e.Family, ","))
	}
	if e.Source != "" {
		attrs = append(attrs, "src="+e.Source)
	}
	if e.Match != MatchAny {
		attrs = append(attrs, "match="+string(e.Match))
	}
	for _, c := range []struct {
		k string
		v []string
	}{{"prev", e.Prev}, {"next", e.Next}, {"notprev", e.NotPrev}, {"notnext", e.NotNext}} {
		if len(c.v) > 0 {
			attrs = append(attrs, c.k+"="+strings.Join(c.v, "|"))
		}
	}
	if e.N > 0 {
		attrs = append(attrs, fmt.Sprintf("n=%d", e.N))
	}
	keys := make([]string, 0, len(e.Attrs))
	for k := range e.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		attrs = append(attrs, k+"="+e.Attrs[k])
	}
	return e.Spun + "\t" + e.Original + "\t" + strings.Join(attrs, " ")
}

// notPossessive are spun words whose "'s" is a contraction of is or has
// ("it's", "that's"), never a possessive to carry over.
var notPossessive = map[string]bool{
	"it": true, "that": true, "there": true, "here": true, "what": true, "who": true, "where": true,
	"he": true, "she": true, "let": true, "how": true, "when": true, "why": true, "this": true,
}

// Possessive returns the entry for the possessive of e's phrase:
// "invoice's" → "bill's" from "invoice" → "bill", with e's prior, kind,
// conditions and provenance, and the id "invoice's>bill's". It returns
// nil when a possessive makes no sense: function words, a spun phrase
// already ending in 's or s, a pronoun ("it's" is "it is").
func (e *Entry) Possessive() *Entry {
	last := e.Words[len(e.Words)-1]
	if e.Kind == KindFunction || strings.HasSuffix(last, "'s") || strings.HasSuffix(e.Original, "'s") ||
		strings.HasSuffix(e.Original, "'") || notPossessive[last] || strings.HasSuffix(last, "s") {
		return nil
	}
	p := *e
	p.Spun = e.Spun + "'s"
	p.Words = append(append([]string(nil), e.Words[:len(e.Words)-1]...), last+"'s")
	p.Original = e.Original + "'s"
	p.origWords = NameWords(p.Original)
	p.Attrs = nil
	p.setID()
	return &p
}
