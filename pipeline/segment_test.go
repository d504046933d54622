package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func words(toks []Token, text string) []string {
	var out []string
	for _, t := range toks {
		out = append(out, text[t.At.Start:t.At.End])
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want string // tokens joined by |
	}{
		{"Mexico's embassy", "Mexico's|embassy"},
		{"don't stop", "don't|stop"},
		{"left-leaning, U.S. officials", "left-leaning|,|U.S|.|officials"},
		{"1,850 refugees in 2019.", "1,850|refugees|in|2019|."},
		{"3.5 per cent", "3.5|per|cent"},
		{"the 1000's of", "the|1000's|of"},
		{"'quoted' -- dash", "'|quoted|'|-|-|dash"},
		{"caf\u00e9 na\u00efve", "caf\u00e9|na\u00efve"},
		{"end-", "end|-"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			toks, _ := tokenize(tt.text, nil)
			if got := strings.Join(words(toks, tt.text), "|"); got != tt.want {
				t.Fatalf("tokens = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokenFlags(t *testing.T) {
	text := "The CIA said.\n\nNew para\nsame para"
	toks, n := tokenize(text, nil)
	if n != 7 {
		t.Fatalf("words = %d, want 7", n)
	}
	byWord := map[string]Token{}
	for _, tk := range toks {
		byWord[text[tk.At.Start:tk.At.End]] = tk
	}
	if !byWord["The"].Cap || byWord["The"].Upper {
		t.Errorf("The: Cap=%v Upper=%v", byWord["The"].Cap, byWord["The"].Upper)
	}
	if !byWord["CIA"].Upper {
		t.Errorf("CIA not Upper")
	}
	if byWord["New"].Joined {
		t.Errorf("a token after a blank line must not be Joined")
	}
	if !byWord["same"].Joined {
		t.Errorf("a token after a single line break must be Joined")
	}
}

func TestSegmentSentences(t *testing.T) {
	text := "Mr. Smith went to Washington. He met U.S. officials there!\nHeadline without stop\nLast one."
	doc := &Document{Text: text}
	if err := (&Segment{Eager: true}).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range doc.Sentences {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{"Mr. Smith went to Washington.", "He met U.S. officials there!", "Headline without stop", "Last one."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sentences = %q, want %q", got, want)
	}
	if starts := sentStarts(doc); starts != "Mr|He|Headline|Last" {
		t.Fatalf("sentence starts = %q", starts)
	}
}

func sentStarts(doc *Document) string {
	var starts []string
	for _, tk := range doc.Tokens {
		if tk.SentStart {
			starts = append(starts, doc.Text[tk.At.Start:tk.At.End])
		}
	}
	return strings.Join(starts, "|")
}

// A lazy Segment answers SentenceStart as the eager one marks tokens,
// and runs Punkt only on paragraphs where a word follows a sentence end.
func TestSegmentLazySentenceStarts(t *testing.T) {
	texts := []string{
		"Mr. Smith went to Washington. He met U.S. officials there!\nHeadline without stop\nLast one.",
		"\"Quoted start.\" Then more... and an ellipsis\u2026 Next one? Yes! (Bracketed.) Dr. No said 3. Four.\n\n  Indented paragraph. Two.",
		"no capital start. lower case next. 1. Numbered\n* bullet. x",
	}
	files, _ := filepath.Glob("../testdata/*/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for n, text := range texts {
		eager := &Document{Text: text}
		(&Segment{Eager: true}).Run(context.Background(), eager)
		lazy := &Document{Text: text}
		NewSegment().Run(context.Background(), lazy)
		if lazy.Sentences != nil {
			t.Fatalf("text %d: a lazy Segment filled Sentences", n)
		}
		for k := range lazy.Tokens {
			if got, want := lazy.SentenceStart(k), eager.Tokens[k].SentStart; got != want {
				t.Fatalf("text %d: token %d %q: SentenceStart %v, eager %v", n, k, text[lazy.Tokens[k].At.Start:lazy.Tokens[k].At.End], got, want)
			}
		}
		if got, want := sentStarts(lazy), sentStarts(eager); got != want {
			t.Fatalf("text %d: starts after SentenceStart:\n%s\nwant\n%s", n, got, want)
		}
		all := lazy.AllSentences()
		if fmt.Sprint(all) != fmt.Sprint(eager.Sentences) {
			t.Fatalf("text %d: AllSentences differs from the eager split", n)
		}
	}
	// Punkt is not run for a word that follows no sentence end.
	doc := &Document{Text: "One paragraph. Two sentences.\nAnother paragraph here"}
	NewSegment().Run(context.Background(), doc)
	tok := func(w string) int {
		for k, tk := range doc.Tokens {
			if doc.Text[tk.At.Start:tk.At.End] == w {
				return k
			}
		}
		t.Fatalf("no token %q", w)
		return -1
	}
	if !doc.SentenceStart(tok("Another")) || doc.SentenceStart(tok("here")) || doc.SentenceStart(tok("sentences")) {
		t.Errorf("starts wrong: %s", sentStarts(doc))
	}
	if doc.lazy.done[0] || doc.lazy.done[1] {
		t.Errorf("Punkt ran for words that follow no sentence end")
	}
	if !doc.SentenceStart(tok("Two")) || !doc.lazy.done[0] || doc.lazy.done[1] {
		t.Errorf("\"Two\": start %v, paragraphs split %v", doc.SentenceStart(tok("Two")), doc.lazy.done)
	}
}
