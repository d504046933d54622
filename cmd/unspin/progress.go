package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// progress is what the progress line shows; emit updates it.
type progress struct {
	articles atomic.Int64
	bytes    atomic.Int64
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// startProgress redraws a progress line on stderr twice a second when it
// is a terminal (and not quiet); the returned function stops it and
// clears the line.
func startProgress(w io.Writer, quiet bool, start time.Time, p *progress) func() {
	if quiet || !isTerminal(w) {
		return func() {}
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(w, "\r\x1b[K")
				return
			case <-t.C:
				mb := float64(p.bytes.Load()) / 1e6
				secs := time.Since(start).Seconds()
				fmt.Fprintf(w, "\r\x1b[Kunspin: %d articles, %.1f MB, %.1f MB/s", p.articles.Load(), mb, mb/max(secs, 1e-9))
			}
		}
	}()
	return func() { close(done); <-stopped }
}
