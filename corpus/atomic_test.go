package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a", "b", "c.txt")
	if err := WriteFileAtomic(p, []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("second")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil || string(data) != "second" {
		t.Fatalf("content %q, %v", data, err)
	}
	if got := listDir(t, filepath.Dir(p)); got != "c.txt" {
		t.Errorf("files left in the directory: %s", got)
	}
	if runtime.GOOS != "windows" {
		st, _ := os.Stat(p)
		if m := st.Mode().Perm(); m != 0o644 {
			t.Errorf("mode %v, want 0644", m)
		}
		st, _ = os.Stat(filepath.Dir(p))
		if m := st.Mode().Perm(); m&0o700 != 0o700 {
			t.Errorf("parent mode %v", m)
		}
	}
}

func TestWriteFileAtomicFails(t *testing.T) {
	tests := []struct {
		name  string
		setup func(dir string) (target string)
	}{
		{"parent is a file", func(dir string) string {
			os.WriteFile(filepath.Join(dir, "file"), []byte("in the way"), 0o644)
			return filepath.Join(dir, "file", "x.txt")
		}},
		{"grandparent is a file", func(dir string) string {
			os.WriteFile(filepath.Join(dir, "file"), []byte("in the way"), 0o644)
			return filepath.Join(dir, "file", "sub", "x.txt")
		}},
		{"target is a directory", func(dir string) string {
			os.MkdirAll(filepath.Join(dir, "x.txt", "inside"), 0o755)
			return filepath.Join(dir, "x.txt")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			target := tt.setup(dir)
			before := listDir(t, dir)
			err := WriteFileAtomic(target, []byte("data"))
			var e *Error
			if !errors.As(err, &e) || e.Path != target {
				t.Fatalf("err = %#v, want an *Error for %s", err, target)
			}
			if !strings.HasPrefix(err.Error(), "corpus: "+target+": ") {
				t.Errorf("message %q does not name the target", err)
			}
			if after := listDir(t, dir); after != before {
				t.Errorf("directory changed: %q -> %q", before, after)
			}
		})
	}
}

func TestAtomicFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.jsonl")
	os.WriteFile(p, []byte("old"), 0o644)

	f, err := CreateAtomic(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("new "))
	f.Write([]byte("content"))
	if data, _ := os.ReadFile(p); string(data) != "old" {
		t.Errorf("target changed before Commit: %q", data)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(p); string(data) != "new content" {
		t.Errorf("after Commit: %q", data)
	}
	if err := f.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	if err := f.Commit(); err == nil {
		t.Errorf("second Commit succeeded")
	}
	if _, err := f.Write([]byte("x")); err == nil {
		t.Errorf("Write after Commit succeeded")
	}

	g, err := CreateAtomic(p)
	if err != nil {
		t.Fatal(err)
	}
	g.Write([]byte("partial"))
	if err := g.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := g.Commit(); err == nil {
		t.Errorf("Commit after Abort succeeded")
	}
	if data, _ := os.ReadFile(p); string(data) != "new content" {
		t.Errorf("Abort changed the target: %q", data)
	}
	if got := listDir(t, dir); got != "out.jsonl" {
		t.Errorf("files left: %s", got)
	}
}

func TestOutPath(t *testing.T) {
	tests := []struct {
		dir, rel, want string
	}{
		{"out", "a.txt", "out/a.txt"},
		{"out/", "sub/deep/b.md", "out/sub/deep/b.md"},
		{"./out", "c.jsonl.gz", "out/c.jsonl.gz"},
		{"/abs", "x/y.txt", "/abs/x/y.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			if got := OutPath(tt.dir, tt.rel); got != filepath.FromSlash(tt.want) {
				t.Errorf("OutPath(%q, %q) = %q, want %q", tt.dir, tt.rel, got, tt.want)
			}
		})
	}
}
