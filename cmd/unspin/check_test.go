package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unspin/unspin/pipeline"
)

func checkFixtures(t *testing.T) (dir, spun, clean string) {
	t.Helper()
	dir = t.TempDir()
	spun = filepath.Join(dir, "spun.txt")
	clean = filepath.Join(dir, "clean.txt")
	os.WriteFile(spun, []byte(readFile(t, "../../testdata/sample/spun.txt")), 0o644)
	os.WriteFile(clean, []byte(readFile(t, "../../testdata/clean/council.txt")), 0o644)
	return dir, spun, clean
}

func TestCheckExitCodes(t *testing.T) {
	dir, spun, clean := checkFixtures(t)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"clean passes", []string{"check", clean}, 0},
		{"spun fails", []string{"check", clean, spun}, 1},
		{"threshold above every spin", []string{"check", "--max-spin", "1", spun}, 0},
		{"an unreadable input wins", []string{"check", spun, filepath.Join(dir, "missing.txt")}, 2},
		{"bad format", []string{"check", "--format", "xml", spun}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, errs)
			}
		})
	}
}

func TestCheckSARIF(t *testing.T) {
	_, spun, clean := checkFixtures(t)
	code, out, errs := runCLI(t, "", "check", "--format", "sarif", spun, clean)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var log struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct {
							StartLine, StartColumn, ByteOffset, ByteLength int
						}
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							InsertedContent struct{ Text string }
						}
					}
				}
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "unspin" {
		t.Fatalf("header: %+v", log)
	}
	rules := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		rules[r.ID] = true
	}
	src := readFile(t, spun)
	edits := 0
	for _, r := range log.Runs[0].Results {
		if !rules[r.RuleID] || r.Level != "warning" || len(r.Locations) != 1 || r.Message.Text == "" {
			t.Fatalf("result %+v", r)
		}
		reg := r.Locations[0].PhysicalLocation.Region
		if reg == nil {
			continue // the article-level result
		}
		edits++
		line := strings.Count(src[:reg.ByteOffset], "\n") + 1
		col := reg.ByteOffset - strings.LastIndex(src[:reg.ByteOffset], "\n")
		if reg.StartLine != line || reg.StartColumn != col {
			t.Fatalf("region %+v does not match byte offset (line %d col %d)", reg, line, col)
		}
		if len(r.Fixes) != 1 || r.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text == "" {
			t.Fatalf("no fix: %+v", r)
		}
	}
	if edits < 10 {
		t.Fatalf("%d edit results", edits)
	}
}

func TestCheckGitHubCapped(t *testing.T) {
	_, spun, _ := checkFixtures(t)
	_, out, _ := runCLI(t, "", "check", "--format", "github", spun)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	warnings, notices := 0, 0
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "::warning file="):
			warnings++
			if !strings.Contains(l, ",line=") || !strings.Contains(l, ",col=") || strings.Count(l, "::") != 2 {
				t.Errorf("malformed annotation %q", l)
			}
		case strings.HasPrefix(l, "::notice "):
			notices++
		}
	}
	if warnings != 10 || notices != 1 {
		t.Fatalf("%d warnings, %d notices, want 10 and 1:\n%s", warnings, notices, out)
	}
	if got := ghProp("a,b:c%\n"); got != "a%2Cb%3Ac%25%0A" {
		t.Fatalf("ghProp = %q", got)
	}
}

// junitSuites is the JUnit XML the report is read back as.
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

func TestCheckJUnit(t *testing.T) {
	_, spun, clean := checkFixtures(t)
	_, out, _ := runCLI(t, "", "check", "--format", "junit", spun, clean)
	var s junitSuites
	if err := xml.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	set := s.Suites[0]
	if set.Tests != 2 || set.Failures != 1 || len(set.Cases) != 2 || set.Cases[0].Failure == nil || set.Cases[1].Failure != nil {
		t.Fatalf("junit %+v", set)
	}
	if !strings.Contains(set.Cases[0].Failure.Text, "Chilly Struggle → Cold War") {
		t.Fatalf("failure text %q", set.Cases[0].Failure.Text)
	}
}

