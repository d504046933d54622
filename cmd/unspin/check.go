package main

import (
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
	rd := openInputs(c, c.Args().Slice(), 0)
	defer rd.Close()
	var results []checked
	err = process(c.Context, p, rd, jobs(c), true, nil, func(r *result) error {
		ch := checked{art: r.art, err: r.err}
		if r.doc != nil {
			ch.rec = r.doc.Record()
			ch.rec.Line = r.art.Line
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
		results = append(results, ch)
		return nil
	})
	if err != nil {
		return err
	}
	out := c.App.Writer
	var f *corpus.AtomicFile
	if o := c.String("output"); o != "" {
		if f, err = corpus.CreateAtomic(o); err != nil {
			return err
		}
		defer f.Abort()
		out = f
	}
	switch format {
	case "text":
		err = writeCheckText(out, results)
	case "json":
		err = writeCheckJSON(out, results)
	case "sarif":
		err = writeSARIF(out, results, maxSpin)
	case "github":
		err = writeGitHub(out, results)
	case "junit":
		err = writeJUnit(out, results)
	}
	if err != nil {
		return err
	}
	if f != nil {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	failed, errors := 0, 0
	for _, r := range results {
		if r.err != nil {
			errors++
		} else if r.fails {
			failed++
		}
	}
	switch {
	case errors > 0:
		return exitCode(exitError)
	case failed > 0:
		return exitCode(exitFound)
	}
	return nil
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

func writeCheckText(w io.Writer, rs []checked) error {
	failed := 0
	for _, r := range rs {
		if !r.fails {
			continue
		}
		failed++
		for _, e := range r.counts {
			io.WriteString(w, editLine(r, e))
		}
	}
	_, err := fmt.Fprintf(w, "unspin check: %d of %s spun\n", failed, plural(len(rs), "article"))
	return err
}

func writeCheckJSON(w io.Writer, rs []checked) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, r := range rs {
		rec := r.rec
		if r.err != nil {
			rec = pipeline.ArticleRecord{ID: r.art.ID, Path: r.art.Path, Line: r.art.Line, Edits: []pipeline.EditRecord{}, Error: r.err.Error()}
		}
		if r.fails {
			failed++
		}
		if err := enc.Encode(struct {
			Type string `json:"type"`
			pipeline.ArticleRecord
			Fails bool `json:"fails"`
		}{"article", rec, r.fails}); err != nil {
			return err
		}
	}
	return enc.Encode(map[string]any{"type": "summary", "articles": len(rs), "spun": failed})
}

// SARIF 2.1.0, the subset code-scanning tools read. startColumn is the
// 1-based byte count within the line, as everywhere in unspin; SARIF's
// columnKind has no byte unit, so regions also carry byteOffset and
// byteLength, which are exact.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}
type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}
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

func writeSARIF(w io.Writer, rs []checked, maxSpin float64) error {
	rules := map[string]string{articleRule: "article spin score above the threshold"}
	var results []sarifResult
	for _, r := range rs {
		if !r.fails {
			continue
		}
		uri := sarifURI(r.art.Path)
		results = append(results, sarifResult{
			RuleID: articleRule, Level: "warning",
			Message:   sarifMessage{fmt.Sprintf("spun article %s: spin %.2f > %.2f, %d edits", r.art.ID, r.rec.Spin, maxSpin, len(r.counts))},
			Locations: []sarifLocation{{sarifPhysical{ArtifactLocation: sarifArtifact{uri}}}},
		})
		for _, e := range r.counts {
			rules["unspin/"+e.Rule] = fmt.Sprintf("%s: spinner rewrite (%s)", e.Rule, e.Kind)
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
			results = append(results, res)
		}
	}
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	driver := sarifDriver{Name: "unspin", Version: version}
	for _, id := range ids {
		driver.Rules = append(driver.Rules, sarifRule{ID: id, ShortDescription: sarifMessage{rules[id]}})
	}
	if results == nil {
		results = []sarifResult{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	})
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

func writeGitHub(w io.Writer, rs []checked) error {
	shown, more, failed := 0, 0, 0
	for _, r := range rs {
		if !r.fails {
			continue
		}
		failed++
		for _, e := range r.counts {
			if shown == githubMaxWarnings {
				more++
				continue
			}
			shown++
			path, line, col := location(r, e)
			fmt.Fprintf(w, "::warning file=%s,line=%d,col=%d,title=%s::%s\n",
				ghProp(path), line, col, ghProp("unspin "+e.Rule),
				ghEscape(fmt.Sprintf("%s → %s (confidence %.2f)", e.Old, e.New, e.Confidence)))
		}
	}
	if more > 0 {
		fmt.Fprintf(w, "::notice title=unspin::%d more edits in spun articles not shown (GitHub shows %d warnings a step)\n", more, githubMaxWarnings)
	}
	_, err := fmt.Fprintf(w, "unspin check: %d of %s spun\n", failed, plural(len(rs), "article"))
	return err
}

type junitSuites struct {
	XMLName xml.Name   `xml:"testsuites"`
	Suites  []junitSet `xml:"testsuite"`
}
type junitSet struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
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

func writeJUnit(w io.Writer, rs []checked) error {
	set := junitSet{Name: "unspin", Tests: len(rs)}
	for _, r := range rs {
		tc := junitCase{Classname: "unspin", Name: r.art.ID}
		switch {
		case r.err != nil:
			set.Errors++
			tc.Error = &junitFailure{Message: r.err.Error()}
		case r.fails:
			set.Failures++
			var b strings.Builder
			for _, e := range r.counts {
				b.WriteString(editLine(r, e))
			}
			tc.Failure = &junitFailure{Message: fmt.Sprintf("spin %.2f, %d edits", r.rec.Spin, len(r.counts)), Text: b.String()}
		}
		set.Cases = append(set.Cases, tc)
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSet{set}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
