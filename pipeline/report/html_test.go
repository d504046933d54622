package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
	"github.com/unspin/unspin/pipeline/report"
)

const testLex = `legal guidelines	laws	prior=0.97
chilly struggle	Cold War	prior=0.99 kind=entity
consultants	experts	prior=0.8
house	home	prior=0.3
after which	and then	prior=0.85 kind=function
`

func articles(t *testing.T) []report.Article {
	t.Helper()
	es, err := lexicon.Parse(strings.NewReader(testLex), "t.tsv")
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.Default(lexicon.New(es), pipeline.DefaultOptions())
	var out []report.Article
	for i, text := range []string{
		"Consultants said the Chilly Struggle ended, after which new legal guidelines came. The house stood. <script>alert(1)</script> & \"quotes\" </script>",
		"A clean article about a house.",
	} {
		doc, err := p.Process(context.Background(), []string{"spun", "clean"}[i], "", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, report.FromDocument(doc))
	}
	return out
}

func TestHTMLIsSelfContainedAndDeterministic(t *testing.T) {
	arts := articles(t)
	var a, b bytes.Buffer
	if err := report.WriteHTML(&a, arts, 0.85); err != nil {
		t.Fatal(err)
	}
	report.WriteHTML(&b, arts, 0.85)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("output differs between runs")
	}
	s := a.String()
	for _, bad := range []string{"http://", "https://", "<link", "src=", "<script>alert"} {
		if strings.Contains(s, bad) {
			t.Errorf("report contains %q (must be self-contained and escaped)", bad)
		}
	}
	if strings.Count(s, "</script>") != 2 {
		t.Errorf("article text broke out of the data element: %d </script>", strings.Count(s, "</script>"))
	}
}

