package corpus

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// DefaultExts returns the extensions a directory walk picks up when
// Options.Exts is empty: .txt .md .jsonl .ndjson, and each with .gz or .zst
// appended.
func DefaultExts() []string {
	return []string{".txt", ".md", ".jsonl", ".ndjson", ".txt.gz", ".md.gz", ".jsonl.gz", ".ndjson.gz", ".txt.zst", ".md.zst", ".jsonl.zst", ".ndjson.zst"}
}

// normExts lowercases exts and gives each a leading dot.
func normExts(exts []string) []string {
	if len(exts) == 0 {
		exts = DefaultExts()
	}
	out := make([]string, 0, len(exts))
	for _, e := range exts {
		if e == "" {
			continue
		}
		if e[0] != '.' {
			e = "." + e
		}
		out = append(out, strings.ToLower(e))
	}
	return out
}

// hasExt reports whether name ends in one of exts (already normalized),
// ignoring case.
func hasExt(name string, exts []string) bool {
	name = strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

// walker lists the files under a directory one at a time, in
// filepath.WalkDir order (depth first, each directory's entries in
// lexical order), holding only the entries of the directories on the
// current path.
type walker struct {
	root  string
	exts  []string
	stack []*dirFrame
	first item // a pending item: the root's own read error
}

// dirFrame is a directory being listed.
type dirFrame struct {
	path, rel string // rel is "" for the root
	ents      []fs.DirEntry
}

func newWalker(root string, exts []string) *walker {
	w := &walker{root: root, exts: exts}
	w.push(root, "")
	return w
}

// push lists a directory. A read error becomes the pending item; the
// entries read before it are still walked.
func (w *walker) push(dir, rel string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		w.first = w.item(dir, rel)
		w.first.err = ioCause(err, "")
	}
	w.stack = append(w.stack, &dirFrame{path: dir, rel: rel, ents: ents})
}

// item describes a walked path.
func (w *walker) item(p, rel string) item {
	id := rel
	if rel == "" { // the root itself
		id, rel = p, path.Base(filepath.ToSlash(p))
	}
	return item{path: p, rel: rel, id: id}
}

// next returns the next file to read (or a directory that could not be
// read, with err set); ok is false when the walk is done.
func (w *walker) next() (it item, ok bool) {
	for {
		if w.first.path != "" {
			it, w.first = w.first, item{}
			return it, true
		}
		if len(w.stack) == 0 {
			return item{}, false
		}
		top := w.stack[len(w.stack)-1]
		if len(top.ents) == 0 {
			w.stack = w.stack[:len(w.stack)-1]
			continue
		}
		e := top.ents[0]
		top.ents[0] = nil
		top.ents = top.ents[1:]
		p := filepath.Join(top.path, e.Name())
		rel := path.Join(top.rel, e.Name())
		switch t := e.Type(); {
		case t.IsDir():
			w.push(p, rel)
			continue
		case t&fs.ModeSymlink != 0:
			// A symlinked directory is not followed; a symlinked file
			// is read like any other (and a broken link is reported).
			if st, err := os.Stat(p); err == nil && !st.Mode().IsRegular() {
				continue
			}
		case !t.IsRegular():
			continue // sockets, pipes, devices
		}
		if hasExt(e.Name(), w.exts) {
			return w.item(p, rel), true
		}
	}
}
