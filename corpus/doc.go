// Package corpus reads articles from the inputs unspin is given and
// writes results back safely.
//
// Inputs are stdin, files and directories. A directory is walked
// recursively in lexical order; the files it picks up are .txt, .md,
// .jsonl and .ndjson, plain, gzipped (.gz) or zstd-compressed (.zst). A file named explicitly is
// always read, whatever its extension. A text file is one article, its
// bytes exactly as read; a JSONL file is one article per line, the text
// in a string field ("text" by default).
//
// Reading streams: a Reader holds one file open at a time and one line
// of a JSONL file in memory, however large the dump (a single line may
// be tens of megabytes: there is no line-length limit).
//
// Nothing is dropped. A missing or unreadable input, a corrupt gzip
// stream and a malformed JSONL line each come out as an Article whose
// Err is a *Error naming the path (and line); for a bad JSONL line, Raw
// holds the line as read so it can be passed through verbatim. Files
// that look binary are flagged, not skipped.
//
// Writers are atomic: output goes to a temporary file in the target
// directory that is renamed into place only when complete, so an
// interrupted run never leaves a half-written file that looks finished.
//
// This package imports the standard library and, for zstd,
// github.com/klauspost/compress.
package corpus
