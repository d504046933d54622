package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
)

// The tests run the pipeline on the prism runner, in process.
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// manyRecords is the number of records in the generated shard many.jsonl.
const manyRecords = 300

// shards copies the fixture shards (plain and gzipped JSONL) into dir/in,
// adds many.jsonl (manyRecords records made from the lines of a.jsonl and
// b.jsonl, each with its own "n" field: enough to see records written out
// of order by the restoring goroutines), and returns dir/in.
func shards(t *testing.T, dir string) string {
	t.Helper()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join("testdata", "shards", "*"))
	if err != nil || len(names) < 4 {
		t.Fatalf("fixture shards: %v %v", names, err)
	}
	var records []string
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, filepath.Base(name)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if base := filepath.Base(name); base == "a.jsonl" || base == "b.jsonl" {
			for _, l := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(l, "{") {
					records = append(records, l)
				}
			}
		}
	}
	var many strings.Builder
	for i := range manyRecords {
		fmt.Fprintf(&many, "{\"n\":%d,%s\n", i, records[i%len(records)][1:])
	}
	if err := os.WriteFile(filepath.Join(in, "many.jsonl"), []byte(many.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return in
}

// cli builds the unspin command of the core module (the directory the
// replace directive points at), in that module.
func cli(t *testing.T, dir string) string {
	t.Helper()
	core, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/unspin/unspin").Output()
	if err != nil {
		t.Fatalf("finding the core module: %v", err)
	}
	bin := filepath.Join(dir, "unspin")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/unspin")
	cmd.Dir = strings.TrimSpace(string(core))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building unspin: %v\n%s", err, out)
	}
	return bin
}

// readShard returns a cleaned shard's bytes, decompressed.
func readShard(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var out bytes.Buffer
		if _, err := out.ReadFrom(zr); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return out.Bytes()
	}
	return b
}

func lines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ls := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	sort.Strings(ls)
	return ls
}

// TestSameAsCLI runs the Beam pipeline and `unspin restore` on the same
// shards: every cleaned shard must be the same bytes, and the edits the
// same records.
func TestSameAsCLI(t *testing.T) {
	dir := t.TempDir()
	in := shards(t, dir)
	bin := cli(t, dir)
	files, _ := filepath.Glob(filepath.Join(in, "*"))
	sort.Strings(files)

	cliOut, cliEdits := filepath.Join(dir, "cli"), filepath.Join(dir, "cli-edits.jsonl")
	cmd := exec.Command(bin, append([]string{"restore", "--quiet", "--jsonl", "--out", cliOut, "--edits", cliEdits}, files...)...)
	if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 2 {
		t.Fatalf("unspin restore: %v\n%s", err, out)
	}

	beamOut, beamEdits, dead := filepath.Join(dir, "beam"), filepath.Join(dir, "beam-edits.jsonl"), filepath.Join(dir, "dead.jsonl")
	os.MkdirAll(beamOut, 0o755)
	res := ptest.BuildAndRun(t, func(s beam.Scope) {
		Build(s, Config{Inputs: []string{filepath.Join(in, "*.jsonl"), filepath.Join(in, "*.jsonl.gz")}, Out: beamOut, Edits: beamEdits, DeadLetter: dead, Jobs: 3})
	})

	for _, f := range files {
		name := filepath.Base(f)
		want := readShard(t, filepath.Join(cliOut, name))
		got := readShard(t, filepath.Join(beamOut, name))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: Beam output differs from unspin restore:\nbeam %q\ncli  %q", name, got, want)
		}
		if len(want) == 0 {
			t.Errorf("%s: empty output", name)
		}
	}

	// Edits: the CLI writes a record for every line, with "error" for a
	// bad one; the bad ones are Beam's dead letters instead.
	var wantEdits []string
	for _, l := range lines(t, cliEdits) {
		if !strings.Contains(l, `"error":`) {
			wantEdits = append(wantEdits, l)
		}
	}
	gotEdits := lines(t, beamEdits)
	if strings.Join(gotEdits, "\n") != strings.Join(wantEdits, "\n") {
		t.Errorf("edits differ:\nbeam %d records\ncli  %d records\nbeam: %s\ncli:  %s", len(gotEdits), len(wantEdits), strings.Join(gotEdits, "\n"), strings.Join(wantEdits, "\n"))
	}
	applied := 0
	for _, l := range gotEdits {
		applied += strings.Count(l, `"applied":true`)
	}
	if applied < 100 {
		t.Errorf("only %d edits applied: the fixtures are not spun enough to test anything", applied)
	}

	c := counters(res)
	// a.jsonl 4, c.jsonl.gz 4, b.jsonl 3 (a blank line is no record), bad.jsonl 5, many.jsonl
	if c["articles"] != 16+manyRecords || c["malformed_records"] != 3 || c["errors"] != 3 {
		t.Errorf("counters: %v", c)
	}
	var byKind int64
	for name, n := range c {
		if strings.HasPrefix(name, "edits_") {
			byKind += n
		}
	}
	if c["spun_articles"] < 100 || byKind != int64(applied) {
		t.Errorf("counters: %v (applied edits in the records: %d)", c, applied)
	}
}

