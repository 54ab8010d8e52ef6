package scenarios

import (
	"encoding/json"
	"slices"
)

// Schema returns a JSON Schema (draft-07, the version TOML editors such as
// Taplo and Even Better TOML read) of the scenario format: every table,
// every key with a description, its type and, where the decoder checks
// them, its allowed values and bounds. Unknown keys are errors, as in the
// decoder (additionalProperties = false). A test keeps the keys of every
// table equal to those the decoder accepts, and validates every bundled
// scenario against the schema.
//
// The schema checks shape, not meaning: durations and distributions are
// numbers or strings, and whether "exp(0)" or a name refers to something
// is for `takt validate` to say.
func Schema() []byte {
	b, err := json.MarshalIndent(schemaDoc(), "", "  ")
	if err != nil {
		panic(err) // the schema is a constant; it always encodes
	}
	return append(b, '\n')
}

// schemaKey is one key of a table: its name, what it means, and the JSON
// Schema of its value.
type schemaKey struct {
	name, desc string
	value      map[string]any
}

// schemaTable is one kind of table of the format. kind names it as the
// decoder's key tables do ("station", "station.failures", "run"); keys are
// in the order the README lists them.
type schemaTable struct {
	kind, desc string
	keys       []schemaKey
	required   []string // keys the decoder reports as missing
}

// Value schemas shared by several keys.
var (
	sString   = map[string]any{"type": "string"}
	sName     = map[string]any{"type": "string", "minLength": 1}
	sBool     = map[string]any{"type": "boolean"}
	sDuration = map[string]any{"type": []string{"number", "string"}, "minimum": 0,
		"description": `a plain number in time_unit, or a string with a unit: "90s", "2.5min", "8h", "1.5d", "2w"`}
	sDist = map[string]any{"type": []string{"number", "string"}, "minimum": 0,
		"description": `a constant (number) or "const(d)", "exp(mean)", "uniform(a, b)", "tri(min, mode, max)", "normal(mean, sd)", "lognormal(mean, sd)", "gamma(mean, sd)", "erlang(mean, k)", "weibull(shape, scale)", "empirical(v1:p1, v2:p2, …)"; arguments are durations`}
	sBasis    = map[string]any{"enum": []string{"operating", "calendar"}}
	sPriority = map[string]any{"type": "integer"}
	sMoney    = map[string]any{"type": "number", "minimum": 0}
)

func intMin(lo int) map[string]any { return map[string]any{"type": "integer", "minimum": lo} }

func ref(kind string) map[string]any { return map[string]any{"$ref": "#/definitions/" + kind} }

func arrayOf(s map[string]any) map[string]any { return map[string]any{"type": "array", "items": s} }

// oneOrMany is one table of kind or an array of them.
func oneOrMany(kind string) map[string]any {
	return map[string]any{"anyOf": []any{ref(kind), arrayOf(ref(kind))}}
}

// mapOf is a table whose keys are names and whose values follow s.
func mapOf(s map[string]any) map[string]any {
	return map[string]any{"type": "object", "additionalProperties": s}
}

