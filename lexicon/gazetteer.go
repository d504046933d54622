package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Name is one entry of the gazetteer: a proper name as it is really
// written ("International Court of Justice", "Boston College").
//
// Gazetteer files (data/gazetteer*.txt, or --lexicon files ending in
// .gaz/.txt) have one name per line:
//
//	name<TAB>attrs
//	International Court of Justice	type=court src=curated
//	Boston College	type=university protect=yes src=curated
//
// attrs: type= (court, org, agency, legislature, party, war, city, place,
// university, school, media, company, event, treaty, title, document,
// program, other), src= (provenance), protect=yes for names that contain
// words a spinner writes and must never be "restored", alias= a short
// form.
type Name struct {
	Name    string   // as written
	Words   []string // lowercase words of Name (apostrophes straight)
	Type    string
	Protect bool
	Alias   string
	Source  string
	File    string
	Line    int
}

// ParseGazetteer reads names from r; like Parse, it reports every bad
// line and returns no names on error.
func ParseGazetteer(r io.Reader, file string) ([]*Name, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	var (
		out  []*Name
		errs ErrorList
		seen = map[string]int{}
	)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{File: file, Line: lineNo, Msg: fmt.Sprintf(format, args...)})
		}
		if !utf8.ValidString(line) {
			bad("invalid UTF-8")
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			bad("want 2 tab-separated fields (name, attrs), got %d", len(f))
			continue
		}
		n := &Name{Name: strings.Join(strings.Fields(f[0]), " "), File: file, Line: lineNo}
		if n.Name == "" {
			bad("empty name")
			continue
		}
		n.Words = NameWords(n.Name)
		ok := true
		for _, kv := range strings.Fields(f[1]) {
			k, v, found := strings.Cut(kv, "=")
			if !found {
				bad("attribute %q is not key=value", kv)
				ok = false
				break
			}
			switch k {
			case "type":
				n.Type = v
			case "protect":
				n.Protect = v == "yes" || v == "true" || v == "1"
			case "alias":
				n.Alias = v
			case "src":
				n.Source = v
			}
		}
		if !ok {
			continue
		}
		if prev, dup := seen[n.Name]; dup {
			bad("duplicate of line %d", prev)
			continue
		}
		seen[n.Name] = lineNo
		out = append(out, n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", file, err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// NameWords splits a name into lowercase words: letters and digits,
// joined across apostrophes (folded to ') and hyphens; other punctuation
// separates.
func NameWords(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '\u2019' || r == '-' || r == '.') && b.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			if r == '\u2019' {
				r = '\''
			}
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// Gazetteer indexes names by their words, so that a span of text is
// compared only with the names that share a word with it (or with its
// restored forms), never with all names.
type Gazetteer struct {
	names   []*Name
	byWord  map[string][]int32 // word → indexes into names
	byWords map[string]*Name   // lowercase words joined by spaces → name
	content [][]int32          // per name: its words that are not NameStopWords, in order, as word ids
	wordID  map[string]int32   // every word of a name → its id
	words   []string           // id → word
}

// NameStopWord reports whether w (lowercase) is one of the small words
// of names ("of", "the", "de", ...): too common to index a name by, and
// cheap to leave out when matching one.
func NameStopWord(w string) bool {
	switch w {
	case "of", "the", "and", "for", "de", "la", "du", "del", "a", "an", "to", "on", "in", "at":
		return true
	}
	return false
}

// NewGazetteer builds the index. Later names replace earlier ones with
// the same spelling.
func NewGazetteer(names []*Name) *Gazetteer {
	byName := map[string]int{}
	var list []*Name
	for _, n := range names {
		if i, ok := byName[n.Name]; ok {
			list[i] = n
			continue
		}
		byName[n.Name] = len(list)
		list = append(list, n)
	}
	g := &Gazetteer{names: list, byWord: map[string][]int32{}, byWords: make(map[string]*Name, len(list)), content: make([][]int32, len(list)), wordID: map[string]int32{}}
	for i, n := range list {
		g.byWords[strings.Join(n.Words, " ")] = n
		seen := map[string]bool{}
		for _, w := range n.Words {
			if NameStopWord(w) {
				continue
			}
			id, ok := g.wordID[w]
			if !ok {
				id = int32(len(g.words))
				g.wordID[w] = id
				g.words = append(g.words, w)
			}
			g.content[i] = append(g.content[i], id)
			if seen[w] {
				continue
			}
			seen[w] = true
			g.byWord[w] = append(g.byWord[w], int32(i))
		}
	}
	return g
}

// Len is the number of names.
func (g *Gazetteer) Len() int { return len(g.names) }

// Names returns all names; the slice must not be modified.
func (g *Gazetteer) Names() []*Name { return g.names }

// WithWord returns the indexes of the names that contain the lowercase
// word w.
func (g *Gazetteer) WithWord(w string) []int32 { return g.byWord[w] }

// Exact returns the name whose lowercase words are exactly words joined
// by single spaces, or nil.
func (g *Gazetteer) Exact(words string) *Name { return g.byWords[words] }

// ContentWords returns the words of name i that are not NameStopWords,
// in order (repeats kept), as word ids (see Word). The slice must not be
// modified.
func (g *Gazetteer) ContentWords(i int32) []int32 { return g.content[i] }

// WordID returns the id of w, a content word of some name; ok is false
// when no name has the word.
func (g *Gazetteer) WordID(w string) (id int32, ok bool) {
	id, ok = g.wordID[w]
	return id, ok
}

// Word returns the word with id; ids run from 0 to Words()-1.
func (g *Gazetteer) Word(id int32) string { return g.words[id] }

// Words is the number of distinct content words.
func (g *Gazetteer) Words() int { return len(g.words) }

// Name returns the name with index i.
func (g *Gazetteer) Name(i int32) *Name { return g.names[i] }

//go:embed data/*.txt
var gazData embed.FS

// LoadGazetteer parses every gazetteer*.txt file in fsys.
func LoadGazetteer(fsys fs.FS) ([]*Name, error) {
	files, err := fs.Glob(fsys, "gazetteer*.txt")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	sort.Strings(files)
	var all []*Name
	var errs ErrorList
	for _, f := range files {
		r, err := fsys.Open(f)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		ns, err := ParseGazetteer(r, f)
		r.Close()
		if el, ok := err.(ErrorList); ok {
			errs = append(errs, el...)
			continue
		}
		if err != nil {
			return nil, err
		}
		all = append(all, ns...)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return all, nil
}

var defaultGaz = sync.OnceValues(func() (*Gazetteer, error) {
	sub, err := fs.Sub(gazData, "data")
	if err != nil {
		return nil, err
	}
	ns, err := LoadGazetteer(sub)
	if err != nil {
		return nil, err
	}
	return NewGazetteer(ns), nil
})

// DefaultGazetteer returns the embedded gazetteer, parsed on first use.
func DefaultGazetteer() (*Gazetteer, error) { return defaultGaz() }
