package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/unspin/unspin/corpus"
	"github.com/unspin/unspin/pipeline"
)

func checkCommand() *cli.Command {
	flags := append(detectFlags(), inputFlags()...)
	flags = append(flags,
		&cli.Float64Flag{Name: "max-spin", Value: 0.5, Category: catDetect, EnvVars: []string{"UNSPIN_MAX_SPIN"},
			Usage: "an article whose spin score is above `P` and that has an edit at --min-confidence fails"},
		&cli.StringFlag{Name: "format", Value: "text", Category: catOutput,
			Usage: "report `FORMAT`: text, json, sarif, github or junit"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Category: catOutput, Usage: "write the report to `FILE` (default stdout)"},
	)
	return &cli.Command{
		Name:      "check",
		Usage:     "find spun articles, for CI: exit 1 when any article crosses the thresholds",
		ArgsUsage: "[PATH...]",
		Description: `Reads articles like restore (stdin when no PATH) but writes a report
instead of cleaned text. An article fails when its spin score is above
--max-spin and it has at least one edit at or above --min-confidence.

Formats: text (path:line:col: old → new (rule, confidence)), json (one
article record per line, then a summary), sarif (SARIF 2.1.0: one result
per edit with the suggested fix, one per failing article), github
(workflow annotations; GitHub shows 10 warnings a step, so after 10 one
notice counts the rest), junit (one testcase per article).

For JSONL inputs the location is the record's line in the file; the
edit's byte offsets into the record's text are in the message.

Exit status: 0 no article fails, 1 some do, 2 an input could not be read
(that wins over 1).`,
		Flags:  flags,
		Action: checkAction,
	}
}

// checked is one article's outcome.
type checked struct {
	art    *corpus.Article
	rec    pipeline.ArticleRecord
	counts []pipeline.EditRecord // edits at or above --min-confidence
	fails  bool
	err    error
}

