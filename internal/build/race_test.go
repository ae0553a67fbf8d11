//go:build race

package build

// raceDetector: the tests run with -race.
const raceDetector = true
