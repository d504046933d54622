package pipeline

import (
	"context"
	"math"

	"github.com/unspin/unspin/lexicon"
)

// Scoring criteria
//
// A candidate's confidence is the logistic of a sum of named terms, each a
// log-odds value that is reported with the edit:
//
//	prior     wPrior · logit(entry prior). The prior is how often the spun
//	          phrase, found in a spun article, is the spinner's rewrite of
//	          this original. It carries most of the weight.
//	spin      wSpin · ln(article spin). In an article with no sign of
//	          spinning (spin → 0) this pulls every edit down, so that only
//	          phrases no writer would use survive; in a spun article
//	          (spin → 1) it is ~0 and the prior speaks alone.
//	context   wContext when the entry's own context condition (prev=,
//	          next=) held: "at house" is far more telling than "house".
//	sentstart wSentStart when an entry that needs a capital (match=cap)
//	          matched the first word of a sentence, where every word is
//	          capitalised and the capital proves nothing. Function words
//	          ("However" for "But") are exempt: their capital is the point.
//	protected wProtected when the candidate lies inside a name that the
//	          gazetteer lists as written ("Boston College"): such a
//	          candidate is reported, never applied.
//
// Article spin is the logistic of
//
//	spinBias + spinPerMarker · markers per 100 words
//
// where a marker is a candidate whose prior is at least markerPrior: a
// phrase such as "imaginative and prescient" that clean text practically
// never contains. A clean article has none, so spin stays near
// logistic(spinBias) ≈ 0.05.
const (
	wPrior     = 1.0
	wSpin      = 1.0
	wContext   = 1.5
	wSentStart = -1.0
	wProtected = -20.0

	markerPrior   = 0.9
	spinBias      = -3.0
	spinPerMarker = 2.0

	// priors are clipped to [minPrior, maxPrior] so logits stay finite.
	minPrior = 0.001
	maxPrior = 0.999
)

// Score sets Document.Spin and every candidate's terms and confidence.
type Score struct{}

// Name implements Stage.
func (*Score) Name() string { return "score" }

// Run implements Stage.
func (*Score) Run(_ context.Context, doc *Document) error {
	doc.Spin, doc.SpinTerms = spinScore(doc)
	lnSpin := math.Log(math.Max(doc.Spin, 1e-9))
	for i := range doc.Cands {
		c := &doc.Cands[i]
		e := c.Entry
		terms := make([]Term, 0, 4)
		terms = append(terms,
			Term{"prior", wPrior * logit(e.Prior)},
			Term{"spin", wSpin * lnSpin})
		if len(e.Prev) > 0 || len(e.Next) > 0 {
			terms = append(terms, Term{"context", wContext})
		}
		if e.Match == lexicon.MatchCap && e.Kind != lexicon.KindFunction && doc.Tokens[c.Tok[0]].SentStart {
			terms = append(terms, Term{"sentstart", wSentStart})
		}
		if c.Protected != "" {
			terms = append(terms, Term{"protected", wProtected})
		}
		c.Score = terms
		c.Conf = logistic(sum(terms))
	}
	return nil
}

// spinScore computes the article spin probability from marker density.
func spinScore(doc *Document) (float64, []Term) {
	markers := 0
	last := -1
	for _, c := range doc.Cands {
		if c.Entry.Prior >= markerPrior && c.Tok[0] != last {
			markers++
			last = c.Tok[0]
		}
	}
	per100 := 0.0
	if doc.Words > 0 {
		per100 = 100 * float64(markers) / float64(max(doc.Words, 50))
	}
	terms := []Term{{"bias", spinBias}, {"markers", spinPerMarker * per100}}
	return logistic(sum(terms)), terms
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
