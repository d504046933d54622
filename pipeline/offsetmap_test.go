package pipeline

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func normalized(t testing.TB, src string) *Document {
	t.Helper()
	doc := NewDocument("t", "", []byte(src))
	if err := (Normalize{}).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestNormalizeFolds(t *testing.T) {
	tests := []struct {
		name, src, text string
		lead            int // deleted bytes at the start
	}{
		{"ascii", "plain text", "plain text", 0},
		{"curly apostrophe", "Mexico\u2019s", "Mexico's", 0},
		{"curly quotes", "\u201cyes\u201d", `"yes"`, 0},
		{"nbsp", "a\u00a0b", "a b", 0},
		{"soft hyphen removed", "gov\u00adernment", "government", 0},
		{"zero width removed", "a\u200bb", "ab", 0},
		{"bom removed", "\ufeffHello", "Hello", 3},
		{"invalid utf8 kept", "a\xffb\u2019", "a\xffb'", 0},
		{"other unicode kept", "caf\u00e9 \u2013 na\u00efve", "caf\u00e9 \u2013 na\u00efve", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := normalized(t, tt.src)
			if doc.Text != tt.text {
				t.Fatalf("Text = %q, want %q", doc.Text, tt.text)
			}
			whole := doc.Map.Source(TextSpan{0, len(doc.Text)})
			if whole != (Span{tt.lead, len(tt.src)}) {
				t.Fatalf("whole text maps to %v, want [%d,%d)", whole, tt.lead, len(tt.src))
			}
		})
	}
}

func TestOffsetMapSource(t *testing.T) {
	// "I’m here" : ’ is 3 bytes in Source, 1 in Text.
	doc := normalized(t, "I\u2019m here")
	tests := []struct {
		name string
		in   TextSpan
		want Span
	}{
		{"before", TextSpan{0, 1}, Span{0, 1}},
		{"the folded rune", TextSpan{1, 2}, Span{1, 4}},
		{"word across it", TextSpan{0, 3}, Span{0, 5}},
		{"after it", TextSpan{4, 8}, Span{6, 10}},
		{"empty at end", TextSpan{8, 8}, Span{10, 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := doc.Map.Source(tt.in); got != tt.want {
				t.Fatalf("Source(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestOffsetMapDeletion(t *testing.T) {
	// soft hyphen (2 bytes) deleted between "gov" and "ernment"
	doc := normalized(t, "a gov\u00adernment b")
	if doc.Text != "a government b" {
		t.Fatalf("Text = %q", doc.Text)
	}
	if got := doc.Map.Source(TextSpan{2, 12}); got != (Span{2, 14}) {
		t.Fatalf("word across deletion = %v, want [2,14)", got)
	}
	// A span ending exactly at the deletion excludes it; one starting
	// there excludes it too.
	if got := doc.Map.Source(TextSpan{2, 5}); got != (Span{2, 5}) {
		t.Fatalf("span ending at deletion = %v, want [2,5)", got)
	}
	if got := doc.Map.Source(TextSpan{5, 12}); got != (Span{7, 14}) {
		t.Fatalf("span starting at deletion = %v, want [7,14)", got)
	}
}

// FuzzOffsetMap checks that the map is monotonic, in bounds, the identity
// plus a constant between changed regions, and that unchanged text maps
// to identical bytes.
func FuzzOffsetMap(f *testing.F) {
	for _, s := range []string{"", "abc", "I\u2019m", "\u201cq\u201d \u00ad\u200b x", "\xff\u2019\xfe", "a\u00a0b\ufeff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc := normalized(t, src)
		m := doc.Map
		prev := Span{}
		for i := 0; i <= len(doc.Text); i++ {
			s := m.Source(TextSpan{i, i})
			if s.Start < 0 || s.End > len(src) || s.Start > s.End {
				t.Fatalf("offset %d maps out of bounds: %v", i, s)
			}
			if s.Start < prev.Start {
				t.Fatalf("not monotonic at %d: %v after %v", i, s, prev)
			}
			prev = s
		}
		// Every Text byte outside a changed region equals its Source byte.
		for i := 0; i < len(doc.Text); i++ {
			s := m.Source(TextSpan{i, i + 1})
			if s.Len() == 1 && !m.Changed(s) && src[s.Start] != doc.Text[i] {
				t.Fatalf("byte %d: text %q, source %q", i, doc.Text[i], src[s.Start])
			}
		}
		if utf8.ValidString(src) && !strings.ContainsAny(src, "\u2019\u2018\u201b\u2032\u201c\u201d\u201e\u2033\u00a0\u202f\u00ad\u200b\u200c\u200d\u2060\ufeff") {
			if doc.Text != src || !m.Identity() {
				t.Fatalf("nothing to fold, but Text %q != %q", doc.Text, src)
			}
		}
	})
}
