package data

import "strings"

// portalGrants are what the nominations portal's login may do: read the
// event without its signing key, the categories, zones, groups, invitations
// and its focal points' people with their statuses; register and correct
// people, add their photos and withdraw them (the server's portal_limits
// refuses anything more: no approval, print or clearance), record a group's
// nomination letter or letter of assignment, and add audit lines, which the
// server stamps with the invitation the portal acts for. It reads no
// operator, scan, session or station file, and changes no setting.
func portalGrants(schema string, eventColumns []string) []string {
	return []string{
		`GRANT SELECT (` + strings.Join(eventColumns, ", ") + `) ON event TO ` + PortalRole,
		`GRANT SELECT ON categories, zones, participant_zones, portal_invitations, status_changes, schema_version TO ` + PortalRole,
		`GRANT SELECT, INSERT, UPDATE ON participants, affiliations, photos, nominations, assignment_letters TO ` + PortalRole,
		`GRANT INSERT ON status_changes, audit TO ` + PortalRole,
		`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ` + quoteName(schema) + ` TO ` + PortalRole,
	}
}