// schemaTables are the tables of the format, the top level first.
func schemaTables() []schemaTable {
	return []schemaTable{
		{"", "A takt scenario: a plant of sources, stations and sinks, and how to run it.", []schemaKey{
			{"name", "Scenario name (required).", sName},
			{"description", "One line shown by `takt examples`.", sString},
			{"time_unit", "Unit of every plain number and of the results: s, min, h, d or w (long forms such as minutes or hours accepted); default min.", sString},
			{"run", "How to run the scenario: horizon, warm-up, replications, seed, confidence.", ref("run")},
			{"source", "Where parts enter the plant.", arrayOf(ref("source"))},
			{"station", "A station: identical parallel machines with a buffer in front.", arrayOf(ref("station"))},
			{"sink", "Where parts leave the plant.", arrayOf(ref("sink"))},
			{"crew", "A pool of workers (repair technicians, operators) shared by stations.", arrayOf(ref("crew"))},
			{"shift", "A weekly working calendar; simulation time 0 is Monday 00:00.", arrayOf(ref("shift"))},
			{"product", "A product: family, route, own process times, priority.", arrayOf(ref("product"))},
			{"order", "An order of an order book, released by a source.", arrayOf(ref("order"))},
			{"variant", "An alternative for `takt compare`: the scenario with some keys set.", arrayOf(ref("variant"))},
			{"costs", "Plant-wide money: material, price, scrap, WIP holding, lateness, overtime factor; any cost key makes the plant costed.", ref("costs")},
			{"material", "A raw material in stock, consumed by stations and replenished from a supplier.", arrayOf(ref("material"))},
			{"conveyor", "A belt that carries every part going from one station to the next station or sink.", arrayOf(ref("conveyor"))},
			{"kanban", "A kanban loop: cards between a supermarket and the stations that replenish it.", arrayOf(ref("kanban"))},
			{"layout", "Hand placement in the report's drawing of the plant: element name → { row, column } (1 = top, leftmost; either may be left out).",
				mapOf(map[string]any{"type": "object", "additionalProperties": false, "properties": map[string]any{
					"row":    map[string]any{"type": "integer", "minimum": 1, "maximum": 1000, "description": "Row within the column, 1 at the top."},
					"column": map[string]any{"type": "integer", "minimum": 1, "maximum": 1000, "description": "Column, 1 at the left, counted before long lines wrap."},
				}})},
			{"transporter", "A fleet of vehicles (forklifts, AGVs, tuggers) that carries parts on the routes naming it with by.", arrayOf(ref("transporter"))},
		}, []string{"name", "run"}},
		{"transporter", "A fleet of identical vehicles: a part on a route by it waits on its machine (waiting_transport) until a vehicle drives there empty, loads it, drives loaded and unloads it.", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"count", "Vehicles; default 1.", intMin(1)},
			{"speed", `Distance units per time unit, or "N/UNIT" such as "1.5/s" (required).`, map[string]any{"anyOf": []any{map[string]any{"type": "number", "exclusiveMinimum": 0}, sString}}},
			{"load", "Time to load one part: a duration or distribution; default 0.", sDist},
			{"unload", "Time to unload one part; default 0.", sDist},
			{"capacity", "Parts per trip; default 1. At the pickup the vehicle also takes parts waiting there for the same destination, oldest first.", intMin(1)},
			{"dispatch", "Which request a free vehicle serves next: fifo (default, oldest first) or nearest (nearest pickup first).", map[string]any{"enum": slices.Clone(transportDispatch)}},
			{"home", "Where the vehicles park at time 0: a station, a sink or a place of the distance table such as a depot (required).", sName},
			{"distance", "The ways between places: their lengths, one way for both unless the other way is given too; vehicles take the shortest path (this or at is required).", arrayOf(ref("transporter.distance"))},
			{"at", "Instead of distance, places on a plan: place → [x, y]; the way between two is rectilinear, |x₁ − x₂| + |y₁ − y₂|.",
				mapOf(map[string]any{"type": "array", "items": map[string]any{"type": "number"}, "minItems": 2, "maxItems": 2})},
			{"ways", "With at: aisles (default: rectilinear, |x₁ − x₂| + |y₁ − y₂|) or straight (the straight line, for free-ranging vehicles).", map[string]any{"enum": []any{"aisles", "straight"}}},
		}, []string{"name", "speed", "home"}},
		{"transporter.distance", "The length of the way between two places.", []schemaKey{
			{"from", "A station, a sink or the transporter's home.", sName},
			{"to", "A station, a sink or the transporter's home.", sName},
			{"length", "In the distance units of speed, >= 0.", map[string]any{"type": "number", "minimum": 0}},
		}, []string{"from", "to", "length"}},
		{"material", "A raw material: give reorder_point and quantity (s, Q), reorder_point and order_up_to (s, S), or review and order_up_to (R, S).", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"initial", "Units on hand at time 0; default 0.", intMin(0)},
			{"reorder_point", "s: order when the inventory position (on hand + on order − backorders) falls to it or below.", map[string]any{"type": "integer"}},
			{"quantity", "Q: the order quantity of (s, Q).", intMin(1)},
			{"order_up_to", "S: order up to this inventory position, (s, S) or (R, S).", intMin(1)},
			{"review", "R: the review period of (R, S), from time 0.", sDuration},
			{"lead_time", "Supplier lead time of an order: a duration or a distribution (required).", sDist},
			{"holding", "Cost per unit on hand per hour.", sMoney},
			{"order_cost", "Cost per order placed.", sMoney},
		}, []string{"name", "lead_time"}},
		{"conveyor", "A conveyor on the way from station from to node to: a part enters at the head when fewer than ⌊length / spacing⌋ parts ride and the one before has moved spacing away; a full belt blocks the machine at its head.", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"from", "The station whose finished parts it takes (required).", sName},
			{"to", "The station or sink at its end, one that a route of from goes to (required).", sName},
			{"length", "Length, in any length unit (required).", map[string]any{"type": "number", "exclusiveMinimum": 0}},
			{"speed", `Length units per time unit, or "N/UNIT" such as "0.5/s" (required).`,
				map[string]any{"type": []string{"number", "string"}, "exclusiveMinimum": 0}},
			{"spacing", "Belt each part takes, at most length; capacity = ⌊length / spacing⌋ (required).", map[string]any{"type": "number", "exclusiveMinimum": 0}},
			{"accumulating", "true (default): parts queue at the end while the next station has no room; false: the whole belt stops.", sBool},
		}, []string{"name", "from", "to", "length", "speed", "spacing"}},
		{"kanban", "A kanban loop: its first station starts a part only with a free card; the card travels with the part and is free again when the part, finished by the loop's last station, is withdrawn (the next station starts it, or it leaves the plant).", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"stations", "The stations of the loop in routing order (required); each station is in one loop at most.", map[string]any{"type": "array", "minItems": 1, "items": sName}},
			{"cards", "Cards in the loop (required): a number shared by every part, or product name → cards of that product.",
				map[string]any{"anyOf": []any{intMin(1), mapOf(intMin(1))}}},
		}, []string{"name", "stations", "cards"}},
		{"costs", "Plant-wide money, in the scenario's money (takt knows no currency).", []schemaKey{
			{"material", "Cost per part released, for parts of no product (or one without material_cost).", sMoney},
			{"price", "Revenue per good part reaching a sink, likewise.", sMoney},
			{"scrap", "Cost per part scrapped, on top of its material.", sMoney},
			{"holding", "Cost per part in the plant per hour (WIP holding).", sMoney},
			{"lateness", "Penalty per order per day of tardiness.", sMoney},
			{"overtime", "The crews' default overtime factor; default 1.5.", sMoney},
		}, nil},
		{"run", "How to run the scenario.", []schemaKey{
			{"horizon", "Length of one replication, warm-up included (required).", sDuration},
			{"warmup", "Initial period whose statistics are discarded; 0 <= warmup < horizon; default 0.", sDuration},
			{"replications", "Independent replications; default 10.", intMin(1)},
			{"seed", "Base random seed; default 1.", intMin(0)},
			{"confidence", "Confidence level of the intervals, between 0 and 1; default 0.95.",
				map[string]any{"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}},
			{"until", "End each replication when its work is done, not at the horizon (which stays the longest it may take): give parts or orders.", ref("run.until")},
		}, []string{"horizon"}},
		{"run.until", "When a replication is done; its makespan is a KPI.", []schemaKey{
			{"parts", "The replication ends when this many parts, counted after the warm-up, have reached a sink.", intMin(1)},
			{"orders", `"all": the replication ends when every order of the order books is complete (warm-up 0).`, map[string]any{"enum": []any{"all"}}},
		}, nil},
		{"source", "A source releases parts; give exactly one of interarrival, saturated, conwip (or orders).", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"to", "The station the source feeds; with a mix it may be omitted when every product's route starts at the same station.", sName},
			{"interarrival", "Distribution of the time between releases (open line).", sDist},
			{"arrivals", "Demand that changes over the week (instead of interarrival): Poisson arrivals at a rate per window, 0 outside every window.", arrayOf(ref("source.arrivals"))},
			{"saturated", "true: the station it feeds is never starved.", sBool},
			{"conwip", "Closed loop: keep exactly this many parts in the plant.", intMin(1)},
			{"pull", "Make to stock: release one part per customer demand met or backordered at this store (a sink with base_stock).", sName},
			{"rope", "Drum–buffer–rope release: keep parts (or length of the drum's work) between release and the end of their processing at the constraint station.", ref("source.rope")},
			{"mix", "Product mix: product name → share of the released parts, summing to 1.",
				mapOf(map[string]any{"type": "number", "minimum": 0, "maximum": 1})},
			{"orders", "An order book: a CSV file (relative to the scenario) with columns release, product, quantity, due and optionally name, priority.", sString},
		}, []string{"name"}},
		{"source.rope", "The rope of a drum–buffer–rope release: give parts or length.", []schemaKey{
			{"station", "The constraint (drum).", sName},
			{"parts", "Parts between release and the end of processing at the drum.", intMin(1)},
			{"length", "The rope as the drum's work: parts = ⌈length · machines / mean process time⌉.", sDuration},
		}, []string{"station"}},
		{"source.arrivals", "A rate of arrivals during some windows of the week (during and rate), or a batch delivered at instants of the week (at and parts).", []schemaKey{
			{"during", `A window "Mon-Fri 06:00-14:00" or a list of them; where windows of several entries overlap, the first entry's rate holds.`,
				map[string]any{"anyOf": []any{sString, arrayOf(sString)}}},
			{"rate", `Parts per time unit, or "N/UNIT" such as "30/h".`, map[string]any{"anyOf": []any{map[string]any{"type": "number", "minimum": 0}, sString}}},
			{"at", `A batch: an instant "Mon-Fri 06:00" or a list of them, at which parts arrive at once.`,
				map[string]any{"anyOf": []any{sString, arrayOf(sString)}}},
			{"parts", "A batch: the parts each delivery brings.", intMin(1)},
		}, nil},
		{"station", "A station of identical parallel machines.", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"machines", "Identical parallel machines; default 1.", intMin(1)},
			{"process", "Processing-time distribution of one part on one machine (required).", sDist},
			{"buffer", "Waiting places in front of the machines; omitted = unlimited, 0 = no waiting room.", intMin(0)},
			{"to", `Next station or sink, or a split: an array of { station = "x", p = 0.7 } or { sink = "x", p = … } whose p sum to 1.`,
				map[string]any{"anyOf": []any{sName, arrayOf(ref("station.to"))}}},
			{"move", "Time a finished part takes to reach the next station or sink (a duration or distribution); with a split, for every branch without a move of its own. Moving, a part holds no machine and no buffer place.", sDist},
			{"failures", "Failure modes of each machine: one table or an array of tables.", oneOrMany("station.failures")},
			{"pm", "Planned (preventive) maintenance of each machine.", ref("station.pm")},
			{"shift", "The shift whose windows the station works in; omitted = around the clock.", sName},
			{"at_shift_end", `When a window ends or a break begins: "pause" (default; the part resumes later) or "finish" (the part is completed, nothing new starts).`,
				map[string]any{"enum": []string{"pause", "finish"}}},
			{"operators", "Crew members a machine needs to work: one table, or a list in preference order.", oneOrMany("station.operators")},
			{"load", "A load time (duration or distribution) before processing each part.", sDist},
			{"setup", `Changeover time when the next part has another family (or product): a distribution, or a table of "FROM->TO" times with * for any and an optional default.`,
				map[string]any{"anyOf": []any{sDist, mapOf(sDist)}}},
			{"dispatch", "How a machine picks its next part from the buffer (only parts in the buffer): fifo (default), lifo, spt, edd, priority, same_family.",
				map[string]any{"enum": slices.Clone(dispatchRules)}},
			{"yield", "Share of finished parts that are good; the rest is scrap.", map[string]any{"type": "number", "exclusiveMinimum": 0, "maximum": 1}},
			{"rework", "Share of the good parts sent back to a station.", ref("station.rework")},
			{"batch", "Parts a machine processes together, starting with a whole batch.", intMin(1)},
			{"assemble", "A bill of materials: product → parts of it joined into one; the first component becomes the assembled part.",
				mapOf(intMin(1))},
			{"output", "The product of the assembled part, which takes up that product's route from this station.", sName},
			{"cost", "What each machine costs: running, idle, down per machine-hour, fixed per machine per week, setup per setup.", ref("station.cost")},
			{"consumes", "Raw materials a machine takes per part when it starts it: material → units.", mapOf(intMin(1))},
			{"by", "The transporter that carries finished parts to the next station or sink; with a split, for every branch without a move or by of its own. Not with move.", sName},
		}, []string{"name", "process"}},
		{"station.cost", "What each machine of the station costs.", []schemaKey{
			{"running", "Per machine-hour busy or in setup.", sMoney},
			{"idle", "Per machine-hour starved, blocked or waiting for operators.", sMoney},
			{"down", "Per machine-hour down, waiting for a crew or in maintenance.", sMoney},
			{"fixed", "Per machine per week, whatever its state.", sMoney},
			{"setup", "Per setup.", sMoney},
		}, nil},
		{"station.to", "One branch of a split.", []schemaKey{
			{"station", "The station of this branch.", sName},
			{"sink", "The sink of this branch.", sName},
			{"p", "Probability of this branch.", map[string]any{"type": "number", "minimum": 0, "maximum": 1}},
			{"move", "Time a part takes to reach this branch's station or sink.", sDist},
			{"by", "The transporter that carries parts on this branch (not with move).", sName},
		}, []string{"p"}},
		{"station.failures", "A failure mode of each machine.", []schemaKey{
			{"name", "Name of the mode (default failure1, failure2, …); unique per station.", sName},
			{"ttf", "Time to failure: a distribution (or give mtbf).", sDist},
			{"ttr", "Time to repair once a crew member (if any) is there: a distribution (or give mttr).", sDist},
			{"mtbf", "Mean time between failures, exponential (instead of ttf).", sDuration},
			{"mttr", "Mean time to repair, exponential (instead of ttr).", sDuration},
			{"basis", `"operating" (default): the clock runs only while the machine processes; "calendar": always.`, sBasis},
			{"crew", "The repair needs one member of this crew.", sName},
			{"priority", "Higher first when machines wait for the same crew; default 0.", sPriority},
		}, nil},
		{"station.pm", "Planned maintenance of each machine.", []schemaKey{
			{"every", "Due this long (on its basis clock) after the end of the previous one (required).", sDuration},
			{"duration", "Time the maintenance takes: a duration or a distribution (required).", sDist},
			{"basis", `"operating" (default) or "calendar".`, sBasis},
			{"crew", "The maintenance needs one member of this crew.", sName},
			{"priority", "Higher first when machines wait for the same crew; default 0.", sPriority},
			{"resets_failures", "true (default): maintenance restarts every failure clock of the machine.", sBool},
		}, []string{"every", "duration"}},
		{"station.operators", "Members of a crew a machine needs.", []schemaKey{
			{"crew", "The crew (required).", sName},
			{"count", "Members needed at once; default 1.", intMin(1)},
			{"during", `"process" (default: setup, load and processing), "load" or "setup".`,
				map[string]any{"enum": []string{"process", "load", "setup"}}},
		}, []string{"crew"}},
		{"station.rework", "Rework of good parts.", []schemaKey{
			{"p", "Share of the good parts reworked.", map[string]any{"type": "number", "minimum": 0, "exclusiveMaximum": 1}},
			{"to", "The station that reworks them.", sName},
		}, []string{"p", "to"}},
		{"sink", "A sink; with base_stock and demand a finished-goods store (make to stock).", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"base_stock", "Units on the shelf at time 0, and the target a pull source replenishes to.", intMin(0)},
			{"demand", "Time between customer demands (one unit each): a duration or a distribution.", sDist},
			{"lost_sales", "true: a demand that finds the shelf empty is lost; default false: it waits (backorder).", sBool},
		}, []string{"name"}},
		{"crew", "A pool of workers.", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"size", "Number of members; default 1.", intMin(1)},
			{"shift", "The members' working calendar; omitted = always.", sName},
			{"cost_per_hour", "Pay per member per scheduled hour (the crew's shift; every hour without one).", sMoney},
			{"overtime", "Factor on the pay for time at work after the shift's end; default [costs] overtime.", sMoney},
		}, []string{"name"}},
		{"shift", "A weekly working calendar.", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"windows", `Working windows "DAYS HH:MM-HH:MM", e.g. "Mon-Fri 06:00-14:00"; DAYS is a day, a range, a list or daily.`, arrayOf(sString)},
			{"breaks", "Breaks in the same form, removed from the windows.", arrayOf(sString)},
		}, []string{"name", "windows"}},
		{"product", "A product.", []schemaKey{
			{"name", "Unique across all elements (required).", sName},
			{"family", "Setups change with the family; without one, with the product.", sString},
			{"route", "The stations in order, optionally ending with a sink.", arrayOf(sName)},
			{"process", "Processing times at named stations, overriding theirs: station → distribution.", mapOf(sDist)},
			{"priority", "Higher first under dispatch = \"priority\".", sPriority},
			{"material_cost", "Material cost per part released.", sMoney},
			{"price", "Revenue per good part reaching a sink.", sMoney},
		}, []string{"name"}},
		{"order", "An order of the order book.", []schemaKey{
			{"name", "Name of the order.", sName},
			{"source", "The source that releases it, when several release orders.", sName},
			{"product", "The product ordered.", sName},
			{"quantity", "Parts ordered; default 1.", intMin(1)},
			{"release", "When the order is released; default 0.", sDuration},
			{"due", "Due date; omitted = none.", sDuration},
			{"priority", "Priority of its parts under dispatch = \"priority\".", sPriority},
		}, []string{"product"}},
		{"variant", "An alternative for takt compare.", []schemaKey{
			{"name", "Name of the variant (required).", sName},
			{"description", "What the variant changes.", sString},
			{"set", `Keys to change, by path: { "station.weld.buffer" = 10 }.`, map[string]any{"type": "object"}},
			{"remove", `Keys to delete, by path, applied before set: ["station.weld.buffer", "station.press.failures.jam"].`,
				arrayOf(map[string]any{"type": "string"})},
		}, []string{"name"}},
	}
}

// schemaDoc is the schema as a JSON value.
func schemaDoc() map[string]any {
	defs := map[string]any{}
	var top map[string]any
	for _, t := range schemaTables() {
		props := map[string]any{}
		for _, k := range t.keys {
			p := map[string]any{"description": k.desc}
			for kk, v := range k.value {
				if kk == "description" {
					p[kk] = k.desc + " " + v.(string)
					continue
				}
				p[kk] = v
			}
			props[k.name] = p
		}
		obj := map[string]any{"type": "object", "description": t.desc, "properties": props, "additionalProperties": false}
		if len(t.required) > 0 {
			obj["required"] = t.required
		}
		if t.kind == "" {
			top = obj
			continue
		}
		defs[t.kind] = obj
	}
	top["$schema"] = "http://json-schema.org/draft-07/schema#"
	top["$id"] = "https://github.com/takt-sim/takt/scenario.schema.json"
	top["title"] = "takt scenario"
	top["definitions"] = defs
	return top
}
