package pipeline

import (
	"context"
	"math"
	"sync"

	"github.com/unspin/unspin/lexicon"
)

// Scoring criteria
//
// A candidate's confidence is the logistic of a sum of named terms. Each
// term is a weight times a feature; both are named, and the terms are
// reported with the edit (Edit.Score), so every number can be explained:
//
//	bias       1 for every candidate
//	prior      logit(entry prior). The prior is how often the spun phrase,
//	           found in a spun article, is the spinner's rewrite of this
//	           original (curated by hand, estimated from aligned pairs for
//	           learned entries, derived from the match cost for names).
//	spin       logit(article spin). Near 0 in a spun article, strongly
//	           negative in a clean one, where only phrases no writer would
//	           use should survive.
//	context    1 when the entry's own context condition (prev=, next=)
//	           held: "at house" is far more telling than "house".
//	learned    1 for entries learned from aligned pairs: their priors come
//	           from few examples.
//	sentstart  1 when an entry that needs a capital (match=cap) matched the
//	           first word of a sentence, where the capital proves nothing.
//	           Function words ("However" for "But") are exempt.
//	entity     1 for a gazetteer name restored whole.
//	freq, lm   how much more at home the original is in clean English than
//	           the spun phrase, alone and next to its neighbours (see
//	           context.go); 0 without n-gram counts.
//	absent     1 when the original's words occur nowhere in the article
//	           (a spinner replaces a word every time it meets it, so in a
//	           spun text the original is missing; where it stands elsewhere
//	           unchanged, this spinner does not rewrite it).
//	protected  1 when the candidate lies inside a name that the gazetteer
//	           lists as written ("Boston College"): reported, never applied.
//
// The weights below were fitted by logistic regression (L2 0.1) on the
// held-out predictions of `unspin eval --cv 5 --fit` over ../shared/corpus
// (pairs: every reported edit judged right or wrong against the
// original; clean articles: every reported edit is wrong), refitted
// until stable, and rounded. sentstart, entity and protected are set by
// hand: the shared data has too few such cases to fit them.
var defaultCandWeights = map[string]float64{
	"bias":      -9.22,
	"prior":     1.26,
	"spin":      1.59,
	"context":   0.67,
	"learned":   -1.98,
	"sentstart": -1.0,
	"entity":    1.0,
	"freq":      -0.02,
	"lm":        0.34,
	"absent":    0.11,
	"protected": -20.0,
}

// candFeatures lists the candidate features in the order they are
// reported; the f* constants index it.
var candFeatures = [nCandFeatures]string{"bias", "prior", "spin", "context", "learned", "sentstart", "entity", "freq", "lm", "absent", "protected"}

const (
	fBias = iota
	fPrior
	fSpin
	fContext
	fLearned
	fSentStart
	fEntity
	fFreq
	fLM
	fAbsent
	fProtected
	nCandFeatures
)

// Article spin is the logistic of weighted article features (fitted the
// same way, on articles, spun pairs and spun-only pages against clean
// ones, and on each of their lines as a text of its own, so that the
// model holds for a headline as for a long article):
//
//	bias      1
//	markers   candidates per 100 words whose prior is at least markerPrior:
//	          phrases such as "imaginative and prescient" that clean text
//	          practically never contains
//	evidence  the sum of candidate priors per 100 words (the best prior at
//	          each position): many weak signals add up
//	strong    log(1 + the number of near-certain markers: prior at least
//	          strongPrior and a spun phrase clean English never writes).
//	          Not a rate: one "Chilly Struggle" is proof in a headline
//	          and in a long article alike
//	rarity    the sum, per 100 words, of how much more common in clean
//	          English the original is than the spun phrase (the freq
//	          feature, when positive): spinners write phrases people don't
var defaultSpinWeights = map[string]float64{
	"bias":     -1.43,
	"markers":  3.30,
	"evidence": -0.18,
	"rarity":   0.20,
	"strong":   0.91,
}

var spinFeatures = []string{"bias", "markers", "evidence", "rarity", "strong"}

const (
	markerPrior = 0.9
	strongPrior = 0.95

	// priors are clipped to [minPrior, maxPrior] so logits stay finite.
	minPrior = 0.001
	maxPrior = 0.999
)

// Weights are the feature weights of the two logistic models.
type Weights struct {
	Cand map[string]float64 // candidate confidence
	Spin map[string]float64 // article spin
}

// DefaultWeights returns a copy of the fitted weights.
func DefaultWeights() Weights {
	w := Weights{Cand: map[string]float64{}, Spin: map[string]float64{}}
	for k, v := range defaultCandWeights {
		w.Cand[k] = v
	}
	for k, v := range defaultSpinWeights {
		w.Spin[k] = v
	}
	return w
}

// Score sets Document.Spin and every candidate's features, terms and
// confidence.
type Score struct {
	Weights Weights
	Counts  Counts // clean-English n-grams for the context features; nil: none

	once      sync.Once
	w         [nCandFeatures]float64
	freqCache sync.Map // *lexicon.Entry → float64
}

// Name implements Stage.
func (*Score) Name() string { return "score" }

