package portal

import (
	"embed"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"accred/data"
	"accred/data/msg"
	"accred/data/roster"
)

//go:embed templates/*.html templates/portal.css
var files embed.FS

// visit is a page request of a signed-in focal point.
type visit struct {
	inv       data.PortalInvitation
	sessionID string
	session   *session
	lang      string
}

type pageHandler func(w http.ResponseWriter, r *http.Request, v visit)

// page checks a page request's session (and, for a form sent, its CSRF
// token and origin) before handling it.
func (s *Server) page(h pageHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := visit{lang: languageOf(r)}
		v.sessionID, v.session = s.sessions.of(r)
		if v.session == nil {
			s.render(w, http.StatusUnauthorized, v, "signedout", nil)
			return
		}
		inv, err := s.store.PortalInvitationByID(r.Context(), v.session.invitation)
		if err != nil && data.ErrorCode(err) != data.ENOTFOUND {
			s.fault(w, v, err)
			return
		}
		if err != nil {
			s.sessions.end(w, v.sessionID, s.opts.TLS)
			s.render(w, http.StatusUnauthorized, v, "invalid", nil)
			return
		}
		if !s.byCode.allow(strconv.FormatInt(inv.ID, 10)) {
			tooMany(w)
			return
		}
		actingFor(r, inv.ID)
		v.inv = inv
		if r.Method == http.MethodPost {
			if !sameOrigin(r) || !validCSRF(v.session, csrfOf(r)) {
				s.render(w, http.StatusForbidden, v, "forbidden", nil)
				return
			}
		}
		if v.session.flash != "" && r.Method == http.MethodGet {
			s.sessions.setFlash(v.sessionID, "")
		}
		h(w, r, v)
	}
}

// csrfOf is the CSRF token a form carries; a multipart form's is read
// with the form.
func csrfOf(r *http.Request) string {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return ""
		}
	}
	return r.PostFormValue("csrf")
}

// sameOrigin reports whether a form comes from the portal's own pages, by
// the Origin or Referer a browser sends (a program's request sends none).
func sameOrigin(r *http.Request) bool {
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	if from == "" || from == "null" {
		return from == ""
	}
	u, err := url.Parse(from)
	return err == nil && u.Host == r.Host
}

