package lexicon

import (
	"embed"
	"io/fs"
	"sync"
)

//go:embed data/*.tsv
var data embed.FS

// Data returns the embedded lexicon files (data/*.tsv).
func Data() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return sub
}

var defaultOnce = sync.OnceValues(func() (*Lexicon, error) {
	es, err := Load(Data())
	if err != nil {
		return nil, err
	}
	return New(es), nil
})

// Default returns the embedded lexicon, parsed on first use. The error is
// only non-nil if the shipped data is broken, which a test prevents.
func Default() (*Lexicon, error) { return defaultOnce() }