// Run implements Stage.
func (s *Score) Run(_ context.Context, doc *Document) error {
	s.once.Do(s.compile)
	feats := spinFeatureValues(doc, s.Counts)
	doc.SpinFeatures = features(spinFeatures, feats)
	doc.SpinTerms = weigh(spinFeatures, feats, s.Weights.Spin)
	doc.Spin = logistic(sum(doc.SpinTerms))
	spinLogit := logit(doc.Spin)
	var present map[string]bool
	if len(doc.Cands) > 0 {
		present = make(map[string]bool, len(doc.Tokens)/2)
		for _, t := range doc.Tokens {
			if t.Word {
				present[t.Norm] = true
			}
		}
	}
	for i := range doc.Cands {
		c := &doc.Cands[i]
		e := c.Entry
		sentStart := doc.SentenceStart(c.Tok[0]) // also makes Tokens[c.Tok[0]].SentStart exact for contextWords
		var f [nCandFeatures]float64
		f[fBias], f[fPrior], f[fSpin] = 1, logit(e.Prior), spinLogit
		if len(e.Prev) > 0 || len(e.Next) > 0 {
			f[fContext] = 1
		}
		if e.Source == "learned" {
			f[fLearned] = 1
		}
		if e.Match == lexicon.MatchCap && e.Kind != lexicon.KindFunction && sentStart {
			f[fSentStart] = 1
		}
		if e.Source == "gazetteer" {
			f[fEntity] = 1
		}
		if c.Protected != "" {
			f[fProtected] = 1
		}
		ow := e.OriginalWords()
		if absent(present, ow) {
			f[fAbsent] = 1
		}
		if s.Counts != nil {
			prev, next := contextWords(doc.Tokens, c.Tok[0], c.Tok[1])
			f[fFreq] = s.freq(e)
			f[fLM] = lmFeature(s.Counts, e.Words, ow, prev, next)
		}
		c.Features, c.Score = s.terms(&f)
		c.Conf = logistic(sum(c.Score))
	}
	return nil
}

// compile turns the weight map into an array and caches the freq feature
// of every entry of the lexicon the pipeline was built with.
func (s *Score) compile() {
	for k, name := range candFeatures {
		s.w[k] = s.Weights.Cand[name]
	}
}

// freq returns the freq feature of an entry, cached per lexicon entry.
// Entity entries are made afresh for every match (entityEntry): caching
// them would grow the cache with every article of a dump.
func (s *Score) freq(e *lexicon.Entry) float64 {
	if e.Source == "gazetteer" {
		return freqFeature(s.Counts, e.Words, e.OriginalWords())
	}
	if v, ok := s.freqCache.Load(e); ok {
		return v.(float64)
	}
	v := freqFeature(s.Counts, e.Words, e.OriginalWords())
	s.freqCache.Store(e, v)
	return v
}

// terms returns the non-zero features and the non-zero weighted terms.
func (s *Score) terms(f *[nCandFeatures]float64) (feats, terms []Term) {
	n := 0
	for k := range f {
		if f[k] != 0 {
			n++
		}
	}
	feats = make([]Term, 0, n)
	terms = make([]Term, 0, n)
	for k, v := range f {
		if v == 0 {
			continue
		}
		feats = append(feats, Term{candFeatures[k], v})
		if s.w[k] != 0 {
			terms = append(terms, Term{candFeatures[k], s.w[k] * v})
		}
	}
	return feats, terms
}

// absent reports whether none of the content words of a phrase occur in
// the document (function words are ignored: "the" is everywhere).
func absent(present map[string]bool, words []string) bool {
	content := false
	for _, w := range words {
		if stopWords(w) {
			continue
		}
		content = true
		if present[w] {
			return false
		}
	}
	return content
}

// features lists the non-zero features in order.
func features(names []string, f map[string]float64) []Term {
	out := make([]Term, 0, len(f))
	for _, n := range names {
		if v, ok := f[n]; ok && v != 0 {
			out = append(out, Term{n, v})
		}
	}
	return out
}

// weigh returns weight × feature for the non-zero features and weights.
func weigh(names []string, f map[string]float64, w map[string]float64) []Term {
	out := make([]Term, 0, len(f))
	for _, n := range names {
		if v, ok := f[n]; ok && v != 0 && w[n] != 0 {
			out = append(out, Term{n, w[n] * v})
		}
	}
	return out
}

// spinFeatureValues computes the article features from the candidates.
func spinFeatureValues(doc *Document, counts Counts) map[string]float64 {
	markers, strong := 0, 0
	evidence, rarity := 0.0, 0.0
	for i := 0; i < len(doc.Cands); {
		best, rare, sure := 0.0, 0.0, false
		j := i
		for ; j < len(doc.Cands) && doc.Cands[j].Tok[0] == doc.Cands[i].Tok[0]; j++ {
			c := doc.Cands[j]
			if c.Protected != "" {
				continue
			}
			best = math.Max(best, c.Entry.Prior)
			if counts != nil {
				rare = math.Max(rare, freqFeature(counts, c.Entry.Words, c.Entry.OriginalWords()))
				sure = sure || c.Entry.Prior >= strongPrior && counts.Phrase(c.Entry.Words) < 1
			}
		}
		if best >= markerPrior {
			markers++
		}
		evidence += best
		rarity += rare
		if sure {
			strong++
		}
		i = j
	}
	per := 100 / float64(max(doc.Words, 50))
	return map[string]float64{"bias": 1, "markers": float64(markers) * per, "evidence": evidence * per, "rarity": rarity * per, "strong": math.Log1p(float64(strong))}
}

func sum(ts []Term) float64 {
	s := 0.0
	for _, t := range ts {
		s += t.Value
	}
	return s
}

func logit(p float64) float64 {
	p = math.Min(math.Max(p, minPrior), maxPrior)
	return math.Log(p / (1 - p))
}

func logistic(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
