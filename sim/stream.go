package sim

import (
	"hash/fnv"
	"math/rand/v2"
)

// NewStream returns the random source for one purpose of one element in one
// replication. Streams are independent of each other and of the order in
// which they are created, so adding an element to a model does not change the
// draws of any other element (common random numbers across variants):
//
//	state  = splitmix64(seed ⊕ splitmix64(replication + 1))
//	stream = FNV-1a(element ‖ 0x00 ‖ purpose)
//	source = PCG(state, stream)
//
// The zero byte keeps element and purpose apart: names may contain "/",
// purposes like "failure/jam/ttf" do.
func NewStream(seed uint64, replication int, element, purpose string) *rand.PCG {
	h := fnv.New64a()
	h.Write([]byte(element))
	h.Write([]byte{0})
	h.Write([]byte(purpose))
	return rand.NewPCG(splitmix64(seed^splitmix64(uint64(replication)+1)), h.Sum64())
}

// splitmix64 is the output function of Steele, Lea & Flood's SplitMix64, a
// bijective scrambler used here to decorrelate nearby seeds.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
