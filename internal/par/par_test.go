package par

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// Every item is done exactly once, for loops shorter and longer than a
// chunk and on one processor or several.
func TestEveryItemOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 5} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 63, 64, 65, 1000, 1001} {
			seen := make([]atomic.Int32, n)
			Chunks(n, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					seen[i].Add(1)
				}
			})
			Each(n, func() func(int) { return func(i int) { seen[i].Add(10) } })
			for i := range seen {
				if got := seen[i].Load(); got != 11 {
					t.Errorf("GOMAXPROCS %d, n %d: item %d done %d times (Chunks) and %d (Each)", procs, n, i, got%10, got/10)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}
