package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a problem on one line of a lexicon file.
type Error struct {
	File string // file name as given to Parse
	Line int    // 1-based line number
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("lexicon: %s:%d: %s", e.File, e.Line, e.Msg)
}

// ErrorList is every problem found in one or more files, in file and line
// order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// maxLine bounds one lexicon line; longer lines are reported, not read.
const maxLine = 64 << 10

// Parse reads entries from r. name is used in entries and errors. On any
// bad line Parse returns nil entries and an ErrorList naming every bad
// line; an I/O error ends the read and is returned wrapped.
func Parse(r io.Reader, name string) ([]*Entry, error) {
	br := bufio.NewReader(r)
	var (
		entries []*Entry
		errs    ErrorList
		seen    = map[string]int{}
	)
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			if e, msg := parseLine(line, name, lineNo); msg != "" {
				errs = append(errs, &Error{File: name, Line: lineNo, Msg: msg})
			} else if e != nil {
				if prev, dup := seen[e.key()]; dup {
					errs = append(errs, &Error{File: name, Line: lineNo, Msg: fmt.Sprintf("duplicate of line %d", prev)})
				} else {
					seen[e.key()] = lineNo
					entries = append(entries, e)
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", name, err)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return entries, nil
}

// parseLine parses one line. It returns (nil, "") for blank and comment
// lines and a non-empty message for a bad line.
func parseLine(line, file string, lineNo int) (*Entry, string) {
	line = strings.TrimSuffix(line, "\n")
	line = strings.TrimSuffix(line, "\r")
	if lineNo == 1 {
		line = strings.TrimPrefix(line, "\ufeff")
	}
	if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
		return nil, ""
	}
	if len(line) > maxLine {
		return nil, fmt.Sprintf("line longer than %d bytes", maxLine)
	}
	if !utf8.ValidString(line) {
		return nil, "invalid UTF-8"
	}
	f := strings.Split(line, "\t")
	if len(f) != 3 {
		return nil, fmt.Sprintf("want 3 tab-separated fields (spun, original, attrs), got %d", len(f))
	}
	spun := normPhrase(f[0])
	orig := strings.Join(strings.Fields(f[1]), " ")
	if spun == "" {
		return nil, "empty spun phrase"
	}
	if orig == "" {
		return nil, "empty original phrase"
	}
	if strings.EqualFold(spun, orig) {
		return nil, fmt.Sprintf("entry maps %q to itself", spun)
	}
	e := &Entry{
		Spun:     spun,
		Words:    strings.Split(spun, " "),
		Original: orig,
		Prior:    -1,
		File:     file,
		Line:     lineNo,
	}
	for _, kv := range strings.Fields(f[2]) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Sprintf("attribute %q is not key=value", kv)
		}
		switch k {
		case "prior":
			p, err := strconv.ParseFloat(v, 64)
			if err != nil || p < 0 || p > 1 {
				return nil, fmt.Sprintf("prior %q is not a number in [0,1]", v)
			}
			e.Prior = p
		case "kind":
			if !kinds[Kind(v)] {
				return nil, fmt.Sprintf("unknown kind %q (want word, phrase, entity, idiom or function)", v)
			}
			e.Kind = Kind(v)
		case "family":
			e.Family = splitList(v, ",")
		case "src":
			e.Source = v
		case "match":
			switch Match(v) {
			case MatchCap, MatchTitle, MatchLower:
				e.Match = Match(v)
			default:
				return nil, fmt.Sprintf("unknown match %q (want cap, title or lower)", v)
			}
		case "prev":
			e.Prev = splitWords(v)
		case "next":
			e.Next = splitWords(v)
		case "notprev":
			e.NotPrev = splitWords(v)
		case "notnext":
			e.NotNext = splitWords(v)
		case "n":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, fmt.Sprintf("n %q is not a count", v)
			}
			e.N = n
		default:
			if e.Attrs == nil {
				e.Attrs = map[string]string{}
			}
			e.Attrs[k] = v
		}
	}
	if e.Prior < 0 {
		return nil, "missing prior=P"
	}
	if e.Kind == "" {
		e.Kind = KindWord
		if len(e.Words) > 1 {
			e.Kind = KindPhrase
		}
	}
	if e.Match == MatchAny && hasUpper(f[0]) {
		// A capitalised spun phrase in the file means the capitals matter.
		e.Match = MatchCap
		if allWordsCapitalised(f[0]) && len(e.Words) > 1 {
			e.Match = MatchTitle
		}
	}
	e.setID()
	e.origWords = NameWords(orig)
	return e, ""
}

// normPhrase lowercases, folds curly apostrophes and collapses spaces.
func normPhrase(s string) string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func splitList(v, sep string) []string {
	var out []string
	for _, x := range strings.Split(v, sep) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func splitWords(v string) []string {
	out := splitList(strings.ToLower(v), "|")
	sort.Strings(out)
	return out
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func allWordsCapitalised(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// Load parses every *.tsv file in fsys (in lexical order). Every bad line
// of every file is reported; on error no entries are returned.
func Load(fsys fs.FS) ([]*Entry, error) {
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	sort.Strings(names)
	var (
		all  []*Entry
		errs ErrorList
	)
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		es, err := Parse(f, path.Clean(name))
		f.Close()
		var el ErrorList
		switch {
		case errors.As(err, &el):
			errs = append(errs, el...)
		case err != nil:
			return nil, err
		}
		all = append(all, es...)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return all, nil
}
