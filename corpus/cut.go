package corpus

import (
	"bytes"
	"unicode/utf8"
)

// Cut returns where the piece that starts at start should end: after the
// last paragraph break ("\n") within maxChunk bytes, else after the last
// sentence end (". "), else at the last space, else at maxChunk (moved
// back to a UTF-8 boundary); a break in the first half of the window is
// not taken, so pieces are at least maxChunk/2 long. Huge text files are read in pieces cut so
// (Options.MaxText), and the pipeline cuts huge articles so.
func Cut(src []byte, start, maxChunk int) int {
	limit := start + maxChunk
	if limit >= len(src) {
		return len(src)
	}
	window := src[start:limit]
	min := maxChunk / 2 // never cut pieces shorter than half a chunk
	if i := bytes.LastIndexByte(window, '\n'); i >= min {
		return start + i + 1
	}
	if i := bytes.LastIndex(window, []byte(". ")); i >= min {
		return start + i + 2
	}
	if i := bytes.LastIndexByte(window, ' '); i >= min {
		return start + i + 1
	}
	end := limit
	for end > start && !utf8.RuneStart(src[end]) {
		end--
	}
	return end
}
