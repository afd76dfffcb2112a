package data

// KeepConnections lets the store keep n connections to its database open
// between uses. A program that works on many requests at once, such as the
// portal, then reuses them rather than opening a connection to a server
// for nearly every request (database/sql keeps two).
func (s *Store) KeepConnections(n int) { s.db.SetMaxIdleConns(n) }
