package pipeline

import (
	"context"
	"fmt"

	"github.com/unspin/unspin/corpus"
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

// WithEmbeddedData fills the options' Gazetteer and Counts, when nil,
// with the data embedded in the lexicon package.
func (o Options) WithEmbeddedData() (Options, error) {
	var err error
	if o.Gazetteer == nil {
		if o.Gazetteer, err = lexicon.DefaultGazetteer(); err != nil {
			return o, err
		}
	}
	if o.Counts == nil {
		ng, err := lexicon.DefaultNGrams()
		if err != nil {
			return o, err
		}
		o.Counts = ng
	}
	return o, nil
}

// DefaultOptions returns the documented defaults.
func DefaultOptions() Options {
	return Options{MinConfidence: 0.85}
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
		&Segment{Eager: opts.People},
		&Detect{Lex: lex, Gaz: opts.Gazetteer, People: opts.People},
		&Score{Weights: opts.weights(), Counts: opts.Counts},
		&Select{MinConfidence: opts.MinConfidence},
		Applier{},
	)...)
}

// Load builds the standard pipeline (Default) over the embedded
// lexicon, gazetteer and n-gram counts, with the lexicon and gazetteer
// files at paths laid over them (lexicon.LoadFiles). It is what the unspin
// command runs; other front ends (the Beam pipeline) call it so that
// their output is the command's, byte for byte.
func Load(opts Options, paths ...string) (*Pipeline, *lexicon.Lexicon, error) {
	if opts.MinConfidence < 0 || opts.MinConfidence > 1 {
		return nil, nil, fmt.Errorf("min confidence %v: want a number in [0,1]", opts.MinConfidence)
	}
	lex, names, err := lexicon.LoadFiles(paths)
	if err != nil {
		return nil, nil, err
	}
	if opts, err = opts.WithEmbeddedData(); err != nil {
		return nil, nil, err
	}
	if len(names) > 0 {
		opts.Gazetteer = lexicon.NewGazetteer(append(append([]*lexicon.Name(nil), opts.Gazetteer.Names()...), names...))
	}
	return Default(lex, opts), lex, nil
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

// MaxChunk is the largest piece of an article that ProcessLarge runs
// through the pipeline at once: per-token state costs ~15x the text, so
// a 40 MB one-line article processed whole would need ~600 MB.
const MaxChunk = 1 << 20

// ProcessLarge is Process for articles of any size: an article longer
// than maxChunk bytes is cut at paragraph breaks, or failing those at
// sentence ends or spaces, into pieces of at most about maxChunk bytes;
// each piece is processed alone and the results are joined. The joined
// Document has Source, Lines, Edits (the applied ones only, offsets into
// the whole Source: reporting every candidate of a 40 MB article would
// take ~1 GB; none at all unless keepEdits, only their number in
// Uncounted), Cleaned, Words and Spin (the word-weighted mean of the
// pieces); the per-piece analysis fields (Text, Tokens, Cands, ...) are
// left empty.
func (p *Pipeline) ProcessLarge(ctx context.Context, id, path string, src []byte, maxChunk int, keepEdits bool) (*Document, error) {
	if len(src) <= maxChunk {
		return p.Process(ctx, id, path, src)
	}
	whole := NewDocument(id, path, src)
	whole.Cleaned = make([]byte, 0, len(src))
	spin := 0.0
	for start := 0; start < len(src); {
		end := corpus.Cut(src, start, maxChunk)
		doc, err := p.Process(ctx, id, path, src[start:end])
		if err != nil {
			return nil, err
		}
		for _, e := range doc.Edits {
			if !e.Applied {
				continue // bounded memory: a huge article keeps its applied edits only
			}
			if !keepEdits {
				whole.Uncounted++
				continue
			}
			e.Start += start
			e.End += start
			e.Features = nil // for fitting only
			whole.Edits = append(whole.Edits, e)
		}
		whole.Cleaned = append(whole.Cleaned, doc.Cleaned...)
		whole.Words += doc.Words
		spin += doc.Spin * float64(doc.Words)
		start = end
	}
	if whole.Words > 0 {
		whole.Spin = spin / float64(whole.Words)
	}
	return whole, nil
}
