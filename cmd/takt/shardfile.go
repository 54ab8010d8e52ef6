package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/takt-sim/takt/sim"
)

// A shard file holds the replications one shard of a command ran, and
// enough about the command to rebuild its output from all the shards
// (takt merge). Layout, integers little-endian:
//
//	"TAKTSHRD"            magic
//	uint32                shardFormat
//	uint32 n, n bytes     the header, JSON (shardHeader)
//	records, each         uint32 task position k, design point, replication
//	                      index, byte length m, then m bytes of
//	                      sim.Replication.MarshalBinary
//	"TAKTEND\n"           trailer magic
//	uint32                number of records
//	32 bytes              SHA-256 of everything before the trailer
//
// The trailer makes a truncated or damaged file detectable.
const (
	shardMagic   = "TAKTSHRD"
	shardEnd     = "TAKTEND\n"
	shardFormat  = 1
	shardTrailer = len(shardEnd) + 4 + sha256.Size
)

// shardHeader says which command made a shard, with which settings, from
// which scenario, and which shard it is. Shards merge only when everything
// but Shard is equal.
type shardHeader struct {
	Takt     string       `json:"takt"`     // version of the build that ran it
	Protocol int          `json:"protocol"` // protocolVersion: the replication encoding
	Command  string       `json:"command"`  // run, compare, sweep, bottleneck, warmup
	Args     []string     `json:"args"`     // the command's settings as flags
	File     string       `json:"file"`     // the scenario as given; "" for a bundled one
	Example  string       `json:"example,omitempty"`
	Scenario string       `json:"scenario"` // scenarioHash of the above and Data
	Data     []byte       `json:"data"`     // the scenario's text as loaded
	Points   []shardPoint `json:"points"`   // the command's design points
	Tasks    int          `json:"tasks"`    // replications of all design points
	Shard    int          `json:"shard"`    // this shard, counted from 1
	Shards   int          `json:"shards"`   // of this many
}

// shardPoint is a design point as the command planned it.
type shardPoint struct {
	Name    string  `json:"name"`
	Run     sim.Run `json:"run"`
	Faster  int     `json:"faster,omitempty"`
	Speedup float64 `json:"speedup,omitempty"`
}

// shardRecord is one replication of a shard: task K of the command's task
// list, replication Index of design point Point.
type shardRecord struct {
	K, Point, Index int
	Rep             *sim.Replication
}

// scenarioHash identifies the scenario as loaded together with the
// command and its settings.
func scenarioHash(h *shardHeader) string {
	sum := sha256.New()
	for _, s := range append([]string{h.Command, h.File, h.Example, string(h.Data)}, h.Args...) {
		fmt.Fprintf(sum, "%d:%s;", len(s), s)
	}
	return hex.EncodeToString(sum.Sum(nil))
}

// writeShard writes the shard file of h and recs to w.
func writeShard(w io.Writer, h *shardHeader, recs []shardRecord) error {
	head, err := json.Marshal(h)
	if err != nil {
		return err
	}
	b := append([]byte(shardMagic), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[len(shardMagic):], shardFormat)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(head)))
	b = append(b, head...)
	for _, r := range recs {
		rep, err := r.Rep.MarshalBinary()
		if err != nil {
			return err
		}
		for _, v := range []int{r.K, r.Point, r.Index, len(rep)} {
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
		b = append(b, rep...)
	}
	sum := sha256.Sum256(b)
	b = append(b, shardEnd...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(recs)))
	b = append(b, sum[:]...)
	_, err = w.Write(b)
	return err
}

// shardFile is a shard file read back.
type shardFile struct {
	path    string
	header  shardHeader
	records []shardRecord
}

// readShard reads and checks the shard file at path.
func readShard(path string) (*shardFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(shardMagic)) {
		return nil, fmt.Errorf("%s is not a takt shard file", path)
	}
	damaged := func(why string) error {
		return fmt.Errorf("%s is truncated or damaged (%s); run its shard again", path, why)
	}
	if len(data) < len(shardMagic)+8+shardTrailer {
		return nil, damaged("too short")
	}
	if v := binary.LittleEndian.Uint32(data[len(shardMagic):]); v != shardFormat {
		return nil, fmt.Errorf("%s is a shard file of format %d; this takt reads format %d", path, v, shardFormat)
	}
	body, trailer := data[:len(data)-shardTrailer], data[len(data)-shardTrailer:]
	if !bytes.HasPrefix(trailer, []byte(shardEnd)) {
		return nil, damaged("no end marker")
	}
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], trailer[len(shardEnd)+4:]) {
		return nil, damaged("checksum mismatch")
	}
	f := &shardFile{path: path}
	rest := body[len(shardMagic)+4:]
	n := int(binary.LittleEndian.Uint32(rest))
	rest = rest[4:]
	if n > len(rest) {
		return nil, damaged("header runs past the end")
	}
	if err := json.Unmarshal(rest[:n], &f.header); err != nil {
		return nil, damaged("header: " + err.Error())
	}
	rest = rest[n:]
	for len(rest) > 0 {
		if len(rest) < 16 {
			return nil, damaged("a record runs past the end")
		}
		var v [4]int
		for i := range v {
			v[i] = int(binary.LittleEndian.Uint32(rest[4*i:]))
		}
		rest = rest[16:]
		if v[3] > len(rest) {
			return nil, damaged("a record runs past the end")
		}
		rep := new(sim.Replication)
		if err := rep.UnmarshalBinary(rest[:v[3]]); err != nil {
			return nil, damaged(fmt.Sprintf("replication %d: %v", v[2]+1, err))
		}
		rest = rest[v[3]:]
		f.records = append(f.records, shardRecord{K: v[0], Point: v[1], Index: v[2], Rep: rep})
	}
	if c := int(binary.LittleEndian.Uint32(trailer[len(shardEnd):])); c != len(f.records) {
		return nil, damaged(fmt.Sprintf("%d records, the trailer says %d", len(f.records), c))
	}
	return f, nil
}
