package limits

import (
	"runtime"
	"sync"
	"time"
)

// heapSampleEvery is how often a HeapSampler reads the heap.
const heapSampleEvery = 5 * time.Millisecond

// HeapSampler records the peak heap in use (runtime.MemStats.HeapInuse,
// which counts garbage not yet collected, as the process's footprint
// does) while it runs. Reading the statistics briefly stops the world,
// so a sampler slows what it measures a little.
type HeapSampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	peak uint64
}

// StartHeapSampler collects garbage, so that the peak starts from live
// data, and begins sampling every few milliseconds.
func StartHeapSampler() *HeapSampler {
	runtime.GC()
	hs := &HeapSampler{stop: make(chan struct{})}
	hs.wg.Add(1)
	go hs.loop()
	return hs
}

func (hs *HeapSampler) loop() {
	defer hs.wg.Done()
	tick := time.NewTicker(heapSampleEvery)
	defer tick.Stop()
	for {
		hs.sample()
		select {
		case <-hs.stop:
			return
		case <-tick.C:
		}
	}
}

func (hs *HeapSampler) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	hs.mu.Lock()
	hs.peak = max(hs.peak, ms.HeapInuse)
	hs.mu.Unlock()
}

// Stop takes a last sample, stops sampling and returns the peak in bytes.
func (hs *HeapSampler) Stop() int64 {
	close(hs.stop)
	hs.wg.Wait()
	hs.sample()
	hs.mu.Lock()
	defer hs.mu.Unlock()
	return int64(hs.peak)
}
