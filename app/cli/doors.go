package cli

import (
	"fmt"
	"strconv"
)

// runDoors lists the doors' rules, or sets the zone one door requires.
func runDoors(e *env, args []string) error {
	fs := flags("doors")
	zone := fs.String("zone", "", "the zone every badge must carry at this door; 0 for none")
	rest, err := parse(fs, args)
	setting := len(rest) == 2 && rest[0] == "set" && *zone != ""
	if err != nil || (!setting && (len(rest) > 0 || *zone != "")) {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	switch {
	case setting:
		code, err := strconv.Atoi(*zone)
		if err != nil {
			return fmt.Errorf("--zone %q is not a zone's number", *zone)
		}
		if err := s.SetDoorZone(e.ctx, rest[1], code); err != nil {
			return err
		}
		if code == 0 {
			fmt.Fprintf(e.stdout, "%s requires no zone\n", rest[1])
		} else {
			fmt.Fprintf(e.stdout, "%s requires zone %d\n", rest[1], code)
		}
		return nil
	}
	rules, err := s.DoorRules(e.ctx)
	if err != nil {
		return err
	}
	zones, err := s.Zones(e.ctx)
	if err != nil {
		return err
	}
	names := map[int]string{}
	for _, z := range zones {
		names[z.Code] = z.Name
	}
	for _, r := range rules {
		fmt.Fprintf(e.stdout, "%s\t%d\t%s\n", r.Station, r.Zone, names[r.Zone])
	}
	return nil
}
