package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shared is the team's data folder beside the repository; tests that
// read it skip when it is absent.
const shared = "../../../shared"

func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(shared, rel))
	if err != nil {
		t.Skipf("%s not present: %v", rel, err)
	}
	return string(b)
}

// TestSeedSpunArticle is issue #2's acceptance check on the article the
// project started from.
func TestSeedSpunArticle(t *testing.T) {
	in := sharedFile(t, "seeds/spun-article.txt")
	code, out, errs := runCLI(t, in, "restore")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"International Court of Justice", "Experts warned", "vice president", "Cold War",
		"Mexico City", "Columbia University", "Communist Party", "General Francisco Franco",
		"Spanish Civil War", "vision of economic democracy", "a long and cherished history",
		"the right to asylum",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("restored seed lacks %q", want)
		}
	}
	for _, bad := range []string{"Court docket", "Chilly Struggle", "Social gathering", "legal guidelines"} {
		if strings.Contains(out, bad) {
			t.Errorf("restored seed still has %q", bad)
		}
	}
}

// TestSharedCleanUnchanged: clean articles come out byte-identical.
func TestSharedCleanUnchanged(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(shared, "corpus/clean/*.txt"))
	files = append(files, filepath.Join(shared, "seeds/clean-article-with-artifacts.txt"))
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		n++
		code, out, errs := runCLI(t, string(b), "restore")
		if code != 0 || out != string(b) {
			t.Errorf("%s: exit %d; clean article changed %s", f, code, errs)
		}
	}
	if n == 0 {
		t.Skip("no shared clean articles")
	}
}

// TestRepairSeed is issue #8's acceptance check: with --repair the three
// sentences cut by page breaks are joined and nothing else changes;
// without it the article is byte-identical.
func TestRepairSeed(t *testing.T) {
	in := sharedFile(t, "seeds/clean-article-with-artifacts.txt")
	code, out, errs := runCLI(t, in, "restore", "--repair")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"several diplomatic officials", "main supporter the Biden administration", "the working class and rural toilers"} {
		if !strings.Contains(out, want) {
			t.Errorf("not joined: %q", want)
		}
	}
	if len(in)-len(out) != 3 || strings.Count(in, "\n")-strings.Count(out, "\n") != 6 {
		t.Errorf("more changed than the three joins: %d bytes, %d line breaks fewer", len(in)-len(out), strings.Count(in, "\n")-strings.Count(out, "\n"))
	}
	_, out, _ = runCLI(t, in, "restore")
	if out != in {
		t.Error("without --repair the article changed")
	}
	_, out, _ = runCLI(t, "Mexicoâ€™s embassy.", "restore", "--repair")
	if out != "Mexico’s embassy." {
		t.Errorf("mojibake: %q", out)
	}
}
