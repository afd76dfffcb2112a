package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"accred/app/printjob"
	"accred/data"
	"accred/data/rules"
	"accred/printing"
)

func runBadges(e *env, args []string) error {
	fs := flags("badges")
	out := fs.String("out", "", "PDF file")
	layoutName := fs.String("layout", string(printing.A6), "a6, id1 or a4")
	pending := fs.Bool("pending", false, "everyone approved and not yet printed")
	rest, err := parse(fs, args)
	if err != nil || *out == "" || (*pending && len(rest) > 0) {
		return errUsage
	}
	layout, err := printing.ParseLayout(*layoutName)
	if err != nil {
		return err
	}
	ids, err := parseIDs(rest)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	list, err := s.BadgesToPrint(e.ctx, data.BadgeFilter{IDs: ids})
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		waiting, err := s.AwaitingClearance(e.ctx, data.BadgeFilter{})
		if err != nil {
			return err
		}
		if waiting > 0 {
			fmt.Fprintf(e.stdout, "%d approved participants still wait for security clearance\n", waiting)
		}
	}
	if err := checkPrintable(ids, list); err != nil {
		return err
	}
	for _, w := range printjob.Check(list) {
		fmt.Fprintf(e.stderr, "warning: badge %s (%s): no font draws %q; those letters are left out\n",
			w.Participant.BadgeNumber(), w.Participant.FullName(), string(w.Missing))
	}
	// Ctrl-C stops the run cleanly: nothing half-written stays, and nobody
	// in the unfinished file is marked printed.
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	job := printjob.Job{Store: s, Layout: layout, Operator: e.operator}
	files, err := job.Print(ctx, list, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "printed %d badges to %s\n", len(list), strings.Join(files, ", "))
	return nil
}

// checkPrintable refuses named participants whose badge the rulebook would
// not print now.
func checkPrintable(ids []int64, list []data.Participant) error {
	found := map[int64]data.Participant{}
	for _, p := range list {
		found[p.ID] = p
	}
	var problems []string
	for _, id := range ids {
		p, ok := found[id]
		if !ok {
			problems = append(problems, fmt.Sprintf("no participant has badge number %s", data.BadgeNumber(id)))
			continue
		}
		verdict, why := rules.Print(p.Person())
		if verdict == rules.Accepted {
			continue
		}
		problem := fmt.Sprintf("badge %s (%s): %s", p.BadgeNumber(), p.FullName(), why)
		if why.Code == rules.AlreadyPrinted {
			problem += fmt.Sprintf("; to replace it, run 'accred reprint %d --reason …' first", id)
		}
		problems = append(problems, problem)
	}
	if len(problems) > 0 {
		return errors.New("nothing was printed:\n  " + strings.Join(problems, "\n  "))
	}
	return nil
}

func runReprint(e *env, args []string) error {
	fs := flags("reprint")
	reason := fs.String("reason", "", "why the badge is replaced")
	rest, err := parse(fs, args)
	if err != nil || len(rest) != 1 {
		return errUsage
	}
	ids, err := parseIDs(rest)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	p, err := s.Reprint(e.ctx, ids[0], *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "badge %s (%s) is now issue %d; issue %d is refused from now on. Print it with: accred badges --out FILE.pdf %d\n",
		p.BadgeNumber(), p.FullName(), p.BadgeIssue, p.BadgeIssue-1, p.ID)
	return nil
}

func runVerify(e *env, args []string) error {
	rest, err := parse(flags("verify"), args)
	if err != nil || len(rest) != 1 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	p, c, err := s.VerifyBadge(e.ctx, rest[0])
	if err != nil {
		if p.ID != 0 {
			return fmt.Errorf("REFUSED: %v (badge %s, issue %d, %s)", err, p.BadgeNumber(), c.Issue, p.FullName())
		}
		return fmt.Errorf("REFUSED: %v", err)
	}
	fmt.Fprintf(e.stdout, "VALID\t%d\t%s\t%s\t%s\tissue %d\n", p.ID, p.FullName(), p.Category, p.Affiliation.Name, c.Issue)
	return nil
}
