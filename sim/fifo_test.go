package sim

import "testing"

// TestFifoOrder pushes 1000 elements, then pops them all: first in, first
// out, through every growth of the ring.
func TestFifoOrder(t *testing.T) {
	var q fifo[int]
	if q.len() != 0 {
		t.Fatalf("zero value: len = %d", q.len())
	}
	for i := 0; i < 1000; i++ {
		q.push(i)
		if q.len() != i+1 {
			t.Fatalf("after %d pushes len = %d", i+1, q.len())
		}
	}
	for i := 0; i < 1000; i++ {
		if x := q.pop(); x != i {
			t.Fatalf("pop %d = %d, want %d", i, x, i)
		}
		if q.len() != 999-i {
			t.Fatalf("after %d pops len = %d, want %d", i+1, q.len(), 999-i)
		}
	}
}

// TestFifoGrowWhileWrapped fills a ring whose head is not at index 0 and
// whose elements wrap past the end of the buffer, then makes it grow: the
// order must survive the copy.
func TestFifoGrowWhileWrapped(t *testing.T) {
	var q fifo[int]
	for i := 0; i < 4; i++ { // first buffer holds 4
		q.push(i)
	}
	for i := 0; i < 3; i++ {
		if x := q.pop(); x != i {
			t.Fatalf("pop = %d, want %d", x, i)
		}
	}
	for i := 4; i < 7; i++ { // wraps to the start of the buffer: full again
		q.push(i)
	}
	if len(q.buf) != 4 || q.head == 0 {
		t.Fatalf("setup: buffer %d long with head %d; want a full, wrapped buffer of 4", len(q.buf), q.head)
	}
	for i := 7; i < 12; i++ { // grows while wrapped
		q.push(i)
	}
	for want := 3; want < 12; want++ {
		if x := q.pop(); x != want {
			t.Fatalf("pop = %d, want %d", x, want)
		}
	}
	if q.len() != 0 {
		t.Errorf("len = %d after popping everything", q.len())
	}
}

// TestFifoInterleaved runs 1000 pushes interleaved with pops in bursts of
// varying sizes, so the head and tail wrap around at many offsets and the
// ring grows at several of them, against a slice used as the reference
// queue.
func TestFifoInterleaved(t *testing.T) {
	var q fifo[int]
	var ref []int
	next := 0
	check := func() {
		t.Helper()
		if q.len() != len(ref) {
			t.Fatalf("len = %d, want %d", q.len(), len(ref))
		}
	}
	for round := 0; next < 1000; round++ {
		for k := 0; k < round%7+1 && next < 1000; k++ { // push 1..7
			q.push(next)
			ref = append(ref, next)
			next++
			check()
		}
		for k := 0; k < round%5 && len(ref) > 0; k++ { // pop 0..4
			want := ref[0]
			ref = ref[1:]
			if x := q.pop(); x != want {
				t.Fatalf("round %d: pop = %d, want %d", round, x, want)
			}
			check()
		}
	}
	for len(ref) > 0 {
		want := ref[0]
		ref = ref[1:]
		if x := q.pop(); x != want {
			t.Fatalf("draining: pop = %d, want %d", x, want)
		}
		check()
	}
}

// TestFifoReleasesPopped checks that pop clears the slot it empties, so a
// queue of parts does not keep popped parts alive for the garbage collector.
func TestFifoReleasesPopped(t *testing.T) {
	var q fifo[*int]
	for round := 0; round < 3; round++ {
		for i := 0; i < 10; i++ {
			q.push(new(int))
		}
		for i := 0; i < 10; i++ {
			if q.pop() == nil {
				t.Fatal("popped nil, pushed a pointer")
			}
		}
	}
	for i, p := range q.buf {
		if p != nil {
			t.Errorf("slot %d still holds a popped element", i)
		}
	}
}

// TestFifoNoAllocSteadyState checks the documented property that a queue
// that has grown large enough does not allocate on push and pop.
func TestFifoNoAllocSteadyState(t *testing.T) {
	var q fifo[int]
	for i := 0; i < 64; i++ {
		q.push(i)
	}
	for q.len() > 0 {
		q.pop()
	}
	allocs := testing.AllocsPerRun(100, func() {
		for i := 0; i < 50; i++ {
			q.push(i)
		}
		for i := 0; i < 50; i++ {
			q.pop()
		}
	})
	if allocs != 0 {
		t.Errorf("push/pop within capacity allocates %v times per run", allocs)
	}
}
