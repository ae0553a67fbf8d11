package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestMoreProcs: a load raises GOMAXPROCS for the reads and gives it back,
// also when two loads overlap, and leaves a GOMAXPROCS from the environment.
func TestMoreProcs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	t.Setenv("GOMAXPROCS", "")
	a := moreProcs()
	if n := runtime.GOMAXPROCS(0); n != readProcs {
		t.Fatalf("GOMAXPROCS %d while loading, want %d", n, readProcs)
	}
	b := moreProcs()
	a()
	if n := runtime.GOMAXPROCS(0); n != readProcs {
		t.Errorf("GOMAXPROCS %d while the second load runs, want %d", n, readProcs)
	}
	b()
	if n := runtime.GOMAXPROCS(0); n != 2 {
		t.Errorf("GOMAXPROCS %d after loading, want 2", n)
	}
	t.Setenv("GOMAXPROCS", "2")
	c := moreProcs()
	if n := runtime.GOMAXPROCS(0); n != 2 {
		t.Errorf("GOMAXPROCS %d with GOMAXPROCS=2 in the environment, want 2", n)
	}
	c()
}

// TestLessGC: the load collects at loadGCPercent and gives the build's
// percent back, unless the environment sets GOGC.
func TestLessGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(buildGCPercent))
	t.Setenv("GOGC", "")
	done := lessGC()
	if got := debug.SetGCPercent(loadGCPercent); got != loadGCPercent {
		t.Errorf("GOGC %d while loading, want %d", got, loadGCPercent)
	}
	done()
	if got := debug.SetGCPercent(buildGCPercent); got != buildGCPercent {
		t.Errorf("GOGC %d after loading, want %d", got, buildGCPercent)
	}
	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	lessGC()()
	if got := debug.SetGCPercent(buildGCPercent); got != 150 {
		t.Errorf("GOGC %d with GOGC=150 in the environment, want 150", got)
	}
}
