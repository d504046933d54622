package pipeline

import (
	"context"
	"fmt"

	"github.com/unspin/unspin/lexicon"
)

// A Stage fills the Document fields it owns (see Document) and never
// writes Source. A nil error means the fields it owns are complete and
// valid; a Stage may rely on the fields of every earlier stage.
type Stage interface {
	Name() string
	Run(ctx context.Context, doc *Document) error
}

// Options tune a pipeline. The zero value is not useful; start from
// DefaultOptions.
type Options struct {
	// MinConfidence is the threshold at which an edit is applied. Edits
	// below it are still reported. Confidences are calibrated (an edit at
	// 0.9 is right about 9 times in 10 on held-out data); the default,
	// 0.85, keeps words broken by wrong edits under 2 per 1000 on the
	// shared corpus (see README, "Quality").
	MinConfidence float64
	// MaxDistance bounds fuzzy (edit-distance) matches, in edits.
	MaxDistance int
	// Repair adds the Repair stage: reflow paragraphs cut mid-sentence,
	// reverse mojibake, join words hyphenated across line ends. Off by
	// default: without it no such change is made.
	Repair bool
	// Gazetteer enables entity matching against these names; nil
	// disables it.
	Gazetteer *lexicon.Gazetteer
	// People protects person names found by prose's NER (run only on
	// sentences with a capitalised candidate in mid-sentence). Off by
	// default: it costs ~10x in throughput on spun text and, on the
	// shared corpus, protected as many spun names ("Josh Inexperienced")
	// as real ones.
	People bool
	// Counts are clean-English n-gram counts for the context features;
	// nil leaves those features out.
	Counts Counts
	// Weights of the scoring models; nil maps mean DefaultWeights.
	Weights Weights
}

// DefaultOptions returns the documented defaults.
func DefaultOptions() Options {
	return Options{MinConfidence: 0.85, MaxDistance: 2}
}

func (o Options) weights() Weights {
	w := DefaultWeights()
	if o.Weights.Cand != nil {
		w.Cand = o.Weights.Cand
	}
	if o.Weights.Spin != nil {
		w.Spin = o.Weights.Spin
	}
	return w
}

// Pipeline runs stages in order.
type Pipeline struct {
	stages []Stage
}

// New builds a pipeline from explicit stages.
func New(stages ...Stage) *Pipeline { return &Pipeline{stages: stages} }

// Default returns the standard pipeline:
// [repair →] normalize → segment → detect → score → select → apply.
func Default(lex *lexicon.Lexicon, opts Options) *Pipeline {
	var stages []Stage
	if opts.Repair {
		stages = append(stages, NewRepair(opts.MinConfidence))
	}
	return New(append(stages,
		Normalize{},
		NewSegment(),
		&Detect{Lex: lex, Gaz: opts.Gazetteer, People: opts.People},
		&Score{Weights: opts.weights(), Counts: opts.Counts},
		&Select{MinConfidence: opts.MinConfidence},
		Applier{},
	)...)
}

// Stages returns the stage list.
func (p *Pipeline) Stages() []Stage { return p.stages }

// Run runs every stage on doc. It stops at the first error, wrapped as
// "stage: cause", and checks ctx between stages.
func (p *Pipeline) Run(ctx context.Context, doc *Document) error {
	for _, st := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := st.Run(ctx, doc); err != nil {
			return fmt.Errorf("%s: %w", st.Name(), err)
		}
	}
	return nil
}

// Process is NewDocument followed by Run.
func (p *Pipeline) Process(ctx context.Context, id, path string, src []byte) (*Document, error) {
	doc := NewDocument(id, path, src)
	return doc, p.Run(ctx, doc)
}
