package align

import (
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	got := Texts(Words("Mexico\u2019s vice-president said 1,850 people, \u201cok\u201d \u2013 U.S. 3.5."))
	want := []string{"Mexico's", "vice-president", "said", "1,850", "people", "ok", "U", "S", "3.5"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Words = %q, want %q", got, want)
	}
	ws := Words("ab  cd")
	if ws[1].Start != 4 || ws[1].End != 6 {
		t.Fatalf("offsets = %+v", ws[1])
	}
}

func TestAlignTrimsBoilerplateAndFindsGaps(t *testing.T) {
	spun := "Consultants say that the worldwide court docket will hear the case in an extended listening to subsequent week and then"
	orig := "Breaking News 7 April 2024 Experts say that the international court will hear the case in a long hearing next week and then more text follows here"
	al := Align(Words(spun), Words(orig))
	if got := strings.Join(Texts(al.A[al.Lo:al.Hi]), " "); got != "say that the worldwide court docket will hear the case in an extended listening to subsequent week and then" {
		t.Fatalf("region A = %q", got)
	}
	var gaps []string
	for _, g := range al.Gaps() {
		gaps = append(gaps, strings.Join(Texts(al.A[g.A0:g.A1]), " ")+"="+strings.Join(Texts(al.B[g.B0:g.B1]), " "))
	}
	want := []string{"worldwide=international", "docket=", "an extended listening to subsequent=a long hearing next"}
	if !reflect.DeepEqual(gaps, want) {
		t.Fatalf("gaps = %q, want %q", gaps, want)
	}
	var pairs []string
	for _, p := range al.Pairs() {
		pairs = append(pairs, strings.Join(Texts(al.A[p.A0:p.A1]), " ")+"="+strings.Join(Texts(al.B[p.B0:p.B1]), " "))
	}
	want = []string{"worldwide=international", "court docket=court", "an extended listening to subsequent=a long hearing next"}
	if !reflect.DeepEqual(pairs, want) {
		t.Fatalf("pairs = %q, want %q", pairs, want)
	}
}

func TestAlignNothingInCommon(t *testing.T) {
	al := Align(Words("one two three"), Words("four five six"))
	if al.Hi != al.Lo || len(al.Gaps()) != 0 {
		t.Fatalf("region [%d,%d), gaps %v", al.Lo, al.Hi, al.Gaps())
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a b c", "a b c", 0},
		{"a b c", "a x c", 1},
		{"legal guidelines", "laws", 2},
		{"a b", "", 2},
		{"Experts", "experts", 1},
	}
	for _, tt := range tests {
		if got := Distance(strings.Fields(tt.a), strings.Fields(tt.b)); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
