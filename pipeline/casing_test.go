package pipeline

import "testing"

func TestMatchCase(t *testing.T) {
	tests := []struct {
		old, repl string
		keep      bool
		want      string
	}{
		{"consultants", "experts", false, "experts"},
		{"Consultants", "experts", false, "Experts"},
		{"CONSULTANTS", "experts", false, "EXPERTS"},
		{"Chilly Struggle", "Cold War", true, "Cold War"},
		{"chilly struggle", "Cold War", true, "Cold War"},
		{"CHILLY STRUGGLE", "Cold War", true, "COLD WAR"},
		{"Legal Guidelines", "laws", false, "Laws"},
		{"Imaginative And Prescient", "vision", false, "Vision"},
		{"After Which", "and then", false, "And Then"},
		{"After which", "and then", false, "And then"},
		{"vp", "vice president", false, "vice president"},
		{"A", "an", false, "An"},
	}
	for _, tt := range tests {
		if got := matchCase(tt.old, tt.repl, tt.keep); got != tt.want {
			t.Errorf("matchCase(%q, %q, %v) = %q, want %q", tt.old, tt.repl, tt.keep, got, tt.want)
		}
	}
}

func TestWantsAn(t *testing.T) {
	an := []string{"extended", "hour", "honest", "apple", "FBI", "MP", "8-year-old", "11", "18th", "1800s", "umbrella", "X-ray"}
	a := []string{"long", "university", "European", "one-off", "user", "history", "CIA", "NATO", "110", "180", "usual", "house", "once"}
	for _, w := range an {
		if !wantsAn(w) {
			t.Errorf("wantsAn(%q) = false, want true", w)
		}
	}
	for _, w := range a {
		if wantsAn(w) {
			t.Errorf("wantsAn(%q) = true, want false", w)
		}
	}
}
