//go:build unix

package content

import (
	"bytes"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/racetest"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Issue #21, finding 5: a page of the largest size Load reads, made of the
// costliest nesting Markdown allows (MaxNesting levels, packed, indented,
// quoted, mixed) or of nesting far over it, parses in under a second of
// CPU (the process's, so a busy machine does not count).
func TestLargestPageParsesInASecond(t *testing.T) {
	if testing.Short() || racetest.Slowdown() > 1 {
		t.Skip("parses several pages of MaxFileSize; timed without -race (it took 10 minutes with it)")
	}
	n := markdown.MaxNesting
	var indented strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&indented, "%s- niveau %d\n", strings.Repeat("  ", i), i+1)
	}
	units := map[string]string{
		"packed list": strings.Repeat("- ", n) + "x\n",
		"indented":    indented.String(),
		"quote":       strings.Repeat("> ", n) + "x\n",
		"mixed":       strings.Repeat("- > ", n/2) + "x\n",
		"packed 2800": strings.Repeat("- ", 2800) + "x\n",
		"flat list":   "- punkt med tekst\n",
	}
	r := markdown.New()
	for name, unit := range units {
		body := bytes.Repeat([]byte(unit+"\n"), MaxFileSize/(len(unit)+1))
		best := time.Hour
		for range 2 {
			start := cpuTime()
			r.Render(body, 1, nil)
			best = min(best, cpuTime()-start)
		}
		t.Logf("%-12s %d KB: %v CPU", name, len(body)>>10, best.Round(time.Millisecond))
		if best > time.Second {
			t.Errorf("%s: %v", name, best)
		}
	}
}
