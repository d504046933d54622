package pipeline

import (
	"context"
	"os"
	"testing"

	"github.com/unspin/unspin/lexicon"
)

// The Score stage's per-entry cache must not grow with the number of
// articles: entity candidates get a new entry per match, so caching them
// leaked memory on long dumps.
func TestScoreCacheBounded(t *testing.T) {
	src, err := os.ReadFile("../testdata/entities/spun.txt")
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	opts, err := DefaultOptions().WithEmbeddedData()
	if err != nil {
		t.Fatal(err)
	}
	p := Default(lex, opts)
	var score *Score
	for _, st := range p.Stages() {
		if s, ok := st.(*Score); ok {
			score = s
		}
	}
	size := func() int {
		n := 0
		score.freqCache.Range(func(any, any) bool { n++; return true })
		return n
	}
	entities := 0
	for i := 0; i < 3; i++ {
		doc, err := p.Process(context.Background(), "a", "", src)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			for _, c := range doc.Cands {
				if c.Entry.Source == "gazetteer" {
					entities++
				}
			}
		}
	}
	first := size()
	for i := 0; i < 5; i++ {
		p.Process(context.Background(), "a", "", src)
	}
	if entities == 0 {
		t.Fatal("no entity candidates: the test text no longer exercises name matching")
	}
	if got := size(); got != first {
		t.Errorf("cache grew from %d to %d entries over 5 more articles", first, got)
	}
}