// landing opens a session for the code in the invitation's link, then
// sends the browser on without the code in its address bar.
func (s *Server) landing(w http.ResponseWriter, r *http.Request) {
	v := visit{lang: languageOf(r)}
	inv, status, err := s.authenticate(r, r.PathValue("code"))
	switch status {
	case 0:
	case http.StatusTooManyRequests:
		tooMany(w)
		return
	case http.StatusUnauthorized:
		s.render(w, http.StatusNotFound, v, "invalid", nil)
		return
	default:
		s.fault(w, v, err)
		return
	}
	s.sessions.start(w, inv.ID, s.opts.TLS)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) language(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	if languageNames[code] != "" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: code, Path: "/", HttpOnly: true, Secure: s.opts.TLS,
			SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600})
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) stylesheet(w http.ResponseWriter, r *http.Request) {
	css, _ := files.ReadFile("templates/portal.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(css)
}

// row is one of a group's people as the home page lists them.
type row struct {
	ID                     int64
	Name, Category         string
	Status                 Status
	StatusText, Reason     string
	FromPortal, HasPhoto   bool
	Editable, Withdrawable bool
}

func (s *Server) home(w http.ResponseWriter, r *http.Request, v visit) {
	list, err := s.store.PortalNominees(r.Context(), v.inv)
	if err != nil {
		s.fault(w, v, err)
		return
	}
	cats, err := s.categoryNames(r, v)
	if err != nil {
		s.fault(w, v, err)
		return
	}
	rows := make([]row, len(list))
	for i, n := range list {
		st := statusOfNominee(n.Participant)
		rows[i] = row{ID: n.ID, Name: n.ListName(), Category: cats[n.Category], Status: st, StatusText: s.words.T(v.lang, statusWords[st]),
			Reason: n.Reason, FromPortal: n.Invitation != 0, HasPhoto: n.HasPhoto,
			Editable: n.Status == data.StatusRegistered, Withdrawable: n.Status.CanBecome(data.StatusWithdrawn)}
	}
	letter, reference, date, err := s.store.PortalLetter(r.Context(), v.inv)
	if err != nil {
		s.fault(w, v, err)
		return
	}
	open, closes, err := s.store.RegistrationOpen(r.Context())
	if err != nil {
		s.fault(w, v, err)
		return
	}
	s.render(w, http.StatusOK, v, "home", map[string]any{"Rows": rows, "Open": open, "Closes": closes,
		"Letter": letter, "Reference": reference, "Date": date, "Media": v.inv.Affiliation.Kind == data.AffiliationMedia})
}

// categoryNames names the event's categories, by code, in the visitor's
// language.
func (s *Server) categoryNames(r *http.Request, v visit) (map[string]string, error) {
	all, err := s.store.Categories(r.Context())
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, c := range all {
		names[c.Code] = c.Name
		if n := c.NameIn(v.lang); n != "" {
			names[c.Code] = n
		}
	}
	return names, nil
}

// field is one field of the nominee form.
type field struct {
	Name, Label, Hint, Value, Problem string
	Kind                              string // text, select, check
	Options                           [][2]string
	Required                          bool
}

// form builds the nominee form: the fields the desk's form shows for the
// group's categories, with values and problems. It returns the store's
// error when what the form offers cannot be read.
func (s *Server) form(r *http.Request, v visit, cells map[string]string, problems map[string]string) ([]field, error) {
	cats, err := s.store.PortalCategories(r.Context(), v.inv)
	if err != nil {
		return nil, err
	}
	settings, err := s.store.Settings(r.Context())
	if err != nil {
		return nil, err
	}
	clearance := false
	for _, st := range settings {
		if st.Key == data.SettingClearanceRequired {
			clearance = st.Value == "yes"
		}
	}
	t := func(key string) string { return s.words.T(v.lang, key) }
	var out []field
	add := func(f field) {
		f.Value, f.Problem = cells[f.Name], problems[f.Name]
		if f.Kind == "" {
			f.Kind = "text"
		}
		out = append(out, f)
	}
	var catOptions [][2]string
	for _, c := range cats {
		name := c.Name
		if n := c.NameIn(v.lang); n != "" {
			name = n
		}
		catOptions = append(catOptions, [2]string{c.Code, name})
	}
	add(field{Name: data.FieldCategory, Label: t("Category"), Kind: "select", Options: catOptions, Required: true})
	add(field{Name: data.FieldTitle, Label: t("Title"), Hint: t("H.E. Mr., Ms., Dr. …")})
	add(field{Name: data.FieldGivenName, Label: t("Given name(s)"), Hint: t("As in the passport")})
	add(field{Name: data.FieldFamilyName, Label: t("Family name"), Hint: t("As in the passport"), Required: true})
	add(field{Name: data.FieldNativeName, Label: t("Name in its own script")})
	add(field{Name: data.FieldNationality, Label: t("Nationality"), Hint: t("A code such as VN or VNM, or the country's name"), Required: true})
	add(field{Name: data.FieldDocumentNumber, Label: t("Passport or ID number"), Required: true})
	add(field{Name: data.FieldPosition, Label: t("Position")})
	if v.inv.Affiliation.Kind == data.AffiliationDelegation {
		add(field{Name: data.FieldHead, Label: t("Head of delegation"), Kind: "check"})
	}
	if v.inv.Affiliation.Kind != data.AffiliationMedia {
		add(field{Name: data.FieldRank, Label: t("Rank in the list of participants"), Hint: t("1 for the head; empty for the order of registration")})
	}
	genders := [][2]string{{"", t("Not stated")}, {data.GenderFemale, t("Female")}, {data.GenderMale, t("Male")}, {data.GenderOther, t("Other")}}
	add(field{Name: data.FieldGender, Label: t("Gender"), Kind: "select", Options: genders})
	add(field{Name: data.FieldEmail, Label: t("E-mail")})
	if clearance || cells[data.FieldDateOfBirth] != "" || cells[data.FieldPlaceOfBirth] != "" {
		add(field{Name: data.FieldDateOfBirth, Label: t("Date of birth"), Hint: "YYYY-MM-DD"})
		add(field{Name: data.FieldPlaceOfBirth, Label: t("Place of birth")})
	}
	add(field{Name: data.FieldConsent, Label: t("Consent given on"), Hint: t("YYYY-MM-DD: the day the person agreed to their data being held")})
	return out, nil
}

func (s *Server) newForm(w http.ResponseWriter, r *http.Request, v visit) {
	fields, err := s.form(r, v, nil, nil)
	if err != nil {
		s.fault(w, v, err)
		return
	}
	s.render(w, http.StatusOK, v, "form", map[string]any{"Fields": fields, "Action": "/nominees"})
}

func (s *Server) editForm(w http.ResponseWriter, r *http.Request, v visit) {
	p, ok := s.nomineeOf(w, r, v)
	if !ok {
		return
	}
	fields, err := s.form(r, v, cellsOf(p), nil)
	if err != nil {
		s.fault(w, v, err)
		return
	}
	s.render(w, http.StatusOK, v, "form", map[string]any{"Fields": fields, "Action": "/nominees/" + strconv.FormatInt(p.ID, 10),
		"Person": p.ListName(), "ID": p.ID, "HasPhoto": p.HasPhoto, "Editable": p.Status == data.StatusRegistered})
}

// nomineeOf reads the nominee a page's address names, or answers that the
// group has nobody so numbered (also when they are of another group).
func (s *Server) nomineeOf(w http.ResponseWriter, r *http.Request, v visit) (data.Participant, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var p data.Participant
	if err == nil {
		p, err = s.store.PortalNominee(r.Context(), v.inv, id)
	} else {
		err = data.NewError(data.ENOTFOUND, msgNobody, nil)
	}
	if err != nil {
		s.refuse(w, v, err)
		return p, false
	}
	return p, true
}

func (s *Server) create(w http.ResponseWriter, r *http.Request, v visit) { s.save(w, r, v, 0) }

func (s *Server) update(w http.ResponseWriter, r *http.Request, v visit) {
	p, ok := s.nomineeOf(w, r, v)
	if ok {
		s.save(w, r, v, p.ID)
	}
}

func (s *Server) save(w http.ResponseWriter, r *http.Request, v visit, id int64) {
	cells := map[string]string{}
	for _, c := range formColumns {
		if _, ok := r.PostForm[c]; ok || c == data.FieldHead {
			cells[c] = r.PostFormValue(c)
		}
	}
	p, err := s.saveNominee(r.Context(), v.inv, id, cells)
	if err != nil {
		if len(data.ErrorFields(err)) == 0 {
			s.refuse(w, v, err)
			return
		}
		problems := map[string]string{}
		var general []string
		for _, f := range data.ErrorFields(err) {
			if !slices.Contains(formColumns, f.Field) {
				general = append(general, s.words.word(v.lang, f.Reason))
				continue
			}
			problems[f.Field] = s.words.word(v.lang, f.Reason)
		}
		message, _ := data.ErrorMessage(err)
		action := "/nominees"
		if id != 0 {
			action += "/" + strconv.FormatInt(id, 10)
		}
		fields, err := s.form(r, v, cells, problems)
		if err != nil {
			s.fault(w, v, err)
			return
		}
		s.render(w, http.StatusUnprocessableEntity, v, "form", map[string]any{"Fields": fields, "Action": action,
			"Error": s.words.word(v.lang, message), "General": general, "ID": id, "Editable": true})
		return
	}
	flash := "{{.Name}} is registered; the accreditation desk will review the details."
	if id != 0 {
		flash = "{{.Name}}'s details are corrected."
	}
	s.sessions.setFlash(v.sessionID, s.words.T(v.lang, flash, "Name", p.ListName()))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) uploadPhoto(w http.ResponseWriter, r *http.Request, v visit) {
	p, ok := s.nomineeOf(w, r, v)
	if !ok {
		return
	}
	raw, ok := s.uploaded(w, r, v, "photo")
	if !ok {
		return
	}
	if err := s.inTurn(r.Context(), func() error { return s.store.SetNomineePhoto(r.Context(), v.inv, p.ID, raw) }); err != nil {
		s.refuse(w, v, err)
		return
	}
	s.sessions.setFlash(v.sessionID, s.words.T(v.lang, "The photo of {{.Name}} is kept.", "Name", p.ListName()))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// uploaded reads the file sent in a form's field name, of MaxUploadBytes at
// most.
func (s *Server) uploaded(w http.ResponseWriter, r *http.Request, v visit, name string) ([]byte, bool) {
	f, _, err := r.FormFile(name)
	if err != nil {
		s.render(w, http.StatusBadRequest, v, "message", map[string]any{"Message": s.words.T(v.lang, "Choose a file to send.")})
		return nil, false
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, MaxUploadBytes+1))
	if err != nil || len(raw) > MaxUploadBytes {
		s.render(w, http.StatusRequestEntityTooLarge, v, "message", map[string]any{"Message": s.words.T(v.lang, "The file is larger than 16 MB.")})
		return nil, false
	}
	return raw, true
}

func (s *Server) withdrawPage(w http.ResponseWriter, r *http.Request, v visit) {
	p, ok := s.nomineeOf(w, r, v)
	if !ok {
		return
	}
	if err := s.withdraw(r.Context(), v.inv, p.ID); err != nil {
		s.refuse(w, v, err)
		return
	}
	s.sessions.setFlash(v.sessionID, s.words.T(v.lang, "{{.Name}} is withdrawn.", "Name", p.ListName()))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, v visit) {
	s.render(w, http.StatusOK, v, "import", nil)
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request, v visit) {
	raw, ok := s.uploaded(w, r, v, "file")
	if !ok {
		return
	}
	report, err := s.importNominees(r.Context(), v.inv, raw)
	if err != nil {
		if len(data.ErrorFields(err)) == 0 { // lines with problems, or changing who someone is, are listed
			s.refuse(w, v, err)
			return
		}
		message, _ := data.ErrorMessage(err)
		var problems []map[string]any
		for _, f := range data.ErrorFields(err) {
			problems = append(problems, map[string]any{"Line": f.Line, "Field": f.Field, "Problem": s.words.word(v.lang, f.Reason)})
		}
		s.render(w, http.StatusUnprocessableEntity, v, "import", map[string]any{"Error": s.words.word(v.lang, message), "Problems": problems})
		return
	}
	s.sessions.setFlash(v.sessionID, s.words.T(v.lang, "The file is imported: {{.Created}} registered, {{.Updated}} corrected, {{.Unchanged}} unchanged.",
		"Created", report.Created, "Updated", report.Updated, "Unchanged", report.Unchanged))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) letterPage(w http.ResponseWriter, r *http.Request, v visit) {
	raw, ok := s.uploaded(w, r, v, "file")
	if !ok {
		return
	}
	in := data.LetterInput{Reference: r.PostFormValue("reference"), Date: r.PostFormValue("date"), File: raw}
	if err := s.inTurn(r.Context(), func() error { return s.store.SaveLetter(r.Context(), v.inv, in) }); err != nil {
		s.refuse(w, v, err)
		return
	}
	s.sessions.setFlash(v.sessionID, s.words.T(v.lang, "The letter is kept."))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) templateFile(w http.ResponseWriter, r *http.Request, v visit) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="participants-template.csv"`)
	header := formColumns
	example := make([]string, len(header))
	for i, c := range header {
		example[i] = roster.Example[c]
	}
	roster.WriteCSV(w, [][]string{header, example})
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request, v visit) {
	s.sessions.end(w, v.sessionID, s.opts.TLS)
	s.render(w, http.StatusOK, visit{lang: v.lang}, "signedout", nil)
}

// refuse answers a change the store refused, in the focal point's words.
func (s *Server) refuse(w http.ResponseWriter, v visit, err error) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.fault(w, v, err)
		return
	}
	text := s.words.T(v.lang, "The request was refused.")
	if m, ok := data.ErrorMessage(err); ok {
		text = s.words.word(v.lang, m)
	}
	var details []string
	for _, f := range data.ErrorFields(err) {
		details = append(details, s.words.word(v.lang, f.Reason))
	}
	s.render(w, status, v, "message", map[string]any{"Message": text, "Details": details})
}

// fault answers a failure of the server, logged without its details'
// personal data (an error of the store names no one).
func (s *Server) fault(w http.ResponseWriter, v visit, err error) {
	s.opts.Log.Printf("portal: %v", err) // the store's own words: what failed, never whose
	s.render(w, http.StatusInternalServerError, v, "message", map[string]any{"Message": s.words.T(v.lang, "Something went wrong on the server; try again in a moment.")})
}

// render writes a page in the visit's language.
func (s *Server) render(w http.ResponseWriter, status int, v visit, name string, values map[string]any) {
	if values == nil {
		values = map[string]any{}
	}
	values["Lang"] = v.lang
	values["Languages"] = Languages
	values["LanguageNames"] = languageNames
	values["SignedIn"] = v.session != nil && v.inv.ID != 0
	if v.session != nil {
		values["CSRF"] = v.session.csrf
		values["Flash"] = v.session.flash
	}
	values["Group"] = v.inv.Affiliation.Name
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := s.pages[v.lang].ExecuteTemplate(w, name, values); err != nil {
		s.opts.Log.Printf("portal: render %s: %v", name, err)
	}
}

// parsePages parses the pages once per language, each worded by T.
func (s *Server) parsePages() map[string]*template.Template {
	pages := map[string]*template.Template{}
	for _, code := range Languages {
		funcs := template.FuncMap{"T": func(key string, args ...any) string { return s.words.T(code, key, args...) }}
		pages[code] = template.Must(template.New("").Funcs(funcs).ParseFS(files, "templates/*.html"))
	}
	return pages
}

var msgNobody = msg.Define("There is nobody with this number in your group.")
