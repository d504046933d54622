package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/unspin/unspin/pipeline"
)

// runCLI runs the program with args and stdin, returning the exit code,
// stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"unspin"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRestoreSampleFilter(t *testing.T) {
	spun := readFile(t, "../../testdata/sample/spun.txt")
	code, out, errs := runCLI(t, spun, "restore")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Experts say the International Court of Justice",
		"vice president announced",
		"Cold War", "Mexico City", "Communist Party", "Columbia University",
		"a long history", "the right to asylum", "and then",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, bad := range []string{"Court docket", "Chilly Struggle", "Social gathering", "legal guidelines", "imaginative and prescient"} {
		if strings.Contains(out, bad) {
			t.Errorf("output still has %q", bad)
		}
	}
}

// TestEditsReproduceOutput checks the --edits contract: input[start:end]
// == old for every edit, and applying the applied edits to the input
// gives stdout exactly.
func TestEditsReproduceOutput(t *testing.T) {
	spun := readFile(t, "../../testdata/sample/spun.txt")
	dir := t.TempDir()
	editsPath := filepath.Join(dir, "edits.jsonl")
	code, out, errs := runCLI(t, spun, "restore", "--edits", editsPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rec pipeline.ArticleRecord
	if err := json.Unmarshal([]byte(readFile(t, editsPath)), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Edits) == 0 {
		t.Fatal("no edits")
	}
	got, err := pipeline.Apply([]byte(spun), checkRecords(t, spun, rec.Edits))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != out {
		t.Fatalf("applying the edits does not reproduce stdout")
	}
}

// checkRecords checks the --edits contract on edits of input in:
// in[start:end] == old, and line:col where start is. It returns the
// edits, ready for pipeline.Apply.
func checkRecords(t *testing.T, in string, recs []pipeline.EditRecord) []pipeline.Edit {
	t.Helper()
	var edits []pipeline.Edit
	for _, e := range recs {
		if got := in[e.Start:e.End]; got != e.Old {
			t.Fatalf("input[%d:%d] = %q, old = %q", e.Start, e.End, got, e.Old)
		}
		line := strings.Count(in[:e.Start], "\n") + 1
		col := e.Start - strings.LastIndex(in[:e.Start], "\n")
		if e.Line != line || e.Col != col {
			t.Fatalf("edit at %d: line:col %d:%d, want %d:%d", e.Start, e.Line, e.Col, line, col)
		}
		edits = append(edits, pipeline.Edit{Span: pipeline.Span{Start: e.Start, End: e.End}, New: e.New, Applied: e.Applied})
	}
	return edits
}

func TestRestoreCleanTextUnchanged(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/clean/*.txt")
	if len(files) == 0 {
		t.Fatal("no clean fixtures")
	}
	for _, f := range files {
		in := readFile(t, f)
		code, out, errs := runCLI(t, in, "restore")
		if code != 0 || out != in {
			t.Errorf("%s: exit %d, output differs from input: %s", f, code, errs)
		}
	}
}

// In a heavily spun article, where the spinner's ordinary words are
// restored, phrases that are ordinary English stay as written even though
// a spinner writes the same words for something else ("home sales",
// "to assist staff", "document excessive force", "the Commerce Minister").
func TestRestoreKeepsOrdinaryPhrasesInSpunText(t *testing.T) {
	in := "Consultants say the imaginative and prescient of the legal guidelines is an extended historical past. " +
		"The Worldwide Court docket of Justice heard the Chilly Struggle case at house.\n\n" +
		"Home sales slumped as home prices fell. Volunteers came to assist staff at the shelter. " +
		"Lawyers document excessive force complaints. Flooding hit the outer area of the city. " +
		"In a particular election year, the Commerce Minister said a funding agency would pay. " +
		"She filed a legal case; the legal costs of legal immigrants fell.\n"
	code, out, errs := runCLI(t, in, "restore")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Experts say the vision of the laws is a long history.") {
		t.Fatalf("the spun sentence is not restored, so the test proves nothing:\n%s", out)
	}
	if want := in[strings.Index(in, "\n\n"):]; !strings.HasSuffix(out, want) {
		t.Errorf("ordinary phrases were edited:\ngot  %q\nwant suffix %q", out, want)
	}
}

func TestRestoreJSONL(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "dump.jsonl")
	data := `{"id":"a","text":"Consultants warned of worldwide legal guidelines.","lang":"en"}` + "\n" +
		`{"id":"b", "text": broken}` + "\n" +
		`{"text":"A clean line <b>&amp;</b>.","n":1.0e3}` + "\n" +
		`{"id": "c",  "body": 1}` + "\n"
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "restore", "--quiet", in)
	if code != 2 {
		t.Fatalf("exit %d, want 2 for the malformed line; stderr: %s", code, errs)
	}
	if !strings.Contains(errs, in+":2: ") {
		t.Fatalf("stderr does not name %s:2: %q", in, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d output lines, want 4 (no record lost):\n%s", len(lines), out)
	}
	if lines[3] != `{"id": "c",  "body": 1}` {
		t.Fatalf("a record without text is not passed through verbatim: %q", lines[3])
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first["text"] != "Experts warned of international laws." || first["lang"] != "en" || first["unspin_edits"] != float64(2) {
		t.Fatalf("first record = %v", first)
	}
	if lines[1] != `{"id":"b", "text": broken}` {
		t.Fatalf("malformed line not passed through verbatim: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], `{"text":"A clean line <b>&amp;</b>.","n":1.0e3,`) {
		t.Fatalf("clean record changed: %q", lines[2])
	}
}

func TestRestoreOutDirMirrorsTree(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	files := map[string]string{
		"a.txt":          "New legal guidelines were passed.\n",
		"sub/b.md":       "Nothing to change here.\n",
		"sub/deep/c.txt": "The Chilly Struggle ended.\n",
	}
	for name, body := range files {
		p := filepath.Join(src, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	code, _, errs := runCLI(t, "", "restore", "--out", out, src)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "3 articles") {
		t.Fatalf("summary = %q", errs)
	}
	want := map[string]string{
		"a.txt":          "New laws were passed.\n",
		"sub/b.md":       "Nothing to change here.\n",
		"sub/deep/c.txt": "The Cold War ended.\n",
	}
	for name, body := range want {
		if got := readFile(t, filepath.Join(out, name)); got != body {
			t.Errorf("%s = %q, want %q", name, got, body)
		}
	}
}

// A quoted pattern ('dump/*.jsonl') is many inputs: --out mirrors each
// match; without --out it is refused like a directory.
func TestRestoreQuotedPattern(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(src, "one.jsonl"), []byte(`{"text":"New legal guidelines."}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(src, "two.jsonl"), []byte(`{"text":"The Chilly Struggle."}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(src, "skip.txt"), []byte("not matched\n"), 0o644)
	code, _, errs := runCLI(t, "", "restore", "--out", out, filepath.Join(src, "*.jsonl"))
	if code != 0 || !strings.Contains(errs, "2 articles") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := readFile(t, filepath.Join(out, "one.jsonl")); !strings.Contains(got, "New laws.") {
		t.Errorf("one.jsonl = %q", got)
	}
	if got := readFile(t, filepath.Join(out, "two.jsonl")); !strings.Contains(got, "The Cold War.") {
		t.Errorf("two.jsonl = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "skip.txt")); err == nil {
		t.Error("a file the pattern does not match was restored")
	}
	code, _, errs = runCLI(t, "", "restore", filepath.Join(src, "*.jsonl"))
	if code != 2 || !strings.Contains(errs, "is a pattern: use --out DIR") {
		t.Errorf("without --out: exit %d: %s", code, errs)
	}
}

func TestDeterministicAcrossJobs(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	spun := readFile(t, "../../testdata/sample/spun.txt")
	for i := 0; i < 40; i++ {
		text := spun
		if i%3 == 0 {
			text = "A plain record number " + strings.Repeat("x", i) + "."
		}
		rec, _ := json.Marshal(map[string]any{"id": i, "text": text})
		b.Write(rec)
		b.WriteByte('\n')
	}
	in := filepath.Join(dir, "d.jsonl")
	os.WriteFile(in, []byte(b.String()), 0o644)
	var outs []string
	for _, j := range []string{"1", "2", "7"} {
		code, out, errs := runCLI(t, "", "restore", "-q", "-j", j, "--edits", filepath.Join(dir, "e"+j), in)
		if code != 0 {
			t.Fatalf("-j %s: exit %d: %s", j, code, errs)
		}
		outs = append(outs, out+readFile(t, filepath.Join(dir, "e"+j)))
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Fatal("output differs between -j 1, 2 and 7")
	}
}

func TestBadLexiconFileNamesEveryLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "mine.tsv")
	os.WriteFile(p, []byte("good\tfine\tprior=0.5\nbad line\nx\ty\tprior=2\n"), 0o644)
	code, _, errs := runCLI(t, "text", "restore", "--lexicon", p)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	for _, want := range []string{p + ":2: want 3 tab-separated fields", p + `:3: prior "2" is not a number in [0,1]`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestUserLexiconOverrides(t *testing.T) {
	p := filepath.Join(t.TempDir(), "mine.tsv")
	os.WriteFile(p, []byte("gizmo\tgadget\tprior=0.99 src=user\n"), 0o644)
	code, out, _ := runCLI(t, "A gizmo here.", "restore", "--lexicon", p)
	if code != 0 || out != "A gadget here." {
		t.Fatalf("exit %d, out %q", code, out)
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, "", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, cmd := range []string{"restore", "eval", "lexicon"} {
		if !strings.Contains(out, cmd) {
			t.Errorf("--help lacks %q", cmd)
		}
	}
	code, out, _ = runCLI(t, "", "restore", "--help")
	if code != 0 || !strings.Contains(out, "--min-confidence") || !strings.Contains(out, "Unix filter") {
		t.Fatalf("restore --help: exit %d\n%s", code, out)
	}
}

func TestMissingInputContinues(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("New legal guidelines were passed.\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "", "restore", "-q", "--out", out, filepath.Join(dir, "missing.txt"), good)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(errs, "missing.txt") {
		t.Fatalf("stderr does not name the missing file: %q", errs)
	}
	if got := readFile(t, filepath.Join(out, "good.txt")); got != "New laws were passed.\n" {
		t.Fatalf("the good input was not processed: %q", got)
	}
}

// TestEntityNamesRestoredWhole: issue #4's acceptance text, mangled names
// of institutions, places, wars and parties written for the test; every
// name in names.txt must come back whole.
func TestEntityNamesRestoredWhole(t *testing.T) {
	in := readFile(t, "../../testdata/entities/spun.txt")
	code, out, errs := runCLI(t, in, "restore")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	names := strings.Split(strings.TrimSpace(readFile(t, "../../testdata/entities/names.txt")), "\n")
	if len(names) < 24 {
		t.Fatalf("only %d names in the fixture", len(names))
	}
	for _, n := range names {
		if !strings.Contains(out, n) {
			t.Errorf("name not restored: %q", n)
		}
	}
	for _, bad := range []string{"Court docket", "Safety Council", "Well being", "Metropolis", "Struggle", "Social gathering", "Division of", "Enterprise Insider", "Getty Photos", "Courtroom", "Common Declaration"} {
		if strings.Contains(out, bad) {
			t.Errorf("mangled %q left in the output", bad)
		}
	}
}

func TestUserGazetteer(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "gazetteer-local.txt"), []byte("Springfield Normal Academy\ttype=school protect=yes src=user\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "words.tsv"), []byte("normal\tgeneral\tprior=0.99 match=cap src=user\n"), 0o644)
	in := "The Normal Francisco Franco era ended; Springfield Normal Academy reopened."
	code, out, errs := runCLI(t, in, "restore", "--lexicon", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if out != "The General Francisco Franco era ended; Springfield Normal Academy reopened." {
		t.Fatalf("out = %q", out)
	}
	os.WriteFile(filepath.Join(dir, "bad.gaz"), []byte("no attrs here\n"), 0o644)
	code, _, errs = runCLI(t, in, "restore", "--lexicon", dir)
	if code != 2 || !strings.Contains(errs, "bad.gaz:1: want 2 tab-separated fields") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

func TestResumeSkipsFinishedOutputs(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("New legal guidelines.\n"), 0o644)
	os.WriteFile(filepath.Join(src, "b.txt"), []byte("The Chilly Struggle.\n"), 0o644)
	// a finished output from an earlier run, deliberately different
	os.WriteFile(filepath.Join(out, "a.txt"), []byte("earlier run\n"), 0o644)
	code, _, errs := runCLI(t, "", "restore", "--resume", "--out", out, src)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := readFile(t, filepath.Join(out, "a.txt")); got != "earlier run\n" {
		t.Errorf("finished output was redone: %q", got)
	}
	if got := readFile(t, filepath.Join(out, "b.txt")); got != "The Cold War.\n" {
		t.Errorf("unfinished output: %q", got)
	}
	if !strings.Contains(errs, "1 already done (--resume)") {
		t.Errorf("summary = %q", errs)
	}
	code, _, errs = runCLI(t, "", "restore", "--resume", filepath.Join(src, "a.txt"))
	if code != 2 || !strings.Contains(errs, "--resume needs --out") {
		t.Errorf("--resume without --out: exit %d, %q", code, errs)
	}
}

func TestCompressedDumpsMirrored(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	rec := `{"id":"1","text":"New legal guidelines."}` + "\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(rec))
	zw.Close()
	os.WriteFile(filepath.Join(src, "d.jsonl.gz"), gz.Bytes(), 0o644)
	enc, _ := zstd.NewWriter(nil)
	os.WriteFile(filepath.Join(src, "e.jsonl.zst"), enc.EncodeAll([]byte(rec), nil), 0o644)
	code, _, errs := runCLI(t, "", "restore", "-q", "--out", out, src)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(filepath.Join(out, "d.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("output is not gzip: %v", err)
	}
	plain, _ := io.ReadAll(zr)
	if !strings.Contains(string(plain), `"text":"New laws."`) {
		t.Errorf("gz output = %s", plain)
	}
	dec, _ := zstd.NewReader(nil)
	zb, _ := os.ReadFile(filepath.Join(out, "e.jsonl.zst"))
	plain, err = dec.DecodeAll(zb, nil)
	if err != nil || !strings.Contains(string(plain), `"text":"New laws."`) {
		t.Errorf("zst output = %s, %v", plain, err)
	}
}

// hugeText sets maxTextPart to 1500 bytes for the test and returns a
// spun text of ten parts and more, with lines longer than a part.
func hugeText(t *testing.T) string {
	old := maxTextPart
	t.Cleanup(func() { maxTextPart = old })
	maxTextPart = 1500
	spun := readFile(t, "../../testdata/sample/spun.txt")
	var b strings.Builder
	for b.Len() < 10*maxTextPart {
		b.WriteString(spun)
		b.WriteString(" Then a line that goes on without a break, ")
	}
	return b.String()
}

// A text file over maxTextPart is read and restored in parts: the output
// is the parts joined, in --out and on stdout alike, and the edits carry
// offsets, lines and columns into the whole file.
func TestRestoreHugeTextInParts(t *testing.T) {
	in := hugeText(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "in", "huge.txt")
	os.MkdirAll(filepath.Dir(src), 0o755)
	if err := os.WriteFile(src, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	editsPath := filepath.Join(dir, "edits.jsonl")
	code, _, errs := runCLI(t, "", "restore", "-j", "2", "--out", filepath.Join(dir, "out"), "--edits", editsPath, filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "unspin: 1 article, 1 spun,") {
		t.Errorf("summary: %s", errs)
	}
	out := readFile(t, filepath.Join(dir, "out", "huge.txt"))
	code, stdout, errs := runCLI(t, "", "restore", "-j", "1", src)
	if code != 0 || stdout != out {
		t.Fatalf("stdout differs from the --out file (exit %d: %s)", code, errs)
	}
	if strings.Contains(out, "Chilly Struggle") || strings.Count(out, "Cold War") < 10 {
		t.Errorf("parts not restored: %d Cold War", strings.Count(out, "Cold War"))
	}
	var edits []pipeline.Edit
	dec := json.NewDecoder(strings.NewReader(readFile(t, editsPath)))
	parts := 0
	for dec.More() {
		var rec pipeline.ArticleRecord
		if err := dec.Decode(&rec); err != nil {
			t.Fatal(err)
		}
		parts++
		edits = append(edits, checkRecords(t, in, rec.Edits)...)
	}
	if parts < 10 {
		t.Errorf("%d edit records, want one per part (>= 10)", parts)
	}
	got, err := pipeline.Apply([]byte(in), edits)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != out {
		t.Fatal("applying the edits does not reproduce the output")
	}
}

// The shipped lexicon passes its own lint, and lint finds a planted
// conflict: a learned pair that differs from a curated one only in case.
func TestLexiconLint(t *testing.T) {
	if code, out, errs := runCLI(t, "", "lexicon", "lint"); code != 0 {
		t.Fatalf("shipped lexicon: exit %d\n%s%s", code, out, errs)
	}
	p := filepath.Join(t.TempDir(), "mine.tsv")
	os.WriteFile(p, []byte("illness control\tdisease control\tprior=0.99 src=curated\n"+
		"illness control\tDisease Control\tprior=0.7 src=learned\n"), 0o644)
	code, out, errs := runCLI(t, "", "lexicon", "lint", p)
	if code != 1 || !strings.Contains(out+errs, `conflict: "illness control"`) {
		t.Fatalf("exit %d, want 1 and the conflict named:\n%s%s", code, out, errs)
	}
	// a word the tokenizer never makes ("however," splits into a word and
	// a comma) is named; a final period or apostrophe is fine
	os.WriteFile(p, []byte("nonetheless, the\thowever, the\tprior=0.9\n"+
		"u.s. legal professional\tU.S. attorney\tprior=0.99\n"+
		"magistrates' courtroom\tmagistrates' court\tprior=0.99\n"), 0o644)
	code, out, errs = runCLI(t, "", "lexicon", "lint", p)
	if code != 1 || !strings.Contains(out+errs, `mine.tsv:1: never matches: "nonetheless, the": "nonetheless," is not one word`) ||
		strings.Count(out+errs, "never matches") != 1 {
		t.Fatalf("exit %d, want 1 and only line 1 named:\n%s%s", code, out, errs)
	}
}

// lexicon learn leaves out pairs the curated lexicon already has, in any
// case: a learned "Disease Control" next to a curated "disease control"
// is a lint conflict.
func TestLexiconLearnSkipsCurated(t *testing.T) {
	dir := t.TempDir()
	pair := filepath.Join(dir, "001")
	os.MkdirAll(pair, 0o755)
	same := "The plan was written over the winter by a small team of doctors and nurses in the city. "
	os.WriteFile(filepath.Join(pair, "spun.txt"), []byte(same+"They said the illness management plan was new to them and to everyone else. "+same+"\n"), 0o644)
	os.WriteFile(filepath.Join(pair, "original.txt"), []byte(same+"They said the Disease Control plan was new to them and to everyone else. "+same+"\n"), 0o644)
	os.WriteFile(filepath.Join(pair, "meta.json"), []byte(`{"family":"W","group":"g1"}`), 0o644)
	code, out, errs := runCLI(t, "", "lexicon", "learn", "--pairs", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(strings.ToLower(out), "illness management\tdisease control") {
		t.Fatalf("learned a pair the curated lexicon has:\n%s", out)
	}
	code, out, _ = runCLI(t, "", "lexicon", "learn", "--pairs", dir, "--all")
	if code != 0 || !strings.Contains(strings.ToLower(out), "illness management\tdisease control") {
		t.Fatalf("--all should list it (exit %d):\n%s", code, out)
	}
}
