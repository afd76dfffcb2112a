package portal

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"accred/data"
)

// The API: the same as the pages, for a mission's own program, with the
// invitation's code as a bearer token. Answers are JSON, worded in the
// language Accept-Language asks for (English by default).

type apiHandler func(w http.ResponseWriter, r *http.Request, inv data.PortalInvitation, lang string)

// api authenticates a call by its bearer token before handling it.
func (s *Server) api(h apiHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		lang := "en"
		if r.Header.Get("Accept-Language") != "" {
			lang = languageOf(r)
		}
		code, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || strings.TrimSpace(code) == "" {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"error": s.words.T(lang, "Send the invitation's code as a bearer token (Authorization: Bearer CODE).")})
			return
		}
		inv, status, err := s.authenticate(r, strings.TrimSpace(code))
		if status != 0 {
			s.apiError(w, lang, status, err)
			return
		}
		h(w, r, inv, lang)
	}
}

// nomineeJSON is one of a group's people as the API gives them: the
// template's columns, with their id, status and, when rejected, why.
func nomineeJSON(n data.Nominee) map[string]any {
	out := map[string]any{}
	for k, v := range cellsOf(n.Participant) {
		out[k] = v
	}
	out["id"] = n.ID
	out["status"] = statusOfNominee(n.Participant)
	out["has_photo"] = n.HasPhoto
	out["from_portal"] = n.Invitation != 0
	if n.Reason != "" {
		out["reason"] = n.Reason
	}
	return out
}

func (s *Server) apiList(w http.ResponseWriter, r *http.Request, inv data.PortalInvitation, lang string) {
	list, err := s.store.PortalNominees(r.Context(), inv)
	if err != nil {
		s.apiError(w, lang, statusOf(err), err)
		return
	}
	out := make([]map[string]any, len(list))
	for i, n := range list {
		out[i] = nomineeJSON(n)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiCreate(w http.ResponseWriter, r *http.Request, inv data.PortalInvitation, lang string) {
	s.apiSave(w, r, inv, lang, 0)
}

func (s *Server) apiUpdate(w http.ResponseWriter, r *http.Request, inv data.PortalInvitation, lang string) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": s.words.T(lang, "There is nobody with this number in your group.")})
		return
	}
	s.apiSave(w, r, inv, lang, id)
}

func (s *Server) apiSave(w http.ResponseWriter, r *http.Request, inv data.PortalInvitation, lang string, id int64) {
	cells, err := readCellsJSON(r.Body)
	if err != nil {
		status := http.StatusBadRequest
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		writeJSON(w, status, map[string]any{"error": s.words.T(lang, "Send one JSON object whose keys are the template's columns and whose values are text.")})
		return
	}
	p, err := s.saveNominee(r.Context(), inv, id, cells)
	if err != nil {
		s.apiError(w, lang, statusOf(err), err)
		return
	}
	status := http.StatusCreated
	if id != 0 {
		status = http.StatusOK
	}
	writeJSON(w, status, map[string]any{"id": p.ID, "status": statusOfNominee(p)})
}

// readCellsJSON reads a JSON object of text (numbers and true or false are
// taken as written) into cells by column.
func readCellsJSON(body io.Reader) (map[string]string, error) {
	var raw map[string]any
	dec := json.NewDecoder(body)
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one object")
	}
	cells := make(map[string]string, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case nil:
			cells[k] = ""
		case string:
			cells[k] = v
		case bool:
			cells[k] = map[bool]string{true: "yes", false: "no"}[v]
		case json.Number:
			cells[k] = v.String()
		default:
			return nil, fmt.Errorf("%s is not text", k)
		}
	}
	return cells, nil
}

func (s *Server) apiImport(w http.ResponseWriter, r *http.Request, inv data.PortalInvitation, lang string) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, MaxUploadBytes+1))
	if err != nil || len(raw) > MaxUploadBytes {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"error": s.words.T(lang, "The file is larger than 16 MB.")})
		return
	}
	report, err := s.importNominees(r.Context(), inv, raw)
	if err != nil {
		s.apiError(w, lang, statusOf(err), err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"rows": report.Rows, "created": report.Created, "updated": report.Updated, "unchanged": report.Unchanged})
}

func (s *Server) apiWithdraw(w http.ResponseWriter, r *http.Request, inv data.PortalInvitation, lang string) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = s.withdraw(r.Context(), inv, id)
	} else {
		err = data.NewError(data.ENOTFOUND, msgNobody, nil)
	}
	if err != nil {
		s.apiError(w, lang, statusOf(err), err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiError answers an error: its message, and each field's problem (with
// its line, for a file).
func (s *Server) apiError(w http.ResponseWriter, lang string, status int, err error) {
	body := map[string]any{}
	switch {
	case status == http.StatusTooManyRequests:
		w.Header().Set("Retry-After", "5")
		body["error"] = s.words.T(lang, "Too many requests: wait a few seconds and try again.")
	case status == http.StatusInternalServerError:
		s.opts.Log.Printf("portal: %v", err) // the store's own words: what failed, never whose
		body["error"] = s.words.T(lang, "Something went wrong on the server; try again in a moment.")
	default:
		if m, ok := data.ErrorMessage(err); ok {
			body["error"] = s.words.word(lang, m)
		} else {
			body["error"] = s.words.T(lang, "The request was refused.")
		}
	}
	if fields := data.ErrorFields(err); len(fields) > 0 {
		problems := make([]map[string]any, len(fields))
		byField := map[string]string{}
		for i, f := range fields {
			text := s.words.word(lang, f.Reason)
			problems[i] = map[string]any{"field": f.Field, "problem": text}
			if f.Line > 0 {
				problems[i]["line"] = f.Line
			} else if f.Field != "" {
				byField[f.Field] = text
			}
		}
		body["problems"] = problems
		if len(byField) > 0 {
			body["fields"] = byField
		}
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}