// TestDeadLetter: every malformed record goes to the dead letters with
// its file, line and reason, and to the cleaned shard verbatim.
func TestDeadLetter(t *testing.T) {
	dir := t.TempDir()
	in := shards(t, dir)
	out, dead := filepath.Join(dir, "out"), filepath.Join(dir, "dead.jsonl")
	os.MkdirAll(out, 0o755)
	res := ptest.BuildAndRun(t, func(s beam.Scope) {
		Build(s, Config{Inputs: []string{filepath.Join(in, "bad.jsonl")}, Out: out, DeadLetter: dead})
	})
	type letter struct {
		Path   string `json:"path"`
		Line   int    `json:"line"`
		Reason string `json:"reason"`
		Record string `json:"record"`
	}
	var got []letter
	for _, l := range lines(t, dead) {
		var d letter
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		got = append(got, d)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Line < got[j].Line })
	want := []letter{
		{Line: 2, Reason: "invalid json", Record: "not json at all"},
		{Line: 3, Reason: `field "text" is a number, want a string`, Record: `{"id":"c3","text":42}`},
		{Line: 4, Reason: `no "text" field`, Record: `{"id":"c4","body":"no text field here"}`},
	}
	if len(got) != len(want) {
		t.Fatalf("dead letters: %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Path != filepath.Join(in, "bad.jsonl") || g.Line != w.Line || !strings.HasPrefix(g.Reason, w.Reason) || g.Record != w.Record {
			t.Errorf("dead letter %d: %+v, want line %d, reason %q..., record %q", i, g, w.Line, w.Reason, w.Record)
		}
	}
	cleaned := string(readShard(t, filepath.Join(out, "bad.jsonl")))
	for _, w := range want {
		if !strings.Contains(cleaned, w.Record+"\r\n") {
			t.Errorf("cleaned shard lacks the bad record %q verbatim", w.Record)
		}
	}
	if !strings.Contains(cleaned, "Experts warned that the laws would change.") {
		t.Errorf("the good records were not restored:\n%s", cleaned)
	}
	if c := counters(res); c["articles"] != 5 || c["malformed_records"] != int64(len(want)) || c["errors"] != int64(len(want)) {
		t.Errorf("counters: %v, want 5 articles, %d malformed records and errors", c, len(want))
	}
}

// The confidence threshold reaches the workers: at 1 nothing is applied.
func TestMinConfidence(t *testing.T) {
	dir := t.TempDir()
	in := shards(t, dir)
	out := filepath.Join(dir, "out")
	os.MkdirAll(out, 0o755)
	one := 1.0
	ptest.BuildAndRun(t, func(s beam.Scope) {
		Build(s, Config{Inputs: []string{filepath.Join(in, "a.jsonl")}, Out: out, MinConfidence: &one})
	})
	got := string(readShard(t, filepath.Join(out, "a.jsonl")))
	if n := strings.Count(got, `"unspin_edits":0`); n != 4 || !strings.Contains(got, "Chilly Struggle") {
		t.Errorf("with --min_confidence 1, %d of 4 records have no edit:\n%s", n, got)
	}
}

// TestRemoteShardsCompressed reads and writes shards through Beam's file
// system (memfs:// here, as gs:// or s3:// in production): a .gz shard is
// read decompressed and written back gzipped, with the same records as
// the local run writes.
func TestRemoteShardsCompressed(t *testing.T) {
	dir := t.TempDir()
	in := shards(t, dir)
	ctx := context.Background()
	fs, err := filesystem.New(ctx, "memfs://")
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	src, _ := os.ReadFile(filepath.Join(in, "c.jsonl.gz"))
	w, err := fs.OpenWrite(ctx, "memfs://in/c.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(src)
	w.Close()

	local := filepath.Join(dir, "local")
	os.MkdirAll(local, 0o755)
	ptest.BuildAndRun(t, func(s beam.Scope) {
		Build(s, Config{Inputs: []string{filepath.Join(in, "c.jsonl.gz")}, Out: local})
	})
	ptest.BuildAndRun(t, func(s beam.Scope) {
		Build(s, Config{Inputs: []string{"memfs://in/c.jsonl.gz"}, Out: "memfs://out/"})
	})
	r, err := fs.OpenRead(ctx, "memfs://out/c.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	zr, err := gzip.NewReader(r)
	if err != nil {
		t.Fatalf("remote shard is not gzipped: %v", err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if want := readShard(t, filepath.Join(local, "c.jsonl.gz")); !bytes.Equal(got, want) || len(want) == 0 {
		t.Fatalf("remote shard differs from the local one:\n%s\n---\n%s", got, want)
	}
}

// With --edits DIR/, each shard's edits go to DIR/<shard>.edits.jsonl,
// written by the worker: the same records as the side output, per shard.
func TestEditsPerShard(t *testing.T) {
	dir := t.TempDir()
	in := shards(t, dir)
	side, perShard := filepath.Join(dir, "side.jsonl"), filepath.Join(dir, "edits")+string(filepath.Separator)
	os.MkdirAll(filepath.Join(dir, "out1"), 0o755)
	os.MkdirAll(filepath.Join(dir, "out2"), 0o755)
	inputs := []string{filepath.Join(in, "*.jsonl"), filepath.Join(in, "*.jsonl.gz")}
	ptest.BuildAndRun(t, func(s beam.Scope) {
		Build(s, Config{Inputs: inputs, Out: filepath.Join(dir, "out1"), Edits: side})
	})
	ptest.BuildAndRun(t, func(s beam.Scope) {
		Build(s, Config{Inputs: inputs, Out: filepath.Join(dir, "out2"), Edits: perShard})
	})
	var got []string
	for _, name := range []string{"a.edits.jsonl", "b.edits.jsonl", "bad.edits.jsonl", "many.edits.jsonl", "c.edits.jsonl.gz"} {
		b := readShard(t, filepath.Join(perShard, name))
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if l != "" {
				got = append(got, l)
			}
		}
	}
	sort.Strings(got)
	want := lines(t, side)
	if len(want) < manyRecords || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("per-shard edits (%d records) differ from the side output (%d)", len(got), len(want))
	}
}
