package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/guldborgsund/labyrint/internal/content"
)

// The process-wide settings of a build live here, and only here: the
// packages below cmd change none of them. Each is measured in the README
// ("Tuning").

// tuneGC sets the garbage collector for a build, unless the environment
// does (GOGC, GOMEMLIMIT): collect at 3× the live heap (a build makes much
// short-lived garbage over a small live heap), with a soft limit that keeps
// a large site's peak under 2 GiB.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcLimit)
	}
}

const (
	buildGCPercent = 200
	gcLimit        = 1792 << 20 // the soft memory limit of a build
	// loadGCPercent is GOGC while the content is read: the sources are most
	// of what a build keeps, so the live heap grows through the load, and
	// collecting at 3× it marks the same sources again and again.
	loadGCPercent = 800
	// readProcs is GOMAXPROCS (and the number of readers) once the content
	// reads wait on the disk: a read of a file not in the page cache blocks
	// its thread, and with as many processors as cores the disk sees one or
	// two reads at a time.
	readProcs = 8
)

// contentReader is how the command reads the content: collecting less
// often while it is read, and with more processors and readers once the
// reads wait on the disk.
func contentReader() content.Reader {
	return content.Reader{
		Reading: lessGC,
		SlowDisk: func() (int, func()) {
			before := runtime.GOMAXPROCS(0)
			return max(readProcs-before, 0), moreProcs()
		},
	}
}

// lessGC sets GOGC to loadGCPercent (unless the environment sets GOGC, or
// it is already higher) until the returned function is called.
func lessGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(loadGCPercent)
	if prev < 0 || prev >= loadGCPercent {
		debug.SetGCPercent(prev)
		return func() {}
	}
	return func() { debug.SetGCPercent(prev) }
}

var procs struct {
	sync.Mutex
	users, prev int
}

// moreProcs raises GOMAXPROCS to readProcs (if lower, and unless the
// environment sets GOMAXPROCS) until the returned function is called;
// concurrent loads (labyrint build --target all) share the raise.
func moreProcs() (restore func()) {
	procs.Lock()
	if procs.users == 0 {
		procs.prev = runtime.GOMAXPROCS(0)
		if os.Getenv("GOMAXPROCS") != "" {
			procs.prev = readProcs // leave it as set
		}
		if procs.prev < readProcs {
			runtime.GOMAXPROCS(readProcs)
		}
	}
	procs.users++
	procs.Unlock()
	return func() {
		procs.Lock()
		procs.users--
		if procs.users == 0 && procs.prev < readProcs {
			runtime.GOMAXPROCS(procs.prev)
		}
		procs.Unlock()
	}
}
