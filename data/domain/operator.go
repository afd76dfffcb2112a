package domain

import (
	"slices"
	"strings"
	"time"

	"accred/data/msg"
)

// Role is what an operator may do.
type Role string

// The roles. An admin may do everything the others may.
const (
	RoleAdmin    Role = "admin"    // settings, operators, programme, imports
	RoleDesk     Role = "desk"     // register, edit, approve, reject, hand over badges
	RolePrinting Role = "printing" // print and reprint
	RoleDoor     Role = "door"     // run a door
	RoleViewer   Role = "viewer"   // look only
)

// AllRoles lists the roles in the order they are shown.
var AllRoles = []Role{RoleAdmin, RoleDesk, RolePrinting, RoleDoor, RoleViewer}

// Roles is the set of an operator's roles.
type Roles []Role

// Has reports whether the roles allow role: an admin's allow every role.
func (r Roles) Has(role Role) bool {
	return slices.Contains(r, role) || slices.Contains(r, RoleAdmin)
}

// String lists the roles comma-separated, as stored.
func (r Roles) String() string {
	parts := make([]string, len(r))
	for i, role := range r {
		parts[i] = string(role)
	}
	return strings.Join(parts, ",")
}

// ParseRoles reads a comma-separated list of roles, in AllRoles' order
// without repeats; EINVALID names an unknown one or an empty list.
func ParseRoles(text string) (Roles, error) {
	var roles Roles
	for _, part := range strings.Split(text, ",") {
		role := Role(strings.ToLower(strings.TrimSpace(part)))
		if role == "" {
			continue
		}
		if !slices.Contains(AllRoles, role) {
			return nil, NewError(EINVALID, msgUnknownRole, msg.Args{"Role": string(role), "Roles": Roles(AllRoles).String()})
		}
		if !slices.Contains(roles, role) {
			roles = append(roles, role)
		}
	}
	if len(roles) == 0 {
		return nil, NewError(EINVALID, msgNoRole, msg.Args{"Roles": Roles(AllRoles).String()})
	}
	slices.SortFunc(roles, func(a, b Role) int { return slices.Index(AllRoles, a) - slices.Index(AllRoles, b) })
	return roles, nil
}

// Operator is a person who signs in at a station.
type Operator struct {
	Name          string
	Roles         Roles
	ParticipantID int64 // the staff badge that signs them in, 0 when none
	Disabled      bool
	CreatedAt     time.Time
	CreatedBy     string
}

var (
	msgUnknownRole = msg.Define("There is no role {{.Role}}; the roles are {{.Roles}}.")
	msgNoRole      = msg.Define("Give at least one role: {{.Roles}}.")
)
