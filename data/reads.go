package data

import (
	"context"

	"accred/data/msg"
)

// mayReadEverything returns EFORBIDDEN unless the actor in ctx is an admin
// and the store's login may read every detail of everyone (a door's login
// on a server may not): what an export, a backup, a copy, the clearance
// list or the whole audit trail takes out of the database. withKey asks
// for the signing key too, as a copy of the whole event does.
func (s *Store) mayReadEverything(ctx context.Context, withKey bool) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	if s.doorOnly || (withKey && s.keyless) {
		return NewError(EFORBIDDEN, msgLoginMayNotRead, nil)
	}
	return nil
}

var msgLoginMayNotRead = msg.Define("This login may not read the whole event: do this with the administrator's login, the one given to server init.")
