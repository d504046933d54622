package pipeline

import "sort"

// LineIndex converts byte offsets in a source to line and column numbers.
// It is only used for output; detection works on byte offsets.
type LineIndex struct {
	starts []int // byte offset at which each line starts; starts[0] == 0
	size   int
}

// NewLineIndex indexes the lines of src. A line ends after '\n'.
func NewLineIndex(src []byte) *LineIndex {
	starts := make([]int, 1, len(src)/64+1)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{starts: starts, size: len(src)}
}

// Position returns the 1-based line and the 1-based column (a byte count)
// of offset off. An offset equal to the source length is valid (end of
// file). It panics if off is out of range: that is a broken invariant.
func (x *LineIndex) Position(off int) (line, col int) {
	if off < 0 || off > x.size {
		panic("pipeline: LineIndex.Position: offset out of range")
	}
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	return i + 1, off - x.starts[i] + 1
}

// Lines is the number of lines (a final line without '\n' counts).
func (x *LineIndex) Lines() int { return len(x.starts) }
