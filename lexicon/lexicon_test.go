package lexicon

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseErrorsNameEveryBadLine(t *testing.T) {
	in := strings.Join([]string{
		"# comment",
		"legal guidelines\tlaws\tprior=0.97",
		"only two\tfields",
		"",
		"x\ty\tprior=1.5",
		"same\tsame\tprior=0.5",
		"a\tb\tkind=verb prior=0.5",
		"a\tb\tprior=0.5 nokey",
		"c\td\tsrc=x",
		"legal guidelines\tlaws\tprior=0.9",
	}, "\n")
	es, err := Parse(strings.NewReader(in), "data/spun.tsv")
	if es != nil {
		t.Errorf("entries returned despite errors: %d", len(es))
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want an ErrorList", err)
	}
	want := []string{
		"lexicon: data/spun.tsv:3: want 3 tab-separated fields (spun, original, attrs), got 2",
		`lexicon: data/spun.tsv:5: prior "1.5" is not a number in [0,1]`,
		`lexicon: data/spun.tsv:6: entry maps "same" to itself`,
		`lexicon: data/spun.tsv:7: unknown kind "verb" (want word, phrase, entity, idiom or function)`,
		`lexicon: data/spun.tsv:8: attribute "nokey" is not key=value`,
		"lexicon: data/spun.tsv:9: missing prior=P",
		"lexicon: data/spun.tsv:10: duplicate of line 2",
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var one *Error
	if !errors.As(list[0], &one) || one.Line != 3 || one.File != "data/spun.tsv" {
		t.Fatalf("first error = %#v", list[0])
	}
}

func TestParseAttributes(t *testing.T) {
	in := "Chilly Struggle\tCold War\tprior=0.99 kind=entity src=curated family=A,B\n" +
		"house\thome\tprior=0.9 prev=from|At next=today notnext=prices n=12 future=yes\r\n"
	es, err := Parse(strings.NewReader(in), "t.tsv")
	if err != nil {
		t.Fatal(err)
	}
	cw, h := es[0], es[1]
	if cw.Spun != "chilly struggle" || cw.Original != "Cold War" || cw.Match != MatchTitle || cw.Kind != KindEntity || !cw.HasCapitals() {
		t.Errorf("entity entry = %+v", cw)
	}
	if fmt.Sprint(cw.Family) != "[A B]" || cw.Source != "curated" || cw.Line != 1 {
		t.Errorf("entity attrs = %+v", cw)
	}
	if fmt.Sprint(h.Prev) != "[at from]" || fmt.Sprint(h.Next) != "[today]" || fmt.Sprint(h.NotNext) != "[prices]" || h.N != 12 || h.Attrs["future"] != "yes" {
		t.Errorf("context attrs = %+v", h)
	}
	if h.ID != "house>home[prev=at|from,next=today,notnext=prices]" {
		t.Errorf("ID = %q", h.ID)
	}
	if cw.ID != "chilly_struggle>Cold_War[match=title]" {
		t.Errorf("ID = %q", cw.ID)
	}
}

func TestTrieLongestFirstAndOverride(t *testing.T) {
	base, err := Parse(strings.NewReader("court docket\tcourt\tprior=0.95\ncourt\ttribunal\tprior=0.1\nhouse\thome\tprior=0.3\n"), "base.tsv")
	if err != nil {
		t.Fatal(err)
	}
	user, err := Parse(strings.NewReader("house\thome\tprior=0.6 src=user\ncourt\ttribunal\tprior=0\n"), "user.tsv")
	if err != nil {
		t.Fatal(err)
	}
	l := New(base).With(user)
	if l.Len() != 2 {
		t.Fatalf("Len = %d, want 2 (prior=0 removes an entry)", l.Len())
	}
	if es := l.Lookup("House"); len(es) != 1 || es[0].Prior != 0.6 || es[0].Source != "user" {
		t.Fatalf("override not applied: %+v", es)
	}
	n := l.Root().Child("court")
	if n == nil || len(n.Entries()) != 0 || n.Child("docket") == nil {
		t.Fatalf("trie shape wrong")
	}
	if l.MaxWords() != 2 {
		t.Fatalf("MaxWords = %d", l.MaxWords())
	}
}

func TestLoadReportsAllFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"a.tsv": {Data: []byte("x\ty\n")},
		"b.tsv": {Data: []byte("ok\tfine\tprior=0.5\nbad\n")},
	}
	es, err := Load(fsys)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 || es != nil {
		t.Fatalf("Load = %d entries, %v", len(es), err)
	}
	if list[0].File != "a.tsv" || list[1].File != "b.tsv" || list[1].Line != 2 {
		t.Fatalf("errors = %v", list)
	}
}

