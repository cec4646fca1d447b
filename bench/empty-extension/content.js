// Intentionally empty: the benchmark compares Aftaletjek with an extension that costs only being there.
