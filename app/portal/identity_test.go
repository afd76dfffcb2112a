package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"accred/app/portal"
	"accred/data"
)

// TestFocalPointCannotChangeWhoSomeoneClearedIs: once the host country
// has answered for a nominee, a file or a correction giving them another
// name is refused, naming the line and sending the focal point to the
// desk; the nominee stays as they were.
func TestFocalPointCannotChangeWhoSomeoneClearedIs(t *testing.T) {
	f := newFixture(t, portal.Options{})
	if err := f.store.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	header := "category,family_name,given_name,nationality,document_number\n"
	if status, body := f.call("POST", "/api/v1/nominees/import", f.vnCode, []byte(header+"delegate,Bùi,Phương Thảo,VN,VN1007919\n")); status != http.StatusOK {
		t.Fatalf("import: %d %s", status, body)
	}
	if _, err := f.store.ImportClearance(ctx, []data.ClearanceAnswer{{Line: 2, DocumentNumber: "VN1007919", Nationality: "VN", Result: "cleared"}}); err != nil {
		t.Fatal(err)
	}
	status, body := f.call("POST", "/api/v1/nominees/import", f.vnCode, []byte(header+"delegate,Trần,Thị Mai,VN,VN1007919\n"))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"line":2`) || !strings.Contains(body, "only the accreditation desk") ||
		!strings.Contains(body, "would become TRẦN Thị Mai") {
		t.Fatalf("a file changing who she is: %d %s", status, body)
	}
	c := f.signIn(f.vnCode)
	resp, page := f.upload(c, "/import", "file", "viet-nam.csv", []byte(header+"delegate,Trần,Thị Mai,VN,VN1007919\n"), url.Values{"csrf": {f.csrf(c)}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "only the accreditation desk") || !strings.Contains(page, "TRẦN Thị Mai") {
		t.Fatalf("the import page: %d\n%s", resp.StatusCode, page)
	}
	list, _, _ := f.store.FindParticipants(ctx, data.ParticipantFilter{Query: "VN1007919"})
	if len(list) != 1 || list[0].FamilyName != "Bùi" || list[0].Clearance != data.ClearanceCleared {
		t.Fatalf("after: %+v", list)
	}
}
