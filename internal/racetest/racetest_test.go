package racetest

import (
	"runtime/debug"
	"testing"
)

// The build tag agrees with the build settings the binary records.
func TestSlowdownFollowsRace(t *testing.T) {
	race := false
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			race = race || (s.Key == "-race" && s.Value == "true")
		}
	}
	if got := Slowdown(); (got == 20) != race {
		t.Errorf("Slowdown() = %v with -race %v", got, race)
	}
}
