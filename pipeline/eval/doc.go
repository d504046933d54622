// Package eval measures how well a pipeline restores spun text, on pairs
// of spun and original articles and on clean articles.
//
// For a pair, the spun and the original text are aligned word by word
// (lexicon/align) and trimmed to the region where they run in parallel.
// On that region, with words compared case-sensitively and curly quotes
// folded:
//
//	before     word edit distance spun → original
//	after      word edit distance restored → original
//	reduction  1 − after/before, summed over pairs before dividing
//	broken     words that matched the original and that an applied edit
//	           changed, per 1000 region words
//
// Every reported edit (applied or not) inside the region is judged: it
// is correct when making it alone brings the words between its two
// nearest matched neighbours closer to the original. Edits are bucketed
// by confidence; the expected calibration error is the bucket-size
// weighted mean of |share correct − mean confidence|.
//
// For clean articles: changed words per 1000 words (words of the old
// text of applied edits) and the share of articles that come out
// byte-identical.
//
// CrossValidate splits pairs into K folds by article group (all versions
// of one article stay in one fold), learns a lexicon from K−1 folds the
// way the shipped one is learned (Shippable) and scores the held-out
// fold, so no figure is measured on what it learned.
package eval
