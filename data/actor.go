package data

import (
	"context"

	"accred/data/msg"
)

// Actor is who makes a change: the operator, the station they work at, and
// what their roles let them do. Roles nil means no operator signed in to
// be checked: the command line run by whoever holds the database, or the
// store's own work; the app always signs someone in first.
type Actor struct {
	Operator string
	Station  string
	Roles    Roles
}

type actorKey struct{}

// WithActor returns a context that carries who acts, for the store's
// methods to record and check.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// actorFrom returns who acts in ctx, or nobody named.
func actorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// allow returns EFORBIDDEN unless the actor in ctx may act as role.
func allow(ctx context.Context, role Role) error {
	a := actorFrom(ctx)
	if a.Roles == nil || a.Roles.Has(role) {
		return nil
	}
	return NewError(EFORBIDDEN, msgForbidden, msg.Args{"Operator": a.Operator, "Role": string(role)})
}

var msgForbidden = msg.Define("{{.Operator}} may not do this: it needs the {{.Role}} role.")
