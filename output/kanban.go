package output

import (
	"strings"

	"github.com/takt-sim/takt/sim"
)

// kanbanRows is the table of kanban loops: their cards, how many are free
// and in use, the parts in the supermarket, the first station's time
// waiting for a card, the withdrawals and the time a card is in use.
func kanbanRows(s *sim.Summary) [][]string {
	u := s.TimeUnit
	rows := [][]string{{"kanban", "stations", "cards", "free", "in use", "supermarket (parts)", "waiting_card",
		"withdrawals (/" + u + ")", "card time (" + u + ")"}}
	for _, k := range s.Kanbans {
		rows = append(rows, []string{k.Name, strings.Join(k.Stations, " → "), short(float64(k.Cards)),
			est(k.FreeCards, 1, ""), est(k.CardsInUse, 1, ""), est(k.Supermarket, 1, ""), est(k.WaitingCard, 100, "%"),
			est(k.Withdrawals, 1, ""), est(k.CardTime, 1, "")})
	}
	return rows
}

const kanbansText = `Kanban loops: the first station of a loop starts a part only with a free card, which travels with the part until the part, finished by the loop's last station, is withdrawn (the next station starts it, or it leaves the plant). Free and in use are time-average cards; the supermarket holds the parts finished by the loop and not yet withdrawn; waiting_card is the share of the first station's machine time with work in front of it but no free card; withdrawals are cards freed per time unit, and card time the mean time from a card's attachment to its release (cards in use = withdrawals × card time).`

// KanbanJSON is one kanban loop's results in `takt run --json`.
type KanbanJSON struct {
	Name        string       `json:"name"`
	Stations    []string     `json:"stations"`
	Cards       int          `json:"cards"`
	FreeCards   EstimateJSON `json:"free_cards"`
	CardsInUse  EstimateJSON `json:"cards_in_use"`
	Supermarket EstimateJSON `json:"supermarket"`
	WaitingCard EstimateJSON `json:"waiting_card"`
	Withdrawals EstimateJSON `json:"withdrawals"`
	CardTime    EstimateJSON `json:"card_time"`
}

// kanbansJSON is nil without kanban loops (the key is left out).
func kanbansJSON(s *sim.Summary) []KanbanJSON {
	var out []KanbanJSON
	for _, k := range s.Kanbans {
		out = append(out, KanbanJSON{k.Name, k.Stations, k.Cards, estJSON(k.FreeCards), estJSON(k.CardsInUse),
			estJSON(k.Supermarket), estJSON(k.WaitingCard), estJSON(k.Withdrawals), estJSON(k.CardTime)})
	}
	return out
}

// kanbanColumns are the CSV statistics of the kanban loops.
func kanbanColumns(s *sim.Summary) []column {
	var cols []column
	for k, x := range s.Kanbans {
		at := func(f func(sim.KanbanResult) float64) func(*sim.Replication) float64 {
			return func(r *sim.Replication) float64 { return f(r.Kanbans[k]) }
		}
		cols = append(cols,
			column{"free_cards", x.Name, x.FreeCards, at(func(r sim.KanbanResult) float64 { return r.FreeCards })},
			column{"cards_in_use", x.Name, x.CardsInUse, at(func(r sim.KanbanResult) float64 { return r.CardsInUse })},
			column{"supermarket", x.Name, x.Supermarket, at(func(r sim.KanbanResult) float64 { return r.Supermarket })},
			column{"waiting_card", x.Name, x.WaitingCard, at(func(r sim.KanbanResult) float64 { return r.WaitingCard })},
			column{"withdrawals", x.Name, x.Withdrawals, at(func(r sim.KanbanResult) float64 { return r.Withdrawals })},
			column{"card_time", x.Name, x.CardTime, at(func(r sim.KanbanResult) float64 { return r.CardTime })})
	}
	return cols
}
