package data

import "context"

// Actor is who makes a change: the operator and the station they work at.
type Actor struct {
	Operator string
	Station  string
}

type actorKey struct{}

// WithActor returns a context that carries who acts, for the store's
// methods to record.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// actorFrom returns who acts in ctx, or nobody named.
func actorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}
