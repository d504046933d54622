package pipeline

import (
	"context"
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
	if err := NewSegment().Run(context.Background(), doc); err != nil {
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
	var starts []string
	for _, tk := range doc.Tokens {
		if tk.SentStart {
			starts = append(starts, text[tk.At.Start:tk.At.End])
		}
	}
	if strings.Join(starts, "|") != "Mr|He|Headline|Last" {
		t.Fatalf("sentence starts = %q", starts)
	}
}
