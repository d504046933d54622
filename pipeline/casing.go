package pipeline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// matchCase writes repl in the capitalisation of old:
//
//	CONSULTANTS → EXPERTS       (all capitals)
//	Chilly Struggle → Cold War  (every word capitalised: every word of repl)
//	Consultants → Experts       (first letter capitalised)
//	consultants → experts
//
// keep leaves repl as written (a name with capitals of its own), except
// that an all-capitals input still gives all capitals.
func matchCase(old, repl string, keep bool) string {
	capital, upper := caseOf(old)
	if upper && len(strings.Fields(old)) >= 1 && hasLetters(old, 2) {
		return strings.ToUpper(repl)
	}
	if keep {
		if capital {
			return capitalize(repl)
		}
		return repl
	}
	if !capital {
		return repl
	}
	if titleCase(old) && len(strings.Fields(old)) > 1 {
		words := strings.Split(repl, " ")
		for i, w := range words {
			if i == 0 || !smallWords[w] {
				words[i] = capitalize(w)
			}
		}
		return strings.Join(words, " ")
	}
	return capitalize(repl)
}

func hasLetters(s string, n int) bool {
	c := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if c++; c >= n {
				return true
			}
		}
	}
	return false
}

// titleCase reports whether every word of s that is not a small word
// starts with a capital.
func titleCase(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) && !smallWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

func capitalize(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return w
	}
	return string(unicode.ToUpper(r)) + w[size:]
}

// wantsAn reports whether the indefinite article before word is "an".
// It works on spelling with the usual exceptions: "an hour", "a
// university", "a one-off", "an FBI agent", "an 8-year-old".
func wantsAn(word string) bool {
	if word == "" {
		return false
	}
	if i := strings.IndexByte(word, '-'); i > 0 {
		word = word[:i] // "X-ray", "one-off"
	}
	capital, upper := caseOf(word)
	w := strings.ToLower(word)
	if upper && (len(word) <= 3 || !strings.ContainsAny(w, "aeiou")) || capital && len(word) == 1 {
		// an acronym read letter by letter
		return strings.ContainsRune("aefhilmnorsx", rune(w[0]))
	}
	for _, p := range []string{"hour", "honest", "honor", "honour", "heir", "herb"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	for _, p := range []string{"uni", "use", "usu", "uti", "ure", "uro", "eu", "ewe", "one", "once", "ubiq", "uga", "uk"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	switch {
	case strings.HasPrefix(w, "8"), strings.HasPrefix(w, "11"), strings.HasPrefix(w, "18"):
		if strings.HasPrefix(w, "11") || strings.HasPrefix(w, "18") {
			// an 11, an 18, an 1800s; but a 110, a 180
			d := 0
			for d < len(w) && w[d] >= '0' && w[d] <= '9' {
				d++
			}
			return d == 2 || d == 5 || d == 4 && strings.HasPrefix(w, "18")
		}
		return true
	}
	return strings.ContainsRune("aeiou", rune(w[0]))
}

// firstWord returns the first word of s.
func firstWord(s string) string {
	s = strings.TrimLeft(s, " \"'(")
	if i := strings.IndexAny(s, " -,.;:"); i >= 0 {
		return s[:i]
	}
	return s
}
