package pipeline

import "math"

// Counts are word and word-pair counts from clean English; the lexicon
// package's NGrams implements it.
type Counts interface {
	Total() int                    // word tokens counted
	Count(w string) int            // lowercase word count
	Count2(w1, w2 string) int      // pair count; w1 may be "<s>"
	Phrase(words []string) float64 // estimated count of a phrase
}

// Context features
//
// Two features compare the original phrase O with the spun phrase S in
// clean English:
//
//	freq  log (c(O)+1) − log (c(S)+1): a spun phrase that clean English
//	      rarely writes ("legal guidelines") against a common original
//	      ("laws") is likely spun; "house" against "home" is not.
//	lm    how much better O fits the words around it than S does, as
//	      pointwise mutual information with the previous word (or the
//	      start of the sentence) and the next word:
//	      [pmi(p, o1) − pmi(p, s1)] + [pmi(ok, n) − pmi(sk, n)],
//	      pmi(a, b) = log (c(a b)+α) / (c(a)·c(b)/N + α), with α = 0.5 so
//	      that unseen pairs are near 0 rather than −∞. "at house" against
//	      "at home": strongly positive.
const lmAlpha = 0.5

// freqFeature is the log count ratio of the original over the spun
// phrase.
func freqFeature(c Counts, spun, orig []string) float64 {
	return math.Log(c.Phrase(orig)+1) - math.Log(c.Phrase(spun)+1)
}

// pmi is the smoothed pointwise mutual information of the pair a b.
func pmi(c Counts, a, b string) float64 {
	ca, cb := float64(c.Count(a)), float64(c.Count(b))
	if a == "<s>" {
		ca = float64(c.Total()) / 20 // about one sentence start per 20 words
	}
	expect := ca * cb / float64(max(c.Total(), 1))
	return math.Log(float64(c.Count2(a, b))+lmAlpha) - math.Log(expect+lmAlpha)
}

// lmFeature compares how the original and the spun phrase fit their
// neighbours prev and next ("" when there is none; "<s>" at a sentence
// start).
func lmFeature(c Counts, spun, orig []string, prev, next string) float64 {
	if len(spun) == 0 || len(orig) == 0 {
		return 0
	}
	f := 0.0
	if prev != "" {
		f += pmi(c, prev, orig[0]) - pmi(c, prev, spun[0])
	}
	if next != "" {
		f += pmi(c, orig[len(orig)-1], next) - pmi(c, spun[len(spun)-1], next)
	}
	return f
}

// neighbours returns the previous and next words of tokens [i, j) for
// the context features: "<s>" at a sentence start, "" across
// punctuation.
func contextWords(toks []Token, i, j int) (prev, next string) {
	if toks[i].SentStart {
		prev = "<s>"
	} else {
		prev = prevWord(toks, i)
	}
	return prev, nextWord(toks, j)
}