func checkAction(c *cli.Context) error {
	format := c.String("format")
	switch format {
	case "text", "json", "sarif", "github", "junit":
	default:
		return fmt.Errorf("check: --format %q: want text, json, sarif, github or junit", format)
	}
	p, _, err := loadPipeline(c)
	if err != nil {
		return err
	}
	minConf, maxSpin := c.Float64("min-confidence"), c.Float64("max-spin")
	out := c.App.Writer
	var f *corpus.AtomicFile
	if o := c.String("output"); o != "" {
		if f, err = corpus.CreateAtomic(o); err != nil {
			return err
		}
		defer f.Abort()
		out = f
	}
	w := bufio.NewWriterSize(out, 64<<10)
	var rep checkReport
	switch format {
	case "text":
		rep = &textReport{w: w}
	case "json":
		rep = newJSONReport(w)
	case "sarif":
		rep = newSARIFReport(w, maxSpin)
	case "github":
		rep = &githubReport{w: w}
	case "junit":
		j := &junitReport{w: w}
		defer j.release()
		rep = j
	}
	// Each article is reported as it comes and then dropped: a report on
	// a dump of millions of articles holds one window of them, not all.
	// Text files over maxTextPart come in parts, as restore reads them;
	// each part is judged on its own, with positions in the whole file,
	// and a file counts once: spun when any part is, an error when any
	// part is.
	var sum checkSummary
	var partFails, partErr bool
	rd := openInputs(c, c.Args().Slice(), maxTextPart)
	defer rd.Close()
	err = process(c.Context, p, rd, jobs(c), true, nil, func(r *result) error {
		ch := checked{art: r.art, err: r.err}
		if r.doc != nil {
			ch.rec = r.doc.Record()
			ch.rec.Line = r.art.Line
			shiftRecords(ch.rec.Edits, r.art)
			for _, e := range ch.rec.Edits {
				if e.Confidence >= minConf {
					ch.counts = append(ch.counts, e)
				}
			}
			ch.fails = r.doc.Spin > maxSpin && len(ch.counts) > 0
		}
		if r.err != nil {
			fmt.Fprintf(c.App.ErrWriter, "unspin: %v\n", r.err)
		}
		partFails = partFails || ch.fails
		partErr = partErr || ch.err != nil
		if !r.art.More {
			sum.articles++
			switch {
			case partErr:
				sum.errors++
			case partFails:
				sum.failed++
			}
			partFails, partErr = false, false
		}
		return rep.add(ch)
	})
	if err != nil {
		return err
	}
	if err := rep.close(sum); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if f != nil {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	switch {
	case sum.errors > 0:
		return exitCode(exitError)
	case sum.failed > 0:
		return exitCode(exitFound)
	}
	return nil
}

// checkReport writes a check report as the articles come, in input
// order: add for each article, close once at the end.
type checkReport interface {
	add(r checked) error
	close(sum checkSummary) error
}

// checkSummary counts the articles of a check.
type checkSummary struct {
	articles, failed, errors int
}

func (s checkSummary) line() string {
	return fmt.Sprintf("unspin check: %d of %s spun\n", s.failed, plural(s.articles, "article"))
}

// partName is the article's id, with the part number for a part of a
// text file read in parts.
func partName(a *corpus.Article) string {
	if a.Part == 0 && !a.More {
		return a.ID
	}
	return fmt.Sprintf("%s (part %d)", a.ID, a.Part+1)
}

// location is where a report points: the file, and for text files the
// edit's line and column; for JSONL, the record's line.
func location(r checked, e pipeline.EditRecord) (path string, line, col int) {
	path = r.art.Path
	if r.art.Kind == corpus.KindJSONL {
		return path, r.art.Line, 1
	}
	return path, e.Line, e.Col
}

// editLine is one edit as "path:line:col: old → new (rule, confidence)\n".
func editLine(r checked, e pipeline.EditRecord) string {
	path, line, col := location(r, e)
	return fmt.Sprintf("%s:%d:%d: %s → %s (%s, %.2f)\n", path, line, col, e.Old, e.New, e.Rule, e.Confidence)
}

// textReport writes path:line:col lines for the edits of failing
// articles, then the summary line.
type textReport struct{ w io.Writer }

func (t *textReport) add(r checked) error {
	if !r.fails {
		return nil
	}
	for _, e := range r.counts {
		if _, err := io.WriteString(t.w, editLine(r, e)); err != nil {
			return err
		}
	}
	return nil
}

func (t *textReport) close(sum checkSummary) error {
	_, err := io.WriteString(t.w, sum.line())
	return err
}

// jsonReport writes one article record a line, then a summary line.
type jsonReport struct{ enc *json.Encoder }

func newJSONReport(w io.Writer) *jsonReport {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonReport{enc}
}

func (j *jsonReport) add(r checked) error {
	rec := r.rec
	if r.err != nil {
		rec = pipeline.ArticleRecord{ID: r.art.ID, Path: r.art.Path, Line: r.art.Line, Edits: []pipeline.EditRecord{}, Error: r.err.Error()}
	}
	return j.enc.Encode(struct {
		Type string `json:"type"`
		pipeline.ArticleRecord
		Fails bool `json:"fails"`
	}{"article", rec, r.fails})
}

func (j *jsonReport) close(sum checkSummary) error {
	return j.enc.Encode(map[string]any{"type": "summary", "articles": sum.articles, "spun": sum.failed})
}

// SARIF 2.1.0, the subset code-scanning tools read. startColumn is the
// 1-based byte count within the line, as everywhere in unspin; SARIF's
// columnKind has no byte unit, so regions also carry byteOffset and
// byteLength, which are exact.
type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}
type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}
type sarifRule struct {
	ID               string       `json:"id"`
	ShortDescription sarifMessage `json:"shortDescription"`
}
type sarifMessage struct {
	Text string `json:"text"`
}
type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
	Fixes     []sarifFix      `json:"fixes,omitempty"`
}
type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}
type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}
type sarifArtifact struct {
	URI string `json:"uri"`
}
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	ByteOffset  int `json:"byteOffset"`
	ByteLength  int `json:"byteLength"`
}
type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}
type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}
type sarifReplacement struct {
	DeletedRegion   sarifRegion  `json:"deletedRegion"`
	InsertedContent sarifMessage `json:"insertedContent"`
}

// articleRule is the rule id of the article-level result.
const articleRule = "unspin/spun-article"

func sarifURI(path string) string {
	if path == "-" {
		return "stdin"
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			path = rel
		}
	}
	return filepath.ToSlash(path)
}

