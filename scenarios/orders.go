package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// reader reads a file that a scenario names (an order book), relative to
// the scenario's folder.
type reader func(name string) ([]byte, error)

// osReader reads relative to the folder of the scenario file.
func osReader(scenarioFile string) reader {
	dir := filepath.Dir(scenarioFile)
	return func(name string) ([]byte, error) {
		if filepath.IsAbs(name) {
			return readInput(name)
		}
		return readInput(filepath.Join(dir, name))
	}
}

// orderColumns are the columns of an order book; the first four are
// required.
var orderColumns = []string{"release", "product", "quantity", "due", "name", "priority"}

// decodeOrderFile reads a source's "orders" CSV file: a header naming the
// columns, then one order per row. Problems are reported at the file's own
// lines.
func (pl *plant) decodeOrderFile(t *table, so *sim.Source, unit string) {
	name, ok := t.str("orders")
	if !ok {
		return
	}
	data, err := pl.read(name)
	if err != nil {
		t.bad("orders", "orders: %v", unwrapPath(err))
		return
	}
	ps := &problems{file: name}
	so.Orders = parseOrderCSV(ps, data, unit, so.Name)
	t.ps.list = append(t.ps.list, ps.list...)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot read %s: %v", pe.Path, pe.Err)
	}
	return err
}

// parseOrderCSV reads the rows of an order book.
func parseOrderCSV(ps *problems, data []byte, unit, source string) []sim.Order {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.Comment = '#'
	head, err := r.Read()
	if err != nil {
		ps.add(1, "", "", "order book: %v", csvErr(err))
		return nil
	}
	col, ok := orderHeader(ps, head)
	if !ok {
		return nil
	}
	var orders []sim.Order
	for {
		row, err := r.Read()
		if err == io.EOF {
			return orders
		}
		if err != nil {
			ps.add(csvLine(err), "", "", "%v", csvErr(err))
			return orders
		}
		line, _ := r.FieldPos(0)
		if len(orders) == MaxOrders {
			ps.add(line, "", "", "more than %d orders, the limit (every replication keeps one outcome per order)", MaxOrders)
			return orders
		}
		if o, ok := orderRow(ps, line, row, col, unit); ok {
			if o.Name == "" {
				o.Name = fmt.Sprintf("%s#%d", source, len(orders)+1)
			}
			orders = append(orders, o)
		}
	}
}

// csvLine is the line of a CSV read error; FieldPos must not be asked after
// a failed Read (it panics), the error itself knows the line.
func csvLine(err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return 0
}

func csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// orderHeader maps the column names to their positions.
func orderHeader(ps *problems, head []string) (map[string]int, bool) {
	if !slices.ContainsFunc(head, isOrderColumn) {
		// Not an order book at all (a wrong path): say so without repeating it.
		ps.add(1, "", "", "this is not an order book: its first line names none of the columns %s", strings.Join(orderColumns, ", "))
		return nil, false
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if !contains(orderColumns, h) {
			ps.add(1, "", "", "unknown column %q (the columns are %s)", clip(h), strings.Join(orderColumns, ", "))
			return nil, false
		}
		col[h] = i
	}
	for _, need := range orderColumns[:4] {
		if _, ok := col[need]; !ok {
			ps.add(1, "", "", "the header has no %q column (it needs release, product, quantity and due)", need)
			return nil, false
		}
	}
	return col, true
}

func isOrderColumn(h string) bool {
	return contains(orderColumns, strings.ToLower(strings.TrimSpace(h)))
}

// orderRow reads one order; an empty due means none.
func orderRow(ps *problems, line int, row []string, col map[string]int, unit string) (sim.Order, bool) {
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	o := sim.Order{Name: get("name"), Product: get("product"), Due: math.Inf(1)}
	ok := true
	bad := func(format string, args ...any) { ps.add(line, "", "", format, args...); ok = false }
	if o.Product == "" {
		bad("product is missing")
	}
	if n, err := strconv.Atoi(get("quantity")); err != nil || n < 1 {
		bad("quantity must be a whole number >= 1, got %q", clip(get("quantity")))
	} else if n > sim.MaxInPlant {
		bad("quantity = %d is over the limit of %d (%s)", n, sim.MaxInPlant, whyInPlant)
	} else {
		o.Quantity = n
	}
	var err error
	if o.Release, err = ParseDuration(get("release"), unit); err != nil {
		bad("release: %v", err)
	}
	if d := get("due"); d != "" {
		if o.Due, err = ParseDuration(d, unit); err != nil {
			bad("due: %v", err)
		}
	}
	if p := get("priority"); p != "" {
		if o.Priority, err = strconv.Atoi(p); err != nil {
			bad("priority must be a whole number, got %q", clip(p))
		}
	}
	return o, ok
}

// decodeOrders reads the inline [[order]] tables into their sources.
func (pl *plant) decodeOrders(tables []*table, unit string) {
	for i, t := range tables {
		if i == MaxOrders {
			t.bad("", "more than %d [[order]] tables, the limit (every replication keeps one outcome per order)", MaxOrders)
			return
		}
		t.known("name", "source", "product", "quantity", "release", "due", "priority")
		o := sim.Order{Due: math.Inf(1)}
		o.Name, _ = t.str("name")
		if o.Name == "" {
			o.Name = fmt.Sprintf("order #%d", i+1)
		}
		t.element = fmt.Sprintf("order %q", o.Name)
		src := pl.orderSource(t)
		if p, ok := t.str("product"); ok {
			o.Product = p
		} else if !t.has("product") {
			t.missing("product", "product is missing")
		}
		o.Quantity = 1
		if n, ok := t.integer("quantity"); ok {
			if n < 1 {
				t.bad("quantity", "quantity must be >= 1, got %d", n)
			}
			t.countAtMost("quantity", n, sim.MaxInPlant, whyInPlant)
			o.Quantity = int(n)
		}
		o.Release, _ = t.duration("release", unit)
		if d, ok := t.duration("due", unit); ok {
			o.Due = d
		}
		if p, ok := t.integer("priority"); ok {
			o.Priority = int(p)
		}
		if src >= 0 {
			pl.model.Sources[src].Orders = append(pl.model.Sources[src].Orders, o)
		}
	}
}

// orderSource is the index of the source an [[order]] names, or the only
// order-book source; -1 after a problem.
func (pl *plant) orderSource(t *table) int {
	name, ok := t.str("source")
	var books []int
	for i, so := range pl.model.Sources {
		if so.Kind == sim.OrderBook {
			books = append(books, i)
			if ok && so.Name == name {
				return i
			}
		}
	}
	switch {
	case ok:
		t.bad("source", "source %q is not an order-book source (give it orders = \"FILE.csv\" or no other kind)", name)
	case len(books) == 1:
		return books[0]
	default:
		t.missing("source", "source is missing: which order-book source releases this order?")
	}
	return -1
}

// inlineOrderSources names the sources that [[order]] tables release from.
func inlineOrderSources(tables []*table) map[string]bool {
	names := map[string]bool{}
	for _, t := range tables {
		if s, ok := t.m["source"].(string); ok {
			names[s] = true
		}
	}
	return names
}
