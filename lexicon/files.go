package lexicon

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// IsGazetteerFile tells gazetteer files (one name a line) from lexicon
// files by name: *.gaz, or gazetteer*.txt.
func IsGazetteerFile(p string) bool {
	base := filepath.Base(p)
	return filepath.Ext(base) == ".gaz" || strings.HasPrefix(base, "gazetteer") && filepath.Ext(base) == ".txt"
}

// ReadFiles reads a lexicon or gazetteer file, or every such file in a
// directory (lexicon: *.tsv; gazetteer: *.gaz, gazetteer*.txt). Every
// bad line of every file is reported (an ErrorList), and then nothing is
// returned: a lexicon is never half-loaded.
func ReadFiles(p string) ([]*Entry, []*Name, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, nil, fmt.Errorf("lexicon: %w", err)
	}
	files := []string{p}
	if st.IsDir() {
		files = nil
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, nil, fmt.Errorf("lexicon: %w", err)
		}
		for _, e := range ents {
			if n := e.Name(); !e.IsDir() && (filepath.Ext(n) == ".tsv" || IsGazetteerFile(n)) {
				files = append(files, filepath.Join(p, n))
			}
		}
	}
	var (
		entries []*Entry
		names   []*Name
		errs    ErrorList
	)
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return nil, nil, fmt.Errorf("lexicon: %w", err)
		}
		if IsGazetteerFile(f) {
			ns, perr := ParseGazetteer(r, f)
			names = append(names, ns...)
			err = perr
		} else {
			es, perr := Parse(r, f)
			entries = append(entries, es...)
			err = perr
		}
		r.Close()
		var el ErrorList
		switch {
		case errors.As(err, &el):
			errs = append(errs, el...)
		case err != nil:
			return nil, nil, err
		}
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	return entries, names, nil
}

// LoadFiles returns the embedded lexicon with the files at paths laid over it
// in the order given (see ReadFiles and Lexicon.With), and the gazetteer
// names found among them.
func LoadFiles(paths []string) (*Lexicon, []*Name, error) {
	lex, err := Default()
	if err != nil {
		return nil, nil, err
	}
	var (
		over  []*Entry
		names []*Name
	)
	for _, p := range paths {
		es, ns, err := ReadFiles(p)
		if err != nil {
			return nil, nil, err
		}
		over = append(over, es...)
		names = append(names, ns...)
	}
	if len(over) == 0 {
		return lex, names, nil
	}
	return lex.With(over), names, nil
}