// sarifReport streams a SARIF log: the results as they come, then the
// tool with the rules the results named (JSON members have no order).
type sarifReport struct {
	w       io.Writer
	maxSpin float64
	rules   map[string]string
	n       int // results written
	buf     bytes.Buffer
	enc     *json.Encoder
}

func newSARIFReport(w io.Writer, maxSpin float64) *sarifReport {
	r := &sarifReport{w: w, maxSpin: maxSpin, rules: map[string]string{articleRule: "article spin score above the threshold"}}
	r.enc = json.NewEncoder(&r.buf)
	r.enc.SetEscapeHTML(false)
	return r
}

const (
	sarifHead   = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"results\": ["
	sarifIndent = "        "
)

// write writes prefix, then v as JSON indented for its depth.
func (s *sarifReport) write(prefix, indent string, v any) error {
	s.buf.Reset()
	s.buf.WriteString(prefix)
	s.enc.SetIndent(indent, "  ")
	if err := s.enc.Encode(v); err != nil {
		return err
	}
	s.buf.Truncate(s.buf.Len() - 1) // Encode's newline
	_, err := s.w.Write(s.buf.Bytes())
	return err
}

func (s *sarifReport) result(res sarifResult) error {
	if s.n == 0 {
		if _, err := io.WriteString(s.w, sarifHead); err != nil {
			return err
		}
	}
	sep := ","
	if s.n == 0 {
		sep = ""
	}
	s.n++
	return s.write(sep+"\n"+sarifIndent, sarifIndent, res)
}

func (s *sarifReport) add(r checked) error {
	if !r.fails {
		return nil
	}
	uri := sarifURI(r.art.Path)
	if err := s.result(sarifResult{
		RuleID: articleRule, Level: "warning",
		Message:   sarifMessage{fmt.Sprintf("spun article %s: spin %.2f > %.2f, %d edits", partName(r.art), r.rec.Spin, s.maxSpin, len(r.counts))},
		Locations: []sarifLocation{{sarifPhysical{ArtifactLocation: sarifArtifact{uri}}}},
	}); err != nil {
		return err
	}
	for _, e := range r.counts {
		s.rules["unspin/"+e.Rule] = fmt.Sprintf("%s: spinner rewrite (%s)", e.Rule, e.Kind)
		_, line, col := location(r, e)
		region := sarifRegion{StartLine: line, StartColumn: col, ByteOffset: e.Start, ByteLength: e.End - e.Start}
		res := sarifResult{
			RuleID: "unspin/" + e.Rule, Level: "warning",
			Message:   sarifMessage{fmt.Sprintf("%q looks spun: restore %q (confidence %.2f)", e.Old, e.New, e.Confidence)},
			Locations: []sarifLocation{{sarifPhysical{ArtifactLocation: sarifArtifact{uri}, Region: &region}}},
		}
		if r.art.Kind != corpus.KindJSONL { // offsets are into the file itself
			res.Fixes = []sarifFix{{
				Description: sarifMessage{"restore the original wording"},
				ArtifactChanges: []sarifArtifactChange{{ArtifactLocation: sarifArtifact{uri},
					Replacements: []sarifReplacement{{DeletedRegion: region, InsertedContent: sarifMessage{e.New}}}}},
			}}
		}
		if err := s.result(res); err != nil {
			return err
		}
	}
	return nil
}

func (s *sarifReport) close(checkSummary) error {
	end := "\n      ],"
	if s.n == 0 {
		end = sarifHead + "],"
	}
	if _, err := io.WriteString(s.w, end); err != nil {
		return err
	}
	ids := make([]string, 0, len(s.rules))
	for id := range s.rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	driver := sarifDriver{Name: "unspin", Version: version}
	for _, id := range ids {
		driver.Rules = append(driver.Rules, sarifRule{ID: id, ShortDescription: sarifMessage{s.rules[id]}})
	}
	if err := s.write("\n      \"tool\": ", "      ", sarifTool{Driver: driver}); err != nil {
		return err
	}
	_, err := io.WriteString(s.w, "\n    }\n  ]\n}\n")
	return err
}

// githubMaxWarnings is how many warning annotations GitHub shows for a
// step; the rest are counted in one notice.
const githubMaxWarnings = 10

