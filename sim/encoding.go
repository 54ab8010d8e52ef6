package sim

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
)

// ReplicationEncoding is the version of the binary encoding of a
// Replication. The encoding is the struct's fields in declaration order,
// depth first, so any change to Replication or the types it holds changes
// the version; an encoding of another version is refused, never misread.
const ReplicationEncoding = 9

// replicationMagic starts every encoded replication.
const replicationMagic = "takt/replication"

// maxEncodedLen bounds a slice length read back, so a corrupt length cannot
// allocate without bound.
const maxEncodedLen = 1 << 24

// MarshalBinary encodes the replication: a magic string, the version
// (ReplicationEncoding, a uvarint) and every field in declaration order —
// float64 as its IEEE 754 bits (8 bytes, little endian: NaN and −0 come
// back as they were), integers as varints, slices with their length first.
func (r *Replication) MarshalBinary() ([]byte, error) {
	buf := append([]byte(replicationMagic), binary.AppendUvarint(nil, ReplicationEncoding)...)
	return encodeValue(buf, reflect.ValueOf(r).Elem()), nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (r *Replication) UnmarshalBinary(data []byte) error {
	rest, ok := bytes.CutPrefix(data, []byte(replicationMagic))
	if !ok {
		return errors.New("decode replication: not a takt replication")
	}
	v, n := binary.Uvarint(rest)
	switch {
	case n <= 0:
		return errors.New("decode replication: truncated")
	case v != ReplicationEncoding:
		return fmt.Errorf("decode replication: encoding version %d, this takt reads %d", v, ReplicationEncoding)
	}
	*r = Replication{}
	d := decoder{data: rest[n:]}
	d.value(reflect.ValueOf(r).Elem())
	if d.err == nil && len(d.data) > 0 {
		d.err = fmt.Errorf("%d bytes after the end", len(d.data))
	}
	if d.err != nil {
		return fmt.Errorf("decode replication: %w", d.err)
	}
	return nil
}

func encodeValue(buf []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.Float64:
		return binary.LittleEndian.AppendUint64(buf, math.Float64bits(v.Float()))
	case reflect.Int, reflect.Int64:
		return binary.AppendVarint(buf, v.Int())
	case reflect.Bool:
		if v.Bool() {
			return append(buf, 1)
		}
		return append(buf, 0)
	case reflect.Struct:
		for i := range v.NumField() {
			buf = encodeValue(buf, v.Field(i))
		}
		return buf
	case reflect.Slice:
		buf = binary.AppendUvarint(buf, uint64(v.Len()))
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			buf = encodeValue(buf, v.Index(i))
		}
		return buf
	}
	panic(fmt.Sprintf("encode replication: unsupported kind %v", v.Kind()))
}

// decoder reads an encoding back; the first error sticks.
type decoder struct {
	data []byte
	err  error
}

func (d *decoder) value(v reflect.Value) {
	if d.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Float64:
		if len(d.data) < 8 {
			d.err = errors.New("truncated")
			return
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(d.data)))
		d.data = d.data[8:]
	case reflect.Int, reflect.Int64:
		x, n := binary.Varint(d.data)
		d.advance(n)
		v.SetInt(x)
	case reflect.Bool:
		if len(d.data) < 1 {
			d.err = errors.New("truncated")
			return
		}
		v.SetBool(d.data[0] == 1)
		d.data = d.data[1:]
	case reflect.Struct:
		for i := range v.NumField() {
			d.value(v.Field(i))
		}
	case reflect.Slice:
		n, k := binary.Uvarint(d.data)
		if d.advance(k); d.err != nil {
			return
		}
		if n > maxEncodedLen || n > uint64(len(d.data)) {
			d.err = fmt.Errorf("a list of %d elements in %d bytes", n, len(d.data))
			return
		}
		if n == 0 {
			return // nil, as the plant leaves a list it never appended to
		}
		v.Set(reflect.MakeSlice(v.Type(), int(n), int(n)))
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			d.value(v.Index(i))
		}
	default:
		d.err = fmt.Errorf("unsupported kind %v", v.Kind())
	}
}

// advance skips n bytes of a varint; n <= 0 means it was truncated or
// overflowed.
func (d *decoder) advance(n int) {
	if n <= 0 {
		d.err = errors.New("truncated")
		return
	}
	d.data = d.data[n:]
}
