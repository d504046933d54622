package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestBadInputBytesPassThrough: dirty text never crashes the run, and
// every byte outside an applied edit comes out unchanged.
func TestBadInputBytesPassThrough(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"invalid utf-8", "caf\xe9 \xff\xfe legal guidelines", "caf\xe9 \xff\xfe laws"},
		{"nul bytes: binary, copied unchanged", "a\x00b\x00 the Chilly Struggle", "a\x00b\x00 the Chilly Struggle"},
		{"bom", "\ufeffThe Chilly Struggle ended.", "\ufeffThe Cold War ended."},
		{"crlf", "The Chilly Struggle ended.\r\nNew legal guidelines.\r\n", "The Cold War ended.\r\nNew laws.\r\n"},
		{"mixed line endings", "One.\rTwo legal guidelines.\nThree.\r\n", "One.\rTwo laws.\nThree.\r\n"},
		// the zero-width space inside the phrase goes with the phrase
		{"zero-width and controls", "legal\u200b guidelines \x07\x1b[0m imaginative and prescient", "laws \x07\x1b[0m vision"},
		{"only whitespace", " \n\t\r\n", " \n\t\r\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tt.in, "restore")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if out != tt.want {
				t.Fatalf("out = %q, want %q", out, tt.want)
			}
		})
	}
}

// TestBadInputExitCodesAndMessages checks the exit status and the exact
// shape of the stderr message for each kind of bad input.
func TestBadInputExitCodesAndMessages(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("in/good.txt", "New legal guidelines.\n")
	bin := write("in/blob.txt", "\x00\x01\x02binary\x00")
	bad := write("dump.jsonl", "{\"text\":\"ok\"}\n{\"text\":\n{\"id\":1}\n")
	unreadable := write("in/secret.txt", "x")
	os.Chmod(unreadable, 0)
	canRead := false
	if f, err := os.Open(unreadable); err == nil { // root reads anything
		canRead = true
		f.Close()
	}
	blocker := write("blocker", "")

	tests := []struct {
		name     string
		args     []string
		code     int
		stderr   []string // lines that must appear
		skipRoot bool
	}{
		{"missing input", []string{"restore", "-q", "--out", filepath.Join(dir, "o1"), filepath.Join(dir, "nope.txt"), good},
			2, []string{"unspin: corpus: " + filepath.Join(dir, "nope.txt") + ": no such file or directory"}, false},
		{"malformed jsonl lines", []string{"restore", "-q", bad},
			2, []string{"unspin: corpus: " + bad + ":2: invalid json: unexpected end of input", "unspin: corpus: " + bad + `:3: no "text" field`}, false},
		{"binary file copied", []string{"restore", "-q", "--out", filepath.Join(dir, "o2"), filepath.Join(dir, "in")},
			0, []string{"unspin: " + bin + ": binary file, copied unchanged"}, true},
		{"binary file skipped", []string{"restore", "-q", "--skip-binary", "--out", filepath.Join(dir, "o3"), bin},
			0, []string{"unspin: " + bin + ": binary file, skipped"}, false},
		{"unwritable output", []string{"restore", "-q", "--out", filepath.Join(blocker, "sub"), good},
			2, []string{"unspin: corpus: " + filepath.Join(blocker, "sub", "good.txt") + ": not a directory"}, false},
		{"unreadable input", []string{"restore", "-q", "--out", filepath.Join(dir, "o4"), unreadable, good},
			2, []string{"unspin: corpus: " + unreadable + ": permission denied"}, true},
		{"bad min-confidence", []string{"restore", "--min-confidence", "2"},
			2, []string{"unspin: --min-confidence 2: want a number in [0,1]"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.skipRoot && canRead && tt.name == "unreadable input" {
				t.Skip("running as root: every file is readable")
			}
			code, _, errs := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errs)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(errs, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errs)
				}
			}
		})
	}
	// The good file was processed despite the missing one next to it.
	if b, err := os.ReadFile(filepath.Join(dir, "o1", "good.txt")); err != nil || string(b) != "New laws.\n" {
		t.Errorf("good input after a missing one: %q, %v", b, err)
	}
	// The binary file was copied byte for byte.
	if b, err := os.ReadFile(filepath.Join(dir, "o2", "blob.txt")); err != nil || string(b) != "\x00\x01\x02binary\x00" {
		t.Errorf("binary copy: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "o3", "blob.txt")); !os.IsNotExist(err) {
		t.Errorf("--skip-binary still wrote the file")
	}
}

// fullWriter fails every write as a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// A full disk on stdout ends the run with status 2 and says so.
func TestFullDiskOnStdout(t *testing.T) {
	var errb bytes.Buffer
	code := run(context.Background(), []string{"unspin", "restore"}, strings.NewReader(readFile(t, "../../testdata/sample/spun.txt")), fullWriter{}, &errb)
	if code != exitError || !strings.Contains(errb.String(), "no space left on device") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

// eval names every pair it cannot read, evaluates the others and exits 2.
func TestEvalSkipsBadPairs(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(s), 0o644)
	}
	same := "The town council met on a cold Tuesday morning in the small hall near the river. "
	spun := same + "They said the Chilly Struggle ended and new legal guidelines came into force that year. " + same + "\n"
	orig := same + "They said the Cold War ended and new laws came into force that year. " + same + "\n"
	write("good/spun.txt", spun)
	write("good/original.txt", orig)
	write("good/meta.json", `{"family":"   ","group":"g"}`) // a blank family: unknown, not a crash
	write("noorig/spun.txt", spun)
	write("badmeta/spun.txt", spun)
	write("badmeta/original.txt", orig)
	write("badmeta/meta.json", `{"family": W}`)
	code, out, errs := runCLI(t, "", "eval", "--pairs", dir)
	if code != 2 {
		t.Fatalf("exit %d, want 2\n%s%s", code, out, errs)
	}
	for _, want := range []string{filepath.Join(dir, "noorig", "original.txt"), filepath.Join(dir, "badmeta", "meta.json")} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr does not name %s:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "pairs: 1 word-spinner pairs") || !strings.Contains(out, "reduction 100.0%") {
		t.Fatalf("the good pair was not evaluated:\n%s", out)
	}
}
