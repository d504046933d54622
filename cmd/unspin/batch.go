package main

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/unspin/unspin/corpus"
	"github.com/unspin/unspin/pipeline"
)

// result is one processed article.
type result struct {
	seq int
	art *corpus.Article
	doc *pipeline.Document // nil when art.Err is set or processing failed
	err error              // the article's own error (bad input or a failed stage)
	// skipped: --resume found the article's output already done
	skipped bool
}

// process reads every article from rd, runs p on n workers, and calls
// emit for each result in input order. Memory stays bounded: at most
// window articles are in flight between the reader and emit. It returns
// the first error of emit or of the context; article errors are passed to
// emit, not returned.
//
// keepEdits false lets articles over pipeline.MaxChunk drop their edits
// once applied (only the count is kept), for callers that write no edits.
func process(ctx context.Context, p *pipeline.Pipeline, rd *corpus.Reader, n int, keepEdits bool, skip func(*corpus.Article) bool, emit func(*result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := 4 * n
	slots := make(chan struct{}, window)
	jobs := make(chan *result, n)
	done := make(chan *result, window)
	var readErr error

	go func() { // reader
		defer close(jobs)
		for seq := 0; ; seq++ {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			art, err := rd.Next()
			if err == io.EOF {
				<-slots
				return
			}
			if err != nil {
				readErr = err
				<-slots
				cancel()
				return
			}
			select {
			case jobs <- &result{seq: seq, art: art}:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				if skip != nil && skip(r.art) {
					r.skipped = true
				} else if r.art.Err != nil {
					r.err = r.art.Err
				} else if !r.art.Binary {
					r.doc, r.err = runOne(ctx, p, r.art, keepEdits)
				}
				select {
				case done <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	pending := make(map[int]*result, window)
	next := 0
	var emitErr error
	for r := range done {
		if emitErr != nil {
			continue
		}
		pending[r.seq] = r
		for {
			q, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := emit(q); err != nil {
				emitErr = err
				cancel()
				break
			}
			<-slots
		}
	}
	if emitErr != nil {
		return emitErr
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}

// runOne processes one article, turning a panic in a stage into an error
// for that article alone: one bad article must not end a batch.
func runOne(ctx context.Context, p *pipeline.Pipeline, art *corpus.Article, keepEdits bool) (doc *pipeline.Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("%s: internal error: %v", art.ID, v)
		}
	}()
	doc, err = p.ProcessLarge(ctx, art.ID, art.Path, art.Text, pipeline.MaxChunk, keepEdits)
	if err != nil {
		return nil, err
	}
	return doc, nil
}
