package sim

import (
	"math"
	"reflect"
	"testing"
)

// sameBits reports whether a and b hold bit-identical values: every
// float64 compared by its bits (so NaN equals the same NaN and −0 differs
// from 0), everything else by value. Nil and empty slices are the same.
func sameBits(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.Pointer:
		return a.IsNil() == b.IsNil() && (a.IsNil() || sameBits(a.Elem(), b.Elem()))
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameBits(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameBits(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	}
	return a.Interface() == b.Interface()
}

// TestReplicationRoundTrip checks that decoding an encoded replication
// gives back every field bit for bit, on a plant that fills every part of
// the result: products, orders, crews, failures, bottleneck shares, the
// WIP series and NaN statistics (a station no part waits at).
func TestReplicationRoundTrip(t *testing.T) {
	reps := runExp(t, bikeShop(), testRun(500, 50, 2)).Replications
	reps = append(reps, runExp(t, jobShopBook(EDD), testRun(200, 0, 1)).Replications...)
	reps = append(reps, &Replication{Index: 3, Throughput: math.Copysign(0, -1)})
	for _, r := range reps {
		data, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Replication
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		if !sameBits(reflect.ValueOf(*r), reflect.ValueOf(back)) {
			t.Errorf("replication %d: round trip differs:\n%+v\n%+v", r.Index, *r, back)
		}
	}
}

// TestReplicationDecodeRefuses checks that foreign, truncated and newer
// encodings are refused with a message, not misread.
func TestReplicationDecodeRefuses(t *testing.T) {
	good, err := (&Replication{Index: 1, Throughput: 2}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	newer := append([]byte(replicationMagic), byte(ReplicationEncoding+1))
	for name, data := range map[string][]byte{
		"foreign":    []byte("hello, world"),
		"truncated":  good[:len(good)-3],
		"no version": []byte(replicationMagic),
		"newer":      append(newer, good[len(replicationMagic)+1:]...),
	} {
		var r Replication
		if err := r.UnmarshalBinary(data); err == nil {
			t.Errorf("%s: decoded without error", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
