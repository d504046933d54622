package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBrownLines(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ca01")
	os.WriteFile(p, []byte("\n\n\tThe/at jury/nn did/dod n't/* stay/vb at/in home/nn ,/, ``/`` he/pps said/vbd ''/'' ./.\n\tHowever/rb ,/, it/pps was/bedz Atlanta's/np$ case/nn ./.\n"), 0o644)
	c := newCounter()
	if err := readBrown(p, c); err != nil {
		t.Fatal(err)
	}
	// Brown splits "didn't" as did/dod n't/*; the counter rejoins it.
	for _, tc := range []struct {
		got  int
		want int
		what string
	}{
		{c.uni["did"+"n't"], 1, "did + n't rejoined"},
		{c.bi["at home"], 1, "at home"},
		{c.bi["home he"], 0, "no pair across a comma and quotes"},
		{c.bi["<s> however"], 1, "sentence start"},
		{c.uni["atlanta's"], 1, "possessive kept"},
		{c.uni[","], 0, "punctuation not counted"},
		{c.total, 13, "word tokens"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %d, want %d", tc.what, tc.got, tc.want)
		}
	}
	out := filepath.Join(dir, "n.tsv.gz")
	if err := c.write(out, 1, 1); err != nil {
		t.Fatal(err)
	}
	b1, _ := os.ReadFile(out)
	c.write(out, 1, 1)
	b2, _ := os.ReadFile(out)
	if string(b1) != string(b2) || len(b1) == 0 {
		t.Fatal("output is not deterministic")
	}
	if strings.Contains(string(b1), dir) {
		t.Fatal("gzip header carries the file name")
	}
}
