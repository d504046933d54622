// Package align aligns a spun text with its original word by word and
// extracts the phrase pairs the spinner produced.
//
// Both texts are cut into words (letters and digits, joined across
// apostrophes, hyphens and digit separators; curly quotes folded to
// straight ones, case kept). Align computes a longest common subsequence
// over the lowercase words, then trims the alignment to the region where
// the two texts run in parallel: scraped originals carry titles, dates
// and boilerplate, and a spun excerpt may start or stop somewhere else.
// The region starts at the first run of three matched words in a row and
// ends after the last such run.
//
// Inside the region, a Gap is a maximal run of unmatched words on either
// side between two matched words: the spinner's rewrite of one phrase
// ("legal guidelines" for "laws"). Pairs turns gaps into phrase pairs for
// learning; eval uses the same alignment to score restorations.
//
// Offsets in Word are byte offsets into the text the words came from.
package align
