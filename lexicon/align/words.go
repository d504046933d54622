package align

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is one word of a text.
type Word struct {
	Text       string // the word with curly apostrophes folded to '
	Start, End int    // byte offsets into the text
}

// Key is the form words are matched on: lowercase.
func (w Word) Key() string { return strings.ToLower(w.Text) }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u2018' }

// Words cuts text into words. A word is a run of letters, digits and
// marks, joined across an apostrophe followed by a letter, a hyphen
// between word characters, and '.' or ',' between digits.
func Words(text string) []Word {
	var out []Word
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		var b strings.Builder
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				b.WriteRune(r)
				i += size
				continue
			}
			if i+size >= len(text) {
				break
			}
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			prev, _ := utf8.DecodeLastRuneInString(text[start:i])
			join := false
			switch {
			case isApostrophe(r):
				join = unicode.IsLetter(next)
			case r == '-':
				join = isWordRune(next)
			case r == '.' || r == ',':
				join = unicode.IsDigit(prev) && unicode.IsDigit(next)
			}
			if !join {
				break
			}
			if isApostrophe(r) {
				b.WriteByte('\'')
			} else {
				b.WriteRune(r)
			}
			i += size
		}
		out = append(out, Word{Text: b.String(), Start: start, End: i})
	}
	return out
}

// Texts returns the Text of each word.
func Texts(ws []Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Text
	}
	return out
}