func TestCheckTextAndJSON(t *testing.T) {
	_, spun, clean := checkFixtures(t)
	_, out, _ := runCLI(t, "", "check", spun, clean)
	if !strings.Contains(out, spun+":3:115: Chilly Struggle → Cold War (entity:Cold_War, ") || !strings.HasSuffix(out, "unspin check: 1 of 2 articles spun\n") {
		t.Fatalf("text report:\n%s", out)
	}
	_, out, _ = runCLI(t, "", "check", "--format", "json", spun, clean)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"fails":true`) || !strings.Contains(lines[1], `"fails":false`) || lines[2] != `{"articles":2,"spun":1,"type":"summary"}` {
		t.Fatalf("json report:\n%s", out)
	}
}

func TestDiffMarksEdits(t *testing.T) {
	code, out, _ := runCLI(t, "The Chilly Struggle ended with new legal guidelines.", "diff")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := "== - (spin "
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "[-Chilly Struggle-]{+Cold War+}<entity:Cold_War ") || !strings.Contains(out, "[-legal guidelines-]{+laws+}<legal_guidelines>laws ") {
		t.Fatalf("diff:\n%s", out)
	}
	_, out, _ = runCLI(t, "The Chilly Struggle ended.", "diff", "--color", "always")
	if !strings.Contains(out, ansiRed+"Chilly Struggle"+ansiReset+ansiGreen+"Cold War") {
		t.Fatalf("colour diff: %q", out)
	}
}

func TestLexiconFeedback(t *testing.T) {
	dir := t.TempDir()
	fb := filepath.Join(dir, "fb.json")
	os.WriteFile(fb, []byte(`{"version":1,"generated_by":"unspin","decisions":[
		{"article":"a","start":0,"end":5,"old":"x","new":"y","rule":"legal_guidelines>laws","decision":"accept"},
		{"article":"a","start":9,"end":12,"old":"x","new":"y","rule":"consultants>experts","decision":"reject"},
		{"article":"b","start":9,"end":12,"old":"x","new":"y","rule":"consultants>experts","decision":"reject"},
		{"article":"b","start":1,"end":2,"old":"x","new":"y","rule":"entity:Cold_War","decision":"reject"}]}`), 0o644)
	code, out, errs := runCLI(t, "", "lexicon", "feedback", fb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// consultants>experts: prior p → (10p + 0)/12; legal guidelines: (10p + 1)/11
	if !strings.Contains(out, "consultants\texperts\tprior=") || !strings.Contains(out, "src=feedback n=2") ||
		!strings.Contains(out, "# entity:Cold_War: 0 accepted, 1 rejected (not a lexicon rule") {
		t.Fatalf("feedback output:\n%s", out)
	}
	over := filepath.Join(dir, "over.tsv")
	os.WriteFile(over, []byte(out), 0o644)
	if code, _, errs := runCLI(t, "Consultants said so.", "restore", "--lexicon", over); code != 0 {
		t.Fatalf("the overrides do not load: %s", errs)
	}
	var before, after float64
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "# consultants>experts:") {
			fmt.Sscanf(l[strings.Index(l, "prior ")+6:], "%g -> %g", &before, &after)
		}
	}
	if want := before * 10 / 12; after < want-0.001 || after > want+0.001 {
		t.Fatalf("prior %g -> %g, want %g", before, after, want)
	}
}

// check and diff read a text file over maxTextPart in parts, as restore
// does: every reported position is into the whole file, the file counts
// as one article, JUnit has one testcase for it, and the edits are the
// ones restore applies.
func TestCheckAndDiffHugeTextInParts(t *testing.T) {
	in := hugeText(t)
	src := filepath.Join(t.TempDir(), "huge.txt")
	os.WriteFile(src, []byte(in), 0o644)

	code, out, errs := runCLI(t, "", "check", "--format", "json", src)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 11 || lines[len(lines)-1] != `{"articles":1,"spun":1,"type":"summary"}` {
		t.Fatalf("want >= 10 part records and one article:\n%s", lines[len(lines)-1])
	}
	var applied []pipeline.Edit
	for _, l := range lines[:len(lines)-1] {
		var rec pipeline.ArticleRecord
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatal(err)
		}
		applied = append(applied, checkRecords(t, in, rec.Edits)...) // positions into the whole file
	}
	_, restored, _ := runCLI(t, "", "restore", src)
	if got, err := pipeline.Apply([]byte(in), applied); err != nil || string(got) != restored {
		t.Fatalf("check's edits do not reproduce restore's output (%v)", err)
	}

	_, out, _ = runCLI(t, "", "check", src)
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var line, col int
		rest, ok := strings.CutPrefix(l, src+":")
		if !ok {
			if l != "unspin check: 1 of 1 article spun" {
				t.Fatalf("text report line %q", l)
			}
			continue
		}
		if _, err := fmt.Sscanf(rest, "%d:%d:", &line, &col); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		fileLines := strings.Split(in, "\n")
		old, _, _ := strings.Cut(strings.SplitN(rest, ": ", 2)[1], " → ")
		if !strings.HasPrefix(fileLines[line-1][col-1:], old) {
			t.Fatalf("%q does not point at %q", l, old)
		}
	}

	_, out, _ = runCLI(t, "", "check", "--format", "junit", src)
	var s junitSuites
	if err := xml.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if set := s.Suites[0]; set.Tests != 1 || set.Failures != 1 || len(set.Cases) != 1 || !strings.Contains(set.Cases[0].Failure.Message, "parts spun") {
		t.Fatalf("junit: %+v", set)
	}

	_, out, _ = runCLI(t, "", "diff", src)
	if strings.Count(out, "== "+src+" (part ") < 10 || strings.Contains(out, "Chilly Struggle]") {
		t.Fatalf("diff: %d part headers", strings.Count(out, "== "+src+" (part "))
	}
}
