package pipeline_test

import "math"

func exp(x float64) float64 { return math.Exp(x) }
func abs(x float64) float64 { return math.Abs(x) }
