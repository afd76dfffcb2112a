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
	list, left, err := printjob.NewBadges(e.ctx, s, data.BadgeFilter{IDs: ids})
	if err != nil {
		return err
	}
	if len(ids) == 0 && left.Waiting > 0 {
		fmt.Fprintln(e.stdout, counted(stillWaiting, left.Waiting))
	}
	if err := checkPrintable(ids, list, left); err != nil {
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
	fmt.Fprintf(e.stdout, "printed %s to %s\n", counted(badgesCounted, len(list)), strings.Join(files, ", "))
	return nil
}

// checkPrintable refuses the run when the rulebook would not print a badge
// named by its number now, or a number belongs to nobody.
func checkPrintable(ids []int64, chosen []data.Participant, left printjob.LeftOut) error {
	why := map[int64]string{}
	for _, p := range chosen {
		why[p.ID] = ""
	}
	for _, d := range left.Refused {
		why[d.ID] = fmt.Sprintf("badge %s (%s): %s", d.BadgeNumber(), d.FullName(), d.Reason)
		if d.Reason.Code == data.ReasonAlreadyPrinted {
			why[d.ID] += fmt.Sprintf("; to replace it, run 'accred reprint %d --reason …' first", d.ID)
		}
	}
	var problems []string
	for _, id := range ids {
		problem, found := why[id]
		if !found {
			problem = fmt.Sprintf("no participant has badge number %s", data.BadgeNumber(id))
		}
		if problem != "" {
			problems = append(problems, problem)
		}
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
