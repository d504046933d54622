package lexicon

import (
	"bytes"
	"testing"
)

// TestNGramsLookLikeEnglish checks relations that hold in real English
// and would fail on broken data.
func TestNGramsLookLikeEnglish(t *testing.T) {
	g, err := DefaultNGrams()
	if err != nil {
		t.Fatal(err)
	}
	if g.Total() < 1e6 || g.Total() > 2e6 {
		t.Fatalf("Total = %d", g.Total())
	}
	for w := range g.uni {
		if g.Count(w) > g.Count("the") {
			t.Fatalf("%q (%d) is more common than \"the\" (%d)", w, g.Count(w), g.Count("the"))
		}
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"at home >> at house", g.Count2("at", "home") > 5*max(g.Count2("at", "house"), 1)},
		{"in this > on this", g.Count2("in", "this") > g.Count2("on", "this")},
		{"laws >> legal guidelines", g.Count("laws") > 10*max(g.Count2("legal", "guidelines"), 1)},
		{"sentence starts counted", g.Count2("<s>", "however") > 0},
		{"contractions joined", g.Count("don't") > 0 && g.Count("n't") == 0},
		{"imaginative and prescient is not English", g.Phrase([]string{"imaginative", "and", "prescient"}) < 1},
		{"cold war is", g.Phrase([]string{"cold", "war"}) >= 2},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: failed", c.name)
		}
	}
}

func BenchmarkCount2(b *testing.B) {
	g, err := DefaultNGrams()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g.Count2("at", "home")
	}
}

func BenchmarkParseNGrams(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseNGrams(bytesReader(ngramData)); err != nil {
			b.Fatal(err)
		}
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
