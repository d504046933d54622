// Package pipeline restores synonym-spun text: it finds the phrases a
// spinner wrote, scores each possible edit, and applies the confident
// ones, without ever rewriting the user's bytes to find them.
//
// # Stages
//
// Default builds, in this order:
//
//	repair     (optional, Options.Repair) scraping damage → Document.Repairs
//	normalize  Source → Text + OffsetMap (curly quotes, no-break spaces,
//	           soft hyphens folded; applied repairs made)
//	segment    Text → Sentences (prose's Punkt model) and Tokens (our own
//	           scanner, so every token keeps its byte offsets)
//	detect     Tokens → Cands: every lexicon phrase of every length whose
//	           conditions hold (a word trie, one map look-up per token),
//	           names matched whole against the gazetteer (entity.go),
//	           candidates inside real names, quoted titles and, on request,
//	           person names marked Protected
//	score      Cands → features, terms and confidence (score.go); the
//	           article's spin probability
//	select     Cands → Edits: best first among overlapping candidates,
//	           Source offsets, case copied, a/an agreement, repairs merged
//	apply      Edits → Cleaned = Apply(Source, applied edits)
//
// Each Stage fills the Document fields it owns and never writes Source;
// Pipeline.Run stops at the first error ("stage: cause") and checks the
// context between stages.
//
// # Two coordinate systems
//
// Source is the user's input, byte for byte. Text is the normalized view
// that detection reads. TextSpan indexes Text, Span indexes Source, and
// only OffsetMap.Source turns one into the other: between rewritten
// regions it is the identity plus a running difference, and a span end
// inside a rewritten region is widened to the whole region. Every offset
// unspin publishes (Edit, EditRecord) is a byte offset into Source;
// line and column (1-based, the column counting bytes) are computed from
// LineIndex only for output.
//
// # Invariants
//
// For every Document a pipeline returns: Edits are sorted by (Start, End)
// and do not overlap; Edit.Old == Source[Start:End]; Confidence is the
// logistic of the sum of Score; Apply(Source, Edits) == Cleaned; every
// byte outside an applied edit is unchanged. The tests check them on
// every golden file and under fuzzing (FuzzPipeline). Output depends only
// on the input: no map is ranged over when writing, candidates are
// ordered, and the same bytes come out for any number of workers.
//
// Articles longer than MaxChunk are processed in pieces by ProcessLarge,
// cut at paragraph breaks, sentence ends or spaces.
package pipeline
