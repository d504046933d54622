package pipeline

import "fmt"

// Span is a half-open byte range [Start, End) in Document.Source.
type Span struct {
	Start, End int // byte offsets into Document.Source
}

// Len is the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Overlaps reports whether s and o share at least one byte, or are the
// same empty position.
func (s Span) Overlaps(o Span) bool {
	if s.Start == s.End || o.Start == o.End {
		return s.Start == o.Start || (o.Start > s.Start && o.Start < s.End) || (s.Start > o.Start && s.Start < o.End)
	}
	return s.Start < o.End && o.Start < s.End
}

func (s Span) String() string { return fmt.Sprintf("[%d,%d)", s.Start, s.End) }

// TextSpan is a half-open byte range [Start, End) in Document.Text. Only
// OffsetMap.Source converts it to a Span.
type TextSpan struct {
	Start, End int // byte offsets into Document.Text
}

// Len is the number of bytes in the span.
func (s TextSpan) Len() int { return s.End - s.Start }
