package demo

import (
	"context"
	"fmt"

	"accred/data"
)

// Operator is one of the demo's operators, with the PIN the README and
// 'accred demo' give for trying each role.
type Operator struct {
	Name  string
	Roles data.Roles
	PIN   string
}

// Operators are the demo's: one for each role that works a station.
var Operators = []Operator{
	{"Lan", data.Roles{data.RoleAdmin}, "111111"},
	{"Minh", data.Roles{data.RoleDesk}, "222222"},
	{"Hoa", data.Roles{data.RolePrinting}, "333333"},
	{"Tuan", data.Roles{data.RoleDoor}, "444444"},
}

// addOperators makes the demo's operators, the admin first.
func addOperators(ctx context.Context, s *data.Store) error {
	for _, o := range Operators {
		if err := s.AddOperator(ctx, o.Name, o.Roles, o.PIN); err != nil {
			return fmt.Errorf("add demo operator %s: %w", o.Name, err)
		}
	}
	return nil
}

// Is reports whether ev is the demo's event, whose operators and PINs are
// given to anyone trying it.
func Is(ev data.Event) bool { return ev.Name == EventName }
