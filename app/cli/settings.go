package cli

import (
	"fmt"
	"strings"

	"accred/data"
	"accred/data/roster"
)

// runZones lists the event's access zones, or defines them from a file.
func runZones(e *env, args []string) error {
	rest, err := parse(flags("zones"), args)
	if err != nil {
		return err
	}
	if len(rest) > 0 && (len(rest) != 2 || rest[0] != "import") {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 2 && rest[0] == "import":
		zones, err := roster.ReadZones(rest[1])
		if err != nil {
			return err
		}
		if err := s.SaveZones(e.ctx, zones); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "imported %s\n", counted(zonesCounted, len(zones)))
		return nil
	case len(rest) > 0:
		return errUsage
	}
	zones, err := s.Zones(e.ctx)
	if err != nil {
		return err
	}
	for _, z := range zones {
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", z.Code, z.Name, strings.Join(z.Categories, " "))
	}
	return nil
}

// runSettings prints the event's settings, or changes one.
func runSettings(e *env, args []string) error {
	rest, err := parse(flags("settings"), args)
	if err != nil {
		return err
	}
	if len(rest) != 0 && len(rest) != 2 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if len(rest) == 2 && rest[0] == data.SettingLogo && rest[1] != "none" {
		img, err := data.ReadLogo(rest[1])
		if err != nil {
			return err
		}
		return s.SetLogo(e.ctx, img)
	}
	if len(rest) == 2 {
		return s.SetSetting(e.ctx, rest[0], rest[1])
	}
	settings, err := s.Settings(e.ctx)
	if err != nil {
		return err
	}
	for _, x := range settings {
		fmt.Fprintf(e.stdout, "%s\t%s\n", x.Key, x.Value)
	}
	return nil
}
