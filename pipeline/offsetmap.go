package pipeline

import (
	"sort"
	"strings"
)

// OffsetMap maps byte offsets in Document.Text back to Document.Source.
// Text equals Source except in a few changed regions (segs); between them
// the map is the identity plus the running length difference.
type OffsetMap struct {
	segs   []seg // changed regions, sorted by position, non-overlapping
	srcLen int
	txtLen int
}

// seg is one region of Source that was rewritten as a region of Text.
// A deletion has an empty txt.
type seg struct {
	src Span
	txt TextSpan
}

// Source converts a Text span to the Source span it came from. A span end
// that falls strictly inside a changed region is widened to the whole
// region, so a Source span never cuts a rewritten character in half.
func (m *OffsetMap) Source(t TextSpan) Span {
	if t.Start < 0 || t.End > m.txtLen || t.Start > t.End {
		panic("pipeline: OffsetMap.Source: span out of range")
	}
	s := Span{Start: m.pos(t.Start, false), End: m.pos(t.End, true)}
	if s.End < s.Start { // an empty span inside a seg
		s.End = s.Start
	}
	return s
}

// pos maps one Text offset. isEnd chooses how deletions at exactly off are
// treated: a start excludes the deleted bytes before it, an end excludes
// the ones after it.
func (m *OffsetMap) pos(off int, isEnd bool) int {
	// n = number of segs wholly before off.
	n := sort.Search(len(m.segs), func(i int) bool {
		s := m.segs[i]
		if isEnd {
			return !(s.txt.End < off || (s.txt.End == off && s.txt.Start < off))
		}
		return s.txt.End > off
	})
	if n < len(m.segs) {
		s := m.segs[n]
		if s.txt.Start < off && off < s.txt.End {
			if isEnd {
				return s.src.End
			}
			return s.src.Start
		}
	}
	delta := 0
	if n > 0 {
		p := m.segs[n-1]
		delta = p.src.End - p.txt.End
	}
	return off + delta
}

// Identity reports whether Text == Source.
func (m *OffsetMap) Identity() bool { return len(m.segs) == 0 }

// Changed reports whether the Source span s overlaps a rewritten region.
func (m *OffsetMap) Changed(s Span) bool {
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].src.End > s.Start })
	for ; i < len(m.segs) && m.segs[i].src.Start < s.End; i++ {
		if m.segs[i].src.Overlaps(s) {
			return true
		}
	}
	return false
}

// mapBuilder writes Text while recording every changed region. All length
// changing rewrites go through it, so one pass yields one map.
type mapBuilder struct {
	b    strings.Builder
	segs []seg
	src  int // Source bytes consumed so far
}

// keep copies Source bytes unchanged.
func (mb *mapBuilder) keep(s string) {
	mb.b.WriteString(s)
	mb.src += len(s)
}

// replace records that n Source bytes became repl in Text.
func (mb *mapBuilder) replace(n int, repl string) {
	t := mb.b.Len()
	mb.b.WriteString(repl)
	mb.segs = append(mb.segs, seg{
		src: Span{mb.src, mb.src + n},
		txt: TextSpan{t, t + len(repl)},
	})
	mb.src += n
}

func (mb *mapBuilder) finish() (string, *OffsetMap) {
	text := mb.b.String()
	return text, &OffsetMap{segs: mb.segs, srcLen: mb.src, txtLen: len(text)}
}
