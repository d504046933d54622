package pipeline

import (
	"context"
	"unicode/utf8"
)

// Normalize builds Document.Text, the view that detection reads, and the
// OffsetMap back to Source. It folds typographic variants that a lexicon
// should not have to spell out:
//
//	’ ‘ ‛ ′     → '
//	“ ” „ ″     → "
//	no-break space, narrow no-break space → space
//	soft hyphen, zero-width space/joiners, word joiner, BOM → removed
//
// Everything else, invalid UTF-8 included, is copied byte for byte.
type Normalize struct{}

// Name implements Stage.
func (Normalize) Name() string { return "normalize" }

// fold returns the replacement for r and whether r is folded at all.
func fold(r rune) (string, bool) {
	switch r {
	case '\u2019', '\u2018', '\u201b', '\u2032':
		return "'", true
	case '\u201c', '\u201d', '\u201e', '\u2033':
		return `"`, true
	case '\u00a0', '\u202f':
		return " ", true
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return "", true
	}
	return "", false
}

// foldString folds every rune of s as Run does.
func foldString(s string) string {
	var b []byte
	for i, r := range s {
		if repl, ok := fold(r); ok {
			if b == nil {
				b = append(b, s[:i]...)
			}
			b = append(b, repl...)
		} else if b != nil {
			b = utf8.AppendRune(b, r)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// Run implements Stage. Applied repairs (Document.Repairs, set by the
// optional Repair stage) are made in Text too, so detection reads the
// repaired text; the OffsetMap covers them like any other rewrite.
func (Normalize) Run(_ context.Context, doc *Document) error {
	src := doc.Source
	var repairs []Edit
	for _, e := range doc.Repairs {
		if e.Applied {
			repairs = append(repairs, e)
		}
	}
	// Fast path: nothing to fold in pure ASCII.
	ascii := len(repairs) == 0
	for _, b := range src {
		if !ascii {
			break
		}
		if b >= utf8.RuneSelf {
			ascii = false
		}
	}
	if ascii {
		doc.Text = string(src)
		doc.Map = &OffsetMap{srcLen: len(src), txtLen: len(src)}
		return nil
	}
	var mb mapBuilder
	mb.b.Grow(len(src))
	last, r := 0, 0
	for i := 0; i < len(src); {
		for r < len(repairs) && repairs[r].Start < i {
			r++ // a repair that does not start on a rune boundary is skipped
		}
		if r < len(repairs) && repairs[r].Start == i {
			e := repairs[r]
			mb.keep(string(src[last:i]))
			mb.replace(e.Len(), foldString(e.New))
			i, last = e.End, e.End
			r++
			continue
		}
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		ru, size := utf8.DecodeRune(src[i:])
		if repl, ok := fold(ru); ok && ru != utf8.RuneError {
			mb.keep(string(src[last:i]))
			mb.replace(size, repl)
			last = i + size
		}
		i += size
	}
	mb.keep(string(src[last:]))
	doc.Text, doc.Map = mb.finish()
	return nil
}
