package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

// benchText is a real-sized article: the bundled sample repeated to
// about 8 KB, or a shared clean article when ../shared is present.
func benchText(b *testing.B, spun bool) []byte {
	b.Helper()
	path := "../testdata/sample/original.txt"
	if spun {
		path = "../testdata/sample/spun.txt"
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return []byte(strings.Repeat(string(src), 8192/len(src)+1))
}

func defaultPipeline(b *testing.B) (*pipeline.Pipeline, []pipeline.Stage) {
	b.Helper()
	lex, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	opts := pipeline.DefaultOptions()
	if opts.Gazetteer, err = lexicon.DefaultGazetteer(); err != nil {
		b.Fatal(err)
	}
	ng, err := lexicon.DefaultNGrams()
	if err != nil {
		b.Fatal(err)
	}
	opts.Counts = ng
	p := pipeline.Default(lex, opts)
	return p, p.Stages()
}

func benchPipeline(b *testing.B, spun bool) {
	p, _ := defaultPipeline(b)
	src := benchText(b, spun)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Process(context.Background(), "b", "", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPipelineClean(b *testing.B) { benchPipeline(b, false) }
func BenchmarkPipelineSpun(b *testing.B)  { benchPipeline(b, true) }

// BenchmarkStage measures each stage alone on a document that has been
// through the stages before it.
func BenchmarkStage(b *testing.B) {
	_, stages := defaultPipeline(b)
	src := benchText(b, true)
	for k, st := range stages {
		b.Run(st.Name(), func(b *testing.B) {
			ctx := context.Background()
			base := pipeline.NewDocument("b", "", src)
			for _, prev := range stages[:k] {
				if err := prev.Run(ctx, base); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				doc := *base
				if err := st.Run(ctx, &doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEntities measures entity matching per article: the detect
// stage on a short article full of mangled names, with and without the
// gazetteer (the difference is the cost of name matching). words-only is
// the lexicon matcher alone (the token trie over every word).
func BenchmarkEntities(b *testing.B) {
	src, err := os.ReadFile("../testdata/entities/spun.txt")
	if err != nil {
		b.Fatal(err)
	}
	lex, _ := lexicon.Default()
	gaz, _ := lexicon.DefaultGazetteer()
	for _, tc := range []struct {
		name string
		gaz  *lexicon.Gazetteer
		src  []byte
	}{{"words-only", nil, src}, {"with-gazetteer", gaz, src}, {"with-gazetteer-4MB", gaz, bytes.Repeat(src, 4<<20/len(src))}} {
		// The 4 MB document is a part of a huge text file: per-article
		// cost must stay linear in its size.
		b.Run(tc.name, func(b *testing.B) {
			src := tc.src
			ctx := context.Background()
			base := pipeline.NewDocument("b", "", src)
			pipeline.Normalize{}.Run(ctx, base)
			pipeline.NewSegment().Run(ctx, base)
			det := &pipeline.Detect{Lex: lex, Gaz: tc.gaz}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				doc := *base
				doc.Cands = nil
				if err := det.Run(ctx, &doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
