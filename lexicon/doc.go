// Package lexicon holds the phrase pairs unspin restores: what a spinner
// writes ("legal guidelines") and what the original said ("laws"), with
// the attributes the scorer needs.
//
// # File format
//
// A lexicon file is UTF-8 text with one entry per line. A line that starts
// with '#' is a comment; blank lines are ignored. An entry has exactly
// three TAB-separated fields:
//
//	spun<TAB>original<TAB>attrs
//
//	legal guidelines	laws	prior=0.97 kind=phrase src=curated
//	house	home	prior=0.9 prev=at|from|back src=curated
//	normal	general	prior=0.7 match=cap src=curated
//
// spun is matched case-insensitively, word by word (single spaces between
// words, straight apostrophes). A word may end in a period or an
// apostrophe ("u.s. legal professional", "magistrates' courtroom"): it
// matches the word and that mark written right after it. original is
// written as it should appear; the replacement copies the input's
// capitalisation unless original has capitals of its own (a proper name
// such as "Cold War").
//
// attrs are space-separated key=value pairs:
//
//	prior=P     required; P in [0,1]: how likely an occurrence of spun in a
//	            spun article is the spinner's rewrite of original.
//	            prior=0 in a user file removes a default entry.
//	kind=K      word, phrase, entity, idiom or function (default: word for
//	            one word, phrase for more)
//	family=F    spinner families the mapping is typical of (comma list)
//	src=S       provenance: curated, learned, gazetteer, user, ...
//	match=M     cap (input capitalised), title (every word capitalised),
//	            lower (input lowercase); default: any case
//	prev=a|b    only after one of these words (lowercase)
//	next=a|b    only before one of these words
//	notprev=…   never after one of these words
//	notnext=…   never before one of these words
//	n=N         evidence count (learned entries)
//
// Unknown keys are kept in Entry.Attrs so that newer files still load.
//
// # Loading
//
// Default returns the embedded data (data/*.tsv), parsed once. Load and
// Parse read user files; Merge lays a user lexicon over another one: an
// entry with the same (spun, original) pair replaces the earlier one.
// Parse reports every bad line, as an ErrorList of *Error values that name
// file:line, and returns no lexicon when there is any error, so nothing is
// ever half-loaded.
//
// This package imports only the standard library.
package lexicon
