package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"sort"

	"github.com/unspin/unspin/pipeline"
)

// Article is one article of a report.
type Article struct {
	ID    string                `json:"id"`
	Path  string                `json:"path,omitempty"`
	Spin  float64               `json:"spin"`
	Words int                   `json:"words"`
	Text  string                `json:"text"`
	Edits []pipeline.EditRecord `json:"edits"`
}

// FromDocument makes a report article from a processed document.
func FromDocument(doc *pipeline.Document) Article {
	rec := doc.Record()
	return Article{ID: doc.ID, Path: doc.Path, Spin: rec.Spin, Words: doc.Words, Text: string(doc.Source), Edits: rec.Edits}
}

// WriteHTML writes the review report for arts, sorted by spin score
// (highest first, then by id). minConfidence is the slider's starting
// threshold. The output depends on nothing but the arguments.
func WriteHTML(w io.Writer, arts []Article, minConfidence float64) error {
	r := NewWriter(minConfidence)
	defer r.Close()
	for i := range arts {
		if err := r.Add(&arts[i]); err != nil {
			return err
		}
	}
	return r.Write(w)
}

// Writer builds the review report one article at a time, for batches too
// big to hold: each article is encoded as it comes into an unlinked
// temporary file, and only its spin, id and place there stay in memory.
// Write then writes the page with the articles in report order. The
// output is WriteHTML's for the same articles.
type Writer struct {
	threshold float64
	spool     *os.File
	bw        *bufio.Writer
	cw        countingWriter
	enc       *json.Encoder
	index     []spooled
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

type spooled struct {
	spin     float64
	id       string
	off, len int64
}

// NewWriter returns an empty report whose slider starts at minConfidence.
func NewWriter(minConfidence float64) *Writer { return &Writer{threshold: minConfidence} }

// Add encodes a into the report.
func (r *Writer) Add(a *Article) error {
	if r.spool == nil {
		f, err := os.CreateTemp("", "unspin-report-*.json")
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		os.Remove(f.Name()) // unlinked: gone when closed, whatever happens
		r.spool, r.bw = f, bufio.NewWriterSize(f, 1<<20)
		r.cw = countingWriter{w: r.bw}
		r.enc = json.NewEncoder(&r.cw)
		r.enc.SetEscapeHTML(true) // <, >, & as \u003c...: safe inside <script>
	}
	off := r.cw.n
	if err := r.enc.Encode(a); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	r.index = append(r.index, spooled{spin: a.Spin, id: a.ID, off: off, len: r.cw.n - off - 1}) // without Encode's newline
	return nil
}

// dataMarker stands for the data in the rendered page until Write
// splits the page there.
const dataMarker = "/*unspin-report-data*/"

// Write writes the page: the articles sorted by spin score (highest
// first, then by id, then in the order they were added).
func (r *Writer) Write(w io.Writer) error {
	sort.SliceStable(r.index, func(i, j int) bool {
		if r.index[i].spin != r.index[j].spin {
			return r.index[i].spin > r.index[j].spin
		}
		return r.index[i].id < r.index[j].id
	})
	var pg bytes.Buffer
	if err := page.Execute(&pg, map[string]any{"Data": template.JS(dataMarker), "Count": len(r.index)}); err != nil {
		return err
	}
	head, tail, ok := bytes.Cut(pg.Bytes(), []byte(dataMarker))
	if !ok {
		return fmt.Errorf("report: the page template lost its data marker")
	}
	if r.bw != nil {
		if err := r.bw.Flush(); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	bw := bufio.NewWriter(w)
	bw.Write(head)
	bw.WriteString(`{"articles":[`)
	var buf []byte
	for i, a := range r.index {
		if i > 0 {
			bw.WriteByte(',')
		}
		if int64(cap(buf)) < a.len {
			buf = make([]byte, a.len)
		}
		buf = buf[:a.len]
		if _, err := r.spool.ReadAt(buf, a.off); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		bw.Write(buf)
	}
	t, _ := json.Marshal(r.threshold)
	bw.WriteString(`],"threshold":`)
	bw.Write(t)
	bw.WriteString("}")
	bw.Write(tail)
	return bw.Flush()
}

// Close releases the temporary file.
func (r *Writer) Close() error {
	if r.spool == nil {
		return nil
	}
	err := r.spool.Close()
	r.spool = nil
	return err
}

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>unspin review ({{.Count}} articles)</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd; padding: .5em 1em; display: flex; gap: 1.5em; align-items: center; flex-wrap: wrap; z-index: 1; }
main { display: grid; grid-template-columns: minmax(16em, 28em) 1fr; gap: 1em; padding: 1em; }
table { border-collapse: collapse; width: 100%; font-size: 13px; background: #fff; }
th, td { text-align: left; padding: .2em .5em; border-bottom: 1px solid #eee; }
tr.row { cursor: pointer; } tr.row:hover, tr.row.current { background: #eef4ff; }
#article { background: #fff; padding: 1em 1.5em; border: 1px solid #ddd; white-space: pre-wrap; min-height: 10em; }
.edit { border-radius: 3px; padding: 0 1px; cursor: pointer; }
.edit del { color: #a11; } .edit ins { color: #080; text-decoration: none; }
.edit.applied { background: #e3f6e3; }
.edit.suggested { background: #f4f4f4; outline: 1px dashed #bbb; }
.edit.suggested ins { color: #777; }
.edit.hidden { display: none; }
.edit:focus { outline: 2px solid #36c; }
.edit.accept { box-shadow: inset 0 -3px 0 #2a2; } .edit.reject { box-shadow: inset 0 -3px 0 #c22; }
#tip { position: fixed; background: #333; color: #fff; font-size: 12px; padding: .3em .6em; border-radius: 3px; display: none; pointer-events: none; z-index: 2; }
textarea { width: 100%; height: 8em; font: 12px monospace; }
.muted { color: #777; font-size: 13px; }
</style>
</head>
<body>
<header>
  <strong>unspin review</strong>
  <label>threshold <input type="range" id="threshold" min="0" max="1" step="0.01"> <span id="threshold-value"></span></label>
  <span><span id="applied-count">0</span> of <span id="edit-count">0</span> edits apply</span>
  <span id="kinds"></span>
  <button id="export">Export feedback</button> <a id="download" download="unspin-feedback.json" hidden>download</a>
  <span class="muted">j/k next/previous edit, a accept, r reject</span>
</header>
<main>
  <section>
    <table><thead><tr><th>article</th><th>spin</th><th>words</th><th>edits</th><th>applied</th></tr></thead><tbody id="summary"></tbody></table>
  </section>
  <section>
    <h2 id="title">choose an article</h2>
    <div id="article" aria-live="polite"></div>
    <p class="muted">feedback JSON</p>
    <textarea id="feedback-json" readonly></textarea>
  </section>
</main>
<div id="tip" role="tooltip"></div>
<script type="application/json" id="data">{{.Data}}</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const arts = data.articles;
const enc = new TextEncoder(), dec = new TextDecoder();
let threshold = data.threshold, current = -1;
const decisions = new Map(); // "article|start|end" -> {decision, edit, article}
const hiddenKinds = new Set();
const $ = id => document.getElementById(id);

function applies(e) { return e.confidence >= threshold; }

function renderSummary() {
  const body = $("summary"); body.textContent = "";
  arts.forEach((a, i) => {
    const tr = document.createElement("tr");
    tr.className = "row" + (i === current ? " current" : ""); tr.tabIndex = 0; tr.dataset.i = i;
    const n = a.edits.filter(applies).length;
    for (const v of [a.id, a.spin.toFixed(2), a.words, a.edits.length, n]) {
      const td = document.createElement("td"); td.textContent = v; tr.appendChild(td);
    }
    tr.onclick = () => open(i);
    tr.onkeydown = ev => { if (ev.key === "Enter") open(i); };
    body.appendChild(tr);
  });
}

function open(i) {
  current = i;
  const a = arts[i], bytes = enc.encode(a.text), box = $("article");
  $("title").textContent = a.id + " (spin " + a.spin.toFixed(2) + ")";
  box.textContent = "";
  let last = 0;
  a.edits.forEach((e, k) => {
    box.appendChild(document.createTextNode(dec.decode(bytes.subarray(last, e.start))));
    const s = document.createElement("span");
    s.className = "edit"; s.tabIndex = 0; s.dataset.k = k; s.dataset.kind = e.kind;
    const del = document.createElement("del"); del.textContent = e.old;
    const ins = document.createElement("ins"); ins.textContent = e.new;
    s.append(del, " ", ins);
    s.setAttribute("aria-label", e.old + " to " + e.new + ", " + e.rule + ", " + e.kind + ", confidence " + e.confidence.toFixed(2));
    s.onmouseenter = () => tip(s, e); s.onfocus = () => tip(s, e);
    s.onmouseleave = untip; s.onblur = untip;
    s.onclick = () => decide(s, e.decisionNext || "accept");
    box.appendChild(s);
    last = e.end;
  });
  box.appendChild(document.createTextNode(dec.decode(bytes.subarray(last))));
  update();
  renderSummary();
}

function tip(s, e) {
  const t = $("tip"), r = s.getBoundingClientRect();
  t.textContent = e.rule + " · " + e.kind + " · confidence " + e.confidence.toFixed(2) + (e.note ? " · " + e.note : "");
  t.style.left = r.left + "px"; t.style.top = (r.bottom + 4) + "px"; t.style.display = "block";
}
function untip() { $("tip").style.display = "none"; }

function key(a, e) { return a.id + "|" + e.start + "|" + e.end; }

function decide(s, d) {
  const a = arts[current], e = a.edits[s.dataset.k];
  decisions.set(key(a, e), {article: a.id, start: e.start, end: e.end, old: e.old, new: e.new, rule: e.rule, decision: d});
  s.classList.remove("accept", "reject"); s.classList.add(d);
}

function update() {
  $("threshold").value = threshold; $("threshold-value").textContent = threshold.toFixed(2);
  let applied = 0, total = 0;
  for (const a of arts) for (const e of a.edits) { total++; if (applies(e)) applied++; }
  $("applied-count").textContent = applied; $("edit-count").textContent = total;
  if (current < 0) return;
  const a = arts[current];
  document.querySelectorAll("#article .edit").forEach(s => {
    const e = a.edits[s.dataset.k];
    s.classList.toggle("applied", applies(e));
    s.classList.toggle("suggested", !applies(e));
    s.classList.toggle("hidden", hiddenKinds.has(e.kind));
  });
}

function renderKinds() {
  const kinds = [...new Set(arts.flatMap(a => a.edits.map(e => e.kind)))].sort();
  for (const k of kinds) {
    const l = document.createElement("label"), c = document.createElement("input");
    c.type = "checkbox"; c.checked = true; c.id = "kind-" + k;
    c.onchange = () => { c.checked ? hiddenKinds.delete(k) : hiddenKinds.add(k); update(); };
    l.append(c, " " + k + " "); $("kinds").appendChild(l);
  }
}

function edits() { return [...document.querySelectorAll("#article .edit:not(.hidden)")]; }

document.addEventListener("keydown", ev => {
  if (ev.target.tagName === "INPUT" || ev.target.tagName === "TEXTAREA") return;
  const list = edits(); if (!list.length) return;
  const at = list.indexOf(document.activeElement);
  if (ev.key === "j" || ev.key === "n") { list[Math.min(at + 1, list.length - 1)].focus(); ev.preventDefault(); }
  else if (ev.key === "k" || ev.key === "p") { list[Math.max(at - 1, 0)].focus(); ev.preventDefault(); }
  else if ((ev.key === "a" || ev.key === "r") && at >= 0) decide(list[at], ev.key === "a" ? "accept" : "reject");
});

$("threshold").oninput = ev => { threshold = parseFloat(ev.target.value); update(); renderSummary(); };

$("export").onclick = () => {
  const order = new Map(arts.map((a, i) => [a.id, i]));
  const list = [...decisions.values()].sort((x, y) => order.get(x.article) - order.get(y.article) || x.start - y.start);
  const json = JSON.stringify({version: 1, generated_by: "unspin", decisions: list});
  $("feedback-json").value = json;
  const link = $("download");
  link.href = URL.createObjectURL(new Blob([json], {type: "application/json"}));
  link.hidden = false;
};

renderKinds(); renderSummary(); update();
if (arts.length) open(0);
</script>
</body>
</html>
`))
