package cli

import "accred/data/msg"

// counted words n things in English, in the form the number takes ("1
// badge", "2 badges"): the counts the commands' summaries print.
func counted(thing msg.Key, n int) string {
	return thing.With(msg.Args{"Count": n}).String()
}

// The things the commands' summaries count.
var (
	badgesCounted       = msg.DefinePlural("Count", "{{.Count}} badge", "{{.Count}} badges")
	participantsCounted = msg.DefinePlural("Count", "{{.Count}} participant", "{{.Count}} participants")
	rowsCounted         = msg.DefinePlural("Count", "{{.Count}} row", "{{.Count}} rows")
	sessionsCounted     = msg.DefinePlural("Count", "{{.Count}} session", "{{.Count}} sessions")
	newScansCounted     = msg.DefinePlural("Count", "{{.Count}} new scan", "{{.Count}} new scans")
	filesCounted        = msg.DefinePlural("Count", "{{.Count}} file", "{{.Count}} files")
	photosCounted       = msg.DefinePlural("Count", "{{.Count}} photo", "{{.Count}} photos")
	zonesCounted        = msg.DefinePlural("Count", "{{.Count}} zone", "{{.Count}} zones")
	bytesCounted        = msg.DefinePlural("Count", "{{.Count}} byte", "{{.Count}} bytes")
	identitiesCounted   = msg.DefinePlural("Count", "{{.Count}} identity changed", "{{.Count}} identities changed")
	stillWaiting        = msg.DefinePlural("Count", "{{.Count}} approved participant still waits for security clearance", "{{.Count}} approved participants still wait for security clearance")
)