// TestHTMLInBrowser drives the report in headless chromium.
func TestHTMLInBrowser(t *testing.T) {
	chrome, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed: apt-get install chromium")
	}
	arts := articles(t)
	path := filepath.Join(t.TempDir(), "report.html")
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, arts, 0.85); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)

	// Not t.TempDir: chromium may still be writing its profile when the
	// test ends, and TempDir's cleanup fails on a busy directory.
	profile, err := os.MkdirTemp("", "unspin-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true), chromedp.UserDataDir(profile))
	ctx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel = chromedp.NewContext(ctx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	spun := arts[0]
	var shown, applied0, applied1, appliedAll, hidden int
	var focused, exported string
	step := func(name string) chromedp.ActionFunc {
		return func(context.Context) error { t.Logf("step %s", name); return nil }
	}
	err = chromedp.Run(ctx,
		step("navigate"),
		chromedp.Navigate("file://"+path),
		chromedp.Evaluate(`document.querySelectorAll("#article .edit").length`, &shown),
		chromedp.Evaluate(`+document.getElementById("applied-count").textContent`, &applied0),
		chromedp.Evaluate(`(()=>{const s=document.getElementById("threshold"); s.value="1"; s.dispatchEvent(new Event("input")); return +document.getElementById("applied-count").textContent})()`, &applied1),
		chromedp.Evaluate(`(()=>{const s=document.getElementById("threshold"); s.value="0"; s.dispatchEvent(new Event("input")); return +document.getElementById("applied-count").textContent})()`, &appliedAll),
		step("filter"),
		chromedp.Evaluate(`document.getElementById("kind-entity").click()`, nil),
		chromedp.Evaluate(`document.querySelectorAll("#article .edit.hidden").length`, &hidden),
		chromedp.Evaluate(`document.getElementById("kind-entity").click()`, nil),
		step("keys"),
		chromedp.Evaluate(`document.querySelector('#article .edit[data-k="0"]').focus()`, nil),
		chromedp.KeyEvent("a"),
		chromedp.KeyEvent("j"),
		chromedp.KeyEvent("r"),
		chromedp.Evaluate(`document.activeElement.dataset.k`, &focused),
		step("export"),
		chromedp.Evaluate(`document.getElementById("export").click()`, nil),
		chromedp.Evaluate(`document.getElementById("feedback-json").value`, &exported),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("edits %d; applied at 0.85/1/0: %d/%d/%d; hidden by the entity filter %d; focus after j %s", shown, applied0, applied1, appliedAll, hidden, focused)
	if shown != len(spun.Edits) || shown < 4 {
		t.Errorf("%d edits rendered, want %d", shown, len(spun.Edits))
	}
	wantApplied := 0
	entities := 0
	for _, e := range spun.Edits {
		if e.Confidence >= 0.85 {
			wantApplied++
		}
		if e.Kind == "entity" {
			entities++
		}
	}
	if applied0 != wantApplied || applied1 >= applied0 || appliedAll != len(spun.Edits) {
		t.Errorf("slider: applied %d at 0.85 (want %d), %d at 1, %d at 0 (want %d)", applied0, wantApplied, applied1, appliedAll, len(spun.Edits))
	}
	if hidden != entities || entities == 0 {
		t.Errorf("kind filter hid %d edits, want %d", hidden, entities)
	}
	if focused != "1" {
		t.Errorf("after j the focus is on edit %q, want 1", focused)
	}
	e0, e1 := spun.Edits[0], spun.Edits[1]
	want, _ := json.Marshal(map[string]any{"version": 1, "generated_by": "unspin", "decisions": []map[string]any{
		{"article": "spun", "start": e0.Start, "end": e0.End, "old": e0.Old, "new": e0.New, "rule": e0.Rule, "decision": "accept"},
		{"article": "spun", "start": e1.Start, "end": e1.End, "old": e1.Old, "new": e1.New, "rule": e1.Rule, "decision": "reject"},
	}})
	var got, exp any
	json.Unmarshal([]byte(exported), &got)
	json.Unmarshal(want, &exp)
	gb, _ := json.Marshal(got)
	eb, _ := json.Marshal(exp)
	if string(gb) != string(eb) {
		t.Errorf("exported feedback\n got %s\nwant %s", exported, want)
	}
}

// reportData returns the JSON the page embeds.
func reportData(t *testing.T, page string) (data struct {
	Articles  []report.Article `json:"articles"`
	Threshold float64          `json:"threshold"`
}) {
	t.Helper()
	const open = `<script type="application/json" id="data">`
	_, rest, ok := strings.Cut(page, open)
	body, _, ok2 := strings.Cut(rest, "</script>")
	if !ok || !ok2 {
		t.Fatal("no data element")
	}
	if err := json.Unmarshal([]byte(body), &data); err != nil {
		t.Fatalf("data: %v\n%s", err, body)
	}
	return data
}

// The report's articles come sorted by spin (highest first), then by id,
// then in the order they were added, whatever order they come in; an empty
// report has an empty list.
func TestHTMLWriterOrder(t *testing.T) {
	w := report.NewWriter(0.7)
	defer w.Close()
	for _, a := range []report.Article{
		{ID: "b", Spin: 0.2, Text: "x"}, {ID: "a", Spin: 0.9, Text: "first a"}, {ID: "c", Spin: 0.9, Text: "c"},
		{ID: "a", Spin: 0.9, Text: "second a"}, {ID: "d", Spin: 0.5, Text: "<&>"},
	} {
		if err := w.Add(&a); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := w.Write(&buf); err != nil {
		t.Fatal(err)
	}
	d := reportData(t, buf.String())
	var got []string
	for _, a := range d.Articles {
		got = append(got, a.ID+":"+a.Text)
	}
	if want := "a:first a,a:second a,c:c,d:<&>,b:x"; strings.Join(got, ",") != want || d.Threshold != 0.7 {
		t.Fatalf("articles %s, threshold %v; want %s, 0.7", strings.Join(got, ","), d.Threshold, want)
	}
	if !strings.Contains(buf.String(), "<title>unspin review (5 articles)</title>") {
		t.Fatal("title lacks the count")
	}

	var empty bytes.Buffer
	if err := report.WriteHTML(&empty, nil, 0.85); err != nil {
		t.Fatal(err)
	}
	if d := reportData(t, empty.String()); d.Articles == nil || len(d.Articles) != 0 {
		t.Fatalf("empty report: %+v", d)
	}
}
