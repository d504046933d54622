package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"
)

// ErrOverlap is returned by Apply for edits that overlap.
var ErrOverlap = errors.New("overlapping edits")

// ErrOutOfRange is returned by Apply for an edit outside the source.
var ErrOutOfRange = errors.New("edit out of range")

// Apply returns src with the applied edits made. Edits that are not
// Applied are ignored. The edits are sorted stably by (Start, End) first
// (the slice is not modified); overlapping or out-of-range edits are an
// error and nothing is applied.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	var on []Edit
	for _, e := range edits {
		if e.Applied {
			on = append(on, e)
		}
	}
	sort.SliceStable(on, func(i, j int) bool {
		if on[i].Start != on[j].Start {
			return on[i].Start < on[j].Start
		}
		return on[i].End < on[j].End
	})
	size := len(src)
	last := 0
	for _, e := range on {
		if e.Start < 0 || e.End > len(src) || e.Start > e.End {
			return nil, fmt.Errorf("pipeline: %w: %v in %d bytes", ErrOutOfRange, e.Span, len(src))
		}
		if e.Start < last {
			return nil, fmt.Errorf("pipeline: %w at %v", ErrOverlap, e.Span)
		}
		last = e.End
		size += len(e.New) - e.Len()
	}
	out := make([]byte, 0, size)
	last = 0
	for _, e := range on {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

// Applier is the last stage: Cleaned = Apply(Source, Edits).
type Applier struct{}

// Name implements Stage.
func (Applier) Name() string { return "apply" }

// Run implements Stage.
func (Applier) Run(_ context.Context, doc *Document) error {
	out, err := Apply(doc.Source, doc.Edits)
	if err != nil {
		return err
	}
	doc.Cleaned = out
	return nil
}
