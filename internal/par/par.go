// Package par runs a loop's iterations on all processors. The build's
// stages hand it independent items: pages to model, index terms to weigh,
// files to write.
package par

import (
	"runtime"
	"sync"
)

// Chunks calls fn for consecutive ranges [lo, hi) that together cover
// [0, n) once, on all processors; a short loop (n < 64) runs in the caller.
func Chunks(n int, fn func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 64 || workers == 1 {
		fn(0, n)
		return
	}
	chunk := (n + workers*4 - 1) / (workers * 4)
	next := make(chan int, workers*4)
	for lo := 0; lo < n; lo += chunk {
		next <- lo
	}
	close(next)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for lo := range next {
				fn(lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
}

// Each calls, on each processor, newWorker once and the function it
// returns for some of the items 0..n-1; every item is done once. A worker
// may keep scratch space between its items.
func Each(n int, newWorker func() func(i int)) {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do := newWorker()
			for i := range next {
				do(i)
			}
		}()
	}
	wg.Wait()
}
