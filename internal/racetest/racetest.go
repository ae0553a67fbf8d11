// Package racetest is for tests with a safety-net time bound (a guard
// against a hang, not a speed test): it says how much slower the race
// detector makes the code they time.
package racetest

import "time"

// Slowdown is 20 when the tests run with -race, else 1.
func Slowdown() time.Duration {
	if enabled {
		return 20
	}
	return 1
}
