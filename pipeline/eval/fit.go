package eval

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/unspin/unspin/pipeline"
)

// Sample is one labelled feature vector.
type Sample struct {
	Features []pipeline.Term
	Label    bool
}

// Fit fits logistic-regression weights to samples by Newton's method
// (iteratively reweighted least squares) with a small L2 penalty l2 on
// every weight but "bias". The weights are returned by feature name.
func Fit(samples []Sample, l2 float64) map[string]float64 {
	idx := map[string]int{}
	var names []string
	for _, s := range samples {
		for _, f := range s.Features {
			if _, ok := idx[f.Name]; !ok {
				idx[f.Name] = len(names)
				names = append(names, f.Name)
			}
		}
	}
	k := len(names)
	w := make([]float64, k)
	x := make([][]float64, len(samples))
	for i, s := range samples {
		x[i] = make([]float64, k)
		for _, f := range s.Features {
			x[i][idx[f.Name]] = f.Value
		}
	}
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, k)
		hess := make([][]float64, k)
		for a := range hess {
			hess[a] = make([]float64, k)
		}
		for i, s := range samples {
			z := 0.0
			for a := range w {
				z += w[a] * x[i][a]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if s.Label {
				y = 1
			}
			for a := range w {
				grad[a] += (p - y) * x[i][a]
				for b := range w {
					hess[a][b] += p * (1 - p) * x[i][a] * x[i][b]
				}
			}
		}
		for a, n := range names {
			if n != "bias" {
				grad[a] += l2 * w[a]
				hess[a][a] += l2
			} else {
				hess[a][a] += 1e-9
			}
		}
		step := solve(hess, grad)
		maxStep := 0.0
		for a := range w {
			w[a] -= step[a]
			maxStep = math.Max(maxStep, math.Abs(step[a]))
		}
		if maxStep < 1e-7 {
			break
		}
	}
	out := make(map[string]float64, k)
	for a, n := range names {
		out[n] = w[a]
	}
	return out
}

// solve solves A x = b by Gaussian elimination with partial pivoting; a
// singular column gets a zero step.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range m {
		m[i] = append(append([]float64{}, a[i]...), b[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if math.Abs(m[c][c]) < 1e-12 {
			continue
		}
		for r := 0; r < n; r++ {
			if r == c {
				continue
			}
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		if math.Abs(m[i][i]) >= 1e-12 {
			x[i] = m[i][n] / m[i][i]
		}
	}
	return x
}

// EditSamples returns one sample per judged edit of the word-spinner
// pairs, and one negative sample per edit reported in a clean article
// (protected candidates excluded: their weight is fixed).
func (r *Report) EditSamples() []Sample {
	var out []Sample
	for _, c := range r.Clean {
		for _, f := range c.Features {
			if !hasFeature(f, "protected") {
				out = append(out, Sample{Features: f, Label: false})
			}
		}
	}
	for _, p := range r.Pairs {
		if !wordSpinners[p.Family] {
			continue
		}
		for _, e := range p.Edits {
			if hasFeature(e.Features, "protected") {
				continue
			}
			out = append(out, Sample{Features: e.Features, Label: e.Correct})
		}
	}
	return out
}

// SpinSamples returns one sample per article: spun pairs (word
// spinners) and spun-only articles are positive, clean ones negative.
func (r *Report) SpinSamples() []Sample {
	var out []Sample
	for _, p := range r.Pairs {
		if wordSpinners[p.Family] {
			out = append(out, Sample{Features: p.SpinFeatures, Label: true})
		}
	}
	for _, s := range r.SpunOnly {
		out = append(out, Sample{Features: s.SpinFeatures, Label: true})
	}
	for _, c := range r.Clean {
		out = append(out, Sample{Features: c.SpinFeatures, Label: false})
	}
	return append(out, r.Paragraphs...)
}

func hasFeature(fs []pipeline.Term, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}

// WriteWeights prints fitted weights sorted by name.
func WriteWeights(w io.Writer, title string, ws map[string]float64) {
	names := make([]string, 0, len(ws))
	for n := range ws {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "%s:\n", title)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %8.3f\n", n, ws[n])
	}
}
