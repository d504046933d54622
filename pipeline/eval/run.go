package eval

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/lexicon/align"
	"github.com/unspin/unspin/pipeline"
)

// Data is everything an evaluation reads.
type Data struct {
	Pairs    []Pair
	Clean    []Article
	SpunOnly []Article
}

// Run scores every pair and article with one pipeline.
func Run(ctx context.Context, p *pipeline.Pipeline, d Data) (*Report, error) {
	r := &Report{}
	for _, pair := range d.Pairs {
		res, err := ScorePair(ctx, p, pair)
		if err != nil {
			return nil, fmt.Errorf("eval: %s: %w", pair.ID, err)
		}
		r.Pairs = append(r.Pairs, res)
	}
	var err error
	if r.Clean, err = scoreArticles(ctx, p, d.Clean, ScoreClean); err != nil {
		return nil, err
	}
	if r.SpunOnly, err = scoreArticles(ctx, p, d.SpunOnly, ScoreClean); err != nil {
		return nil, err
	}
	if r.Framed, err = scoreArticles(ctx, p, d.Clean, ScoreFramed); err != nil {
		return nil, err
	}
	// Paragraph samples teach the spin model texts of every length.
	for _, pair := range d.Pairs {
		if wordSpinners[pair.Family] {
			r.Paragraphs = append(r.Paragraphs, paragraphSamples(ctx, p, pair.Spun, true)...)
		}
	}
	for _, a := range d.SpunOnly {
		r.Paragraphs = append(r.Paragraphs, paragraphSamples(ctx, p, a.Text, true)...)
	}
	for _, a := range d.Clean {
		r.Paragraphs = append(r.Paragraphs, paragraphSamples(ctx, p, a.Text, false)...)
	}
	return r, nil
}

// paragraphSamples runs each line of text with at least three words as a
// document of its own and returns its spin features with the label of
// the article.
func paragraphSamples(ctx context.Context, p *pipeline.Pipeline, text []byte, spun bool) []Sample {
	var out []Sample
	for _, line := range bytes.Split(text, []byte("\n")) {
		if len(bytes.Fields(line)) < 3 {
			continue
		}
		doc, err := p.Process(ctx, "", "", line)
		if err != nil {
			continue
		}
		out = append(out, Sample{Features: doc.SpinFeatures, Label: spun})
	}
	return out
}

// scoreArticles scores each article with score (ScoreClean or ScoreFramed).
func scoreArticles(ctx context.Context, p *pipeline.Pipeline, arts []Article,
	score func(context.Context, *pipeline.Pipeline, Article) (CleanResult, error)) ([]CleanResult, error) {
	var out []CleanResult
	for _, a := range arts {
		res, err := score(ctx, p, a)
		if err != nil {
			return nil, fmt.Errorf("eval: %s: %w", a.ID, err)
		}
		out = append(out, res)
	}
	return out, nil
}

// Examples converts pairs to learning examples.
func Examples(pairs []Pair) []align.Example {
	out := make([]align.Example, len(pairs))
	for i, p := range pairs {
		out[i] = align.Example{ID: p.ID, Family: p.Family, Spun: string(p.Spun), Original: string(p.Original)}
	}
	return out
}

// Build makes the pipeline for one fold from the base entries (the
// curated lexicon, without learned entries) and the pairs to learn from.
type Build func(base []*lexicon.Entry, learned []*lexicon.Entry) *pipeline.Pipeline

// ShipMinN is the least evidence a learned pair needs to be shipped
// (lexicon/data/learned.tsv is made with --min-n 2); cross-validation
// learns the same way.
const ShipMinN = 2

// Shipped is a learned pair that goes into a lexicon, with its entry.
type Shipped struct {
	*align.Learned
	Entry *lexicon.Entry
}

// Shippable returns the learned pairs that go into a lexicon: seen at
// least minN times, not seen the other way round, by the pairs or by the
// base lexicon (that is drift between versions of an article, not a
// spinner's rewrite, and would make a cycle), valid as an entry, and,
// unless withKnown, not a pair the base lexicon has in any case or
// context.
func Shippable(learned []*align.Learned, base []*lexicon.Entry, minN int, withKnown bool) []Shipped {
	key := func(a, b string) string { return strings.ToLower(a) + "\t" + strings.ToLower(b) }
	known, seen := map[string]bool{}, map[string]bool{}
	for _, e := range base {
		known[key(e.Spun, e.Original)] = true
		seen[key(e.Spun, e.Original)] = true
	}
	for _, l := range learned {
		seen[key(l.Spun, l.Original)] = true
	}
	var out []Shipped
	for _, l := range learned {
		if l.N < minN || seen[key(l.Original, l.Spun)] || !withKnown && known[key(l.Spun, l.Original)] {
			continue
		}
		if e := l.Entry(); e != nil {
			out = append(out, Shipped{l, e})
		}
	}
	return out
}

// CrossValidate learns from k−1 folds of groups and scores the held-out
// fold, for each fold. Clean and spun-only articles are scored by every
// fold's pipeline and all results are kept: rates are unaffected, counts
// are k times the number of articles.
func CrossValidate(ctx context.Context, k int, base []*lexicon.Entry, d Data, build Build) (*Report, error) {
	if k < 2 {
		return nil, fmt.Errorf("eval: --cv %d: want at least 2 folds", k)
	}
	fold := folds(d.Pairs, k)
	out := &Report{}
	for f := 0; f < k; f++ {
		var train, test []Pair
		for _, p := range d.Pairs {
			if fold[p.Group] == f {
				test = append(test, p)
			} else {
				train = append(train, p)
			}
		}
		var learned []*lexicon.Entry
		for _, l := range Shippable(align.Learn(Examples(train)), base, ShipMinN, false) {
			learned = append(learned, l.Entry)
		}
		p := build(base, learned)
		r, err := Run(ctx, p, Data{Pairs: test, Clean: d.Clean, SpunOnly: d.SpunOnly})
		if err != nil {
			return nil, err
		}
		out.Pairs = append(out.Pairs, r.Pairs...)
		out.Clean = append(out.Clean, r.Clean...)
		out.SpunOnly = append(out.SpunOnly, r.SpunOnly...)
		out.Framed = append(out.Framed, r.Framed...)
		out.Paragraphs = append(out.Paragraphs, r.Paragraphs...)
	}
	return out, nil
}
