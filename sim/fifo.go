package sim

// fifo is a first-in first-out queue on a ring buffer that grows as needed.
// It allocates only when it grows, so the hot path of a replication does not
// allocate for queueing.
type fifo[T any] struct {
	buf  []T
	head int
	n    int
}

func (q *fifo[T]) len() int { return q.n }

func (q *fifo[T]) push(x T) {
	if q.n == len(q.buf) {
		q.grow()
	}
	q.buf[(q.head+q.n)%len(q.buf)] = x
	q.n++
}

// pop removes and returns the oldest element; the queue must not be empty.
func (q *fifo[T]) pop() T {
	var zero T
	x := q.buf[q.head]
	q.buf[q.head] = zero
	q.head = (q.head + 1) % len(q.buf)
	q.n--
	return x
}

func (q *fifo[T]) grow() {
	nb := make([]T, max(4, 2*len(q.buf)))
	for i := 0; i < q.n; i++ {
		nb[i] = q.buf[(q.head+i)%len(q.buf)]
	}
	q.buf, q.head = nb, 0
}

// remove deletes the first element equal to x, keeping the order of the
// others; it reports whether x was found. It is O(n): for rare events only.
func (q *fifo[T]) remove(x T, eq func(a, b T) bool) bool {
	for i := 0; i < q.n; i++ {
		if eq(q.at(i), x) {
			q.removeAt(i)
			return true
		}
	}
	return false
}

// at returns the i-th oldest element.
func (q *fifo[T]) at(i int) T { return q.buf[(q.head+i)%len(q.buf)] }

// removeAt deletes the i-th oldest element, keeping the order of the others.
func (q *fifo[T]) removeAt(i int) T {
	x := q.at(i)
	for j := i; j < q.n-1; j++ {
		q.buf[(q.head+j)%len(q.buf)] = q.buf[(q.head+j+1)%len(q.buf)]
	}
	var zero T
	q.buf[(q.head+q.n-1)%len(q.buf)] = zero
	q.n--
	return x
}
