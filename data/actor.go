package data

import (
	"context"
	"slices"

	"accred/data/msg"
)

// Actor is who makes a change: the operator, the station they work at, and
// what their roles let them do. Authority fails closed: a context with no
// actor, an operator with no roles or with a role Accred does not know, may
// do nothing. The command line run by whoever holds the database acts as
// System; a door's station file, where nobody signs in, as StationActor.
type Actor struct {
	Operator string
	Station  string
	Roles    Roles
	kind     actorKind
	source   string // the file an import reads, which each line of the trail names
}

// importing is a making the changes of an import of the file named: each
// line of the trail names the file.
func (a Actor) importing(file string) Actor {
	a.source = file
	return a
}

// actorKind tells an operator from the two actors that are not one.
type actorKind int

const (
	operatorActor actorKind = iota // a signed-in operator: their roles apply
	systemActor                    // every right: the unrestricted command line, the store's own work
	stationActor                   // a door's station file: the door's right only
)

// System is the actor of the unrestricted command line (whoever holds the
// database holds every right) and of the store's own work, recorded in the
// trail under operator at station.
func System(operator, station string) Actor {
	return Actor{Operator: operator, Station: station, kind: systemActor}
}

// StationActor is the actor at a door's station file, where nobody signs
// in: it runs the door, and nothing else, recorded under operator.
func StationActor(operator, station string) Actor {
	return Actor{Operator: operator, Station: station, Roles: Roles{RoleDoor}, kind: stationActor}
}

// IsSystem reports whether a acts with every right, as the unrestricted
// command line does.
func (a Actor) IsSystem() bool { return a.kind == systemActor }

// May reports whether a may act as role: System always; anyone else only
// with a role that allows it, every role of theirs one Accred knows.
func (a Actor) May(role Role) bool {
	if a.kind == systemActor {
		return true
	}
	for _, r := range a.Roles {
		if !slices.Contains(AllRoles, r) {
			return false // a role that does not parse gives no rights
		}
	}
	return a.Roles.Has(role)
}

type actorKey struct{}

// WithActor returns a context that carries who acts, for the store's
// methods to record and check.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// actorFrom returns who acts in ctx, or nobody, who may do nothing.
func actorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// allow returns EFORBIDDEN unless the actor in ctx may act as role.
func allow(ctx context.Context, role Role) error {
	a := actorFrom(ctx)
	if a.May(role) {
		return nil
	}
	if a.Operator == "" && a.kind == operatorActor {
		return NewError(EFORBIDDEN, msgNobodyActs, msg.Args{"Role": string(role)})
	}
	return NewError(EFORBIDDEN, msgForbidden, msg.Args{"Operator": a.Operator, "Role": string(role)})
}

var (
	msgForbidden  = msg.Define("{{.Operator}} may not do this: it needs the {{.Role}} role.")
	msgNobodyActs = msg.Define("Nobody is signed in: this needs the {{.Role}} role.")
)
