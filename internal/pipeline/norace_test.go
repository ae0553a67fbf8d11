//go:build !race

package pipeline

// raceDetector: the tests run with -race.
const raceDetector = false