// TestShippedData checks the embedded data itself: it parses, no entry
// maps to itself, no pair is listed twice across files, entries are
// stored longest first and then alphabetically, and no two entries
// rewrite each other back and forth in the same context.
func TestShippedData(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() < 3 {
		t.Fatalf("only %d entries", l.Len())
	}
	es := l.Entries()
	if !sort.SliceIsSorted(es, func(i, j int) bool { return less(es[i], es[j]) }) {
		t.Error("entries not sorted longest first, then alphabetically")
	}
	all, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	pairs := map[string]bool{}
	for _, e := range all {
		where := fmt.Sprintf("%s:%d", e.File, e.Line)
		if prev, dup := seen[e.ID]; dup {
			t.Errorf("%s: %s duplicates %s", where, e.ID, prev)
		}
		seen[e.ID] = where
		if e.Source == "" {
			t.Errorf("%s: %s has no src= provenance", where, e.ID)
		}
		pairs[e.Spun+"\t"+strings.ToLower(e.Original)+"\t"+e.conditions()] = true
	}
	for _, e := range all {
		if pairs[strings.ToLower(e.Original)+"\t"+e.Spun+"\t"+e.conditions()] && len(e.Prev)+len(e.Next) == 0 {
			t.Errorf("%s:%d: %s and its reverse are both unconditional: a cycle", e.File, e.Line, e.ID)
		}
	}
}

// FuzzParse: the parser never panics; it returns entries or an error
// list, never both; every entry is well formed.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"legal guidelines\tlaws\tprior=0.97\n",
		"# c\n\nx\ty\tprior=0.5 prev=a|b match=cap kind=entity n=3 other=1\r\n",
		"a\tb\n", "\ufeffa\tb\tprior=2", "a\ta\tprior=0.5", "\t\t\t",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := Parse(bytes.NewReader(data), "fuzz.tsv")
		if err != nil && es != nil {
			t.Fatal("entries and an error")
		}
		for _, e := range es {
			if e.Spun == "" || e.Original == "" || e.Prior < 0 || e.Prior > 1 || len(e.Words) == 0 || e.ID == "" {
				t.Fatalf("bad entry %+v", e)
			}
		}
		New(es) // building the trie must not panic either
	})
}

func TestLongConditionsHashedInID(t *testing.T) {
	line := "house\thome\tprior=0.9 prev=at|from|back|went|go|returned|stay|stayed|came\n"
	a, _ := Parse(strings.NewReader(line), "a.tsv")
	b, _ := Parse(strings.NewReader(line), "b.tsv")
	c, _ := Parse(strings.NewReader(strings.Replace(line, "came", "come", 1)), "c.tsv")
	if !strings.HasPrefix(a[0].ID, "house>home[prev#") || a[0].ID != b[0].ID || a[0].ID == c[0].ID {
		t.Fatalf("ids %q %q %q", a[0].ID, b[0].ID, c[0].ID)
	}
}

func TestFormatRoundTrip(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range l.Entries() {
		back, err := Parse(strings.NewReader(e.Format()), "x")
		if err != nil {
			t.Fatalf("%s: %v", e.Format(), err)
		}
		if b := back[0]; b.ID != e.ID || b.Prior != e.Prior && fmt.Sprintf("%.4g", b.Prior) != fmt.Sprintf("%.4g", e.Prior) || b.Kind != e.Kind || b.Match != e.Match {
			t.Fatalf("round trip of %s gave %+v", e.Format(), b)
		}
	}
}

func TestPossessive(t *testing.T) {
	es, err := Parse(strings.NewReader(strings.Join([]string{
		"invoice\tbill\tprior=0.85 next=passed|was",
		"chilly struggle\tCold War\tprior=0.9 kind=entity match=title",
		"nonetheless\thowever\tprior=0.5 kind=function",
		"that\twhich\tprior=0.3",
		"companies\tagencies\tprior=0.6",
		"firm's\tcompany's\tprior=0.6",
	}, "\n")), "t.tsv")
	if err != nil {
		t.Fatal(err)
	}
	p := es[0].Possessive()
	if p == nil || p.Spun != "invoice's" || p.Original != "bill's" || p.ID != "invoice's>bill's[next=passed|was]" ||
		p.Prior != 0.85 || strings.Join(p.Words, " ") != "invoice's" || strings.Join(p.OriginalWords(), " ") != "bill's" {
		t.Errorf("invoice: %+v", p)
	}
	if es[0].Spun != "invoice" || es[0].Words[0] != "invoice" {
		t.Errorf("the base entry changed: %+v", es[0])
	}
	if p := es[1].Possessive(); p == nil || p.Spun != "chilly struggle's" || p.Original != "Cold War's" || p.Match != MatchTitle {
		t.Errorf("entity: %+v", p)
	}
	for _, e := range es[2:] {
		if p := e.Possessive(); p != nil {
			t.Errorf("%s: a possessive makes no sense, got %s", e.ID, p.ID)
		}
	}
}
