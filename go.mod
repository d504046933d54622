module github.com/unspin/unspin

go 1.26.8

require (
	github.com/agnivade/levenshtein v1.2.2
	github.com/jdkato/prose/v2 v2.0.0
	github.com/klauspost/compress v1.18.0
	github.com/urfave/cli/v2 v2.27.7
	golang.org/x/tools v0.52.0
	gopkg.in/neurosnap/sentences.v1 v1.0.6
)

require (
	github.com/cpuguy83/go-md2man/v2 v2.0.7 // indirect
	github.com/deckarep/golang-set v1.7.1 // indirect
	github.com/mingrammer/commonregex v1.0.1 // indirect
	github.com/russross/blackfriday/v2 v2.1.0 // indirect
	github.com/xrash/smetrics v0.0.0-20240521201337-686a1a2994c1 // indirect
	gonum.org/v1/gonum v0.7.0 // indirect
)