// ghEscape escapes workflow-command data; ghProp also escapes ':' and ','
// for property values.
func ghEscape(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// githubReport writes warning annotations for the first
// githubMaxWarnings edits of failing articles, one notice counting the
// rest, and the summary line.
type githubReport struct {
	w           io.Writer
	shown, more int
}

func (g *githubReport) add(r checked) error {
	if !r.fails {
		return nil
	}
	for _, e := range r.counts {
		if g.shown == githubMaxWarnings {
			g.more++
			continue
		}
		g.shown++
		path, line, col := location(r, e)
		if _, err := fmt.Fprintf(g.w, "::warning file=%s,line=%d,col=%d,title=%s::%s\n",
			ghProp(path), line, col, ghProp("unspin "+e.Rule),
			ghEscape(fmt.Sprintf("%s → %s (confidence %.2f)", e.Old, e.New, e.Confidence))); err != nil {
			return err
		}
	}
	return nil
}

func (g *githubReport) close(sum checkSummary) error {
	if g.more > 0 {
		fmt.Fprintf(g.w, "::notice title=unspin::%d more edits in spun articles not shown (GitHub shows %d warnings a step)\n", g.more, githubMaxWarnings)
	}
	_, err := io.WriteString(g.w, sum.line())
	return err
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
}
type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// junitReport writes one testcase per article (per file for a text file
// read in parts). The suite's counts come first in the XML, so the
// testcases wait in a temporary file until close.
type junitReport struct {
	w     io.Writer
	spool *os.File
	bw    *bufio.Writer
	enc   *xml.Encoder
	// the parts of a file read in parts, until its last part
	parts, failed, edits int
	text                 strings.Builder
	errMsg               string
}

func (j *junitReport) add(r checked) error {
	if j.spool == nil {
		f, err := os.CreateTemp("", "unspin-junit-*.xml")
		if err != nil {
			return fmt.Errorf("check: junit: %w", err)
		}
		os.Remove(f.Name()) // unlinked: gone when closed, whatever happens
		j.spool, j.bw = f, bufio.NewWriter(f)
		j.enc = xml.NewEncoder(j.bw)
		j.enc.Indent("    ", "  ")
	}
	j.parts++
	switch {
	case r.err != nil:
		if j.errMsg == "" {
			j.errMsg = r.err.Error()
		}
	case r.fails:
		j.failed++
		j.edits += len(r.counts)
		for _, e := range r.counts {
			j.text.WriteString(editLine(r, e))
		}
	}
	if r.art.More {
		return nil
	}
	tc := junitCase{Classname: "unspin", Name: r.art.ID}
	switch {
	case j.errMsg != "":
		tc.Error = &junitFailure{Message: j.errMsg}
	case j.failed > 0 && j.parts == 1:
		tc.Failure = &junitFailure{Message: fmt.Sprintf("spin %.2f, %d edits", r.rec.Spin, j.edits), Text: j.text.String()}
	case j.failed > 0:
		tc.Failure = &junitFailure{Message: fmt.Sprintf("%d of %d parts spun, %d edits", j.failed, j.parts, j.edits), Text: j.text.String()}
	}
	j.parts, j.failed, j.edits, j.errMsg = 0, 0, 0, ""
	j.text.Reset()
	return j.enc.EncodeElement(tc, xml.StartElement{Name: xml.Name{Local: "testcase"}})
}

// release closes the spool, which is unlinked: its space is freed, after
// close or after a run that failed before it.
func (j *junitReport) release() {
	if j.spool != nil {
		j.spool.Close()
		j.spool = nil
	}
}

func (j *junitReport) close(sum checkSummary) error {
	io.WriteString(j.w, xml.Header)
	fmt.Fprintf(j.w, "<testsuites>\n  <testsuite name=\"unspin\" tests=\"%d\" failures=\"%d\" errors=\"%d\">",
		sum.articles, sum.failed, sum.errors)
	if j.spool != nil {
		defer j.release()
		io.WriteString(j.w, "\n") // the encoder starts every testcase but the first on a new line
		if err := j.enc.Close(); err != nil {
			return fmt.Errorf("check: junit: %w", err)
		}
		if err := j.bw.Flush(); err != nil {
			return fmt.Errorf("check: junit: %w", err)
		}
		if _, err := j.spool.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("check: junit: %w", err)
		}
		if _, err := io.Copy(j.w, j.spool); err != nil {
			return err
		}
	}
	_, err := io.WriteString(j.w, "\n  </testsuite>\n</testsuites>\n")
	return err
}
