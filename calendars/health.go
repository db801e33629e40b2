package calendars

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// healthTimeout bounds one ServerConfig.Health call.
const healthTimeout = 2 * time.Second

// Health is the JSON body of GET /healthz.
type Health struct {
	// Status is "ok", or "unavailable" when the store does not answer
	// (with status 503, so a load balancer sends subscribers to another
	// server).
	Status string `json:"status"`
	// Store is "reachable" or "unreachable"; "" when the server was given
	// no ServerConfig.Health.
	Store string `json:"store,omitempty"`
}

// serveHealth answers /healthz: 200 and {"status":"ok",…} while the store
// answers, 503 and {"status":"unavailable",…} while it does not. The
// store's error goes to the log only: it may name the database host.
func (h *feedHandler) serveHealth(w http.ResponseWriter, r *http.Request) {
	body, code := Health{Status: "ok"}, http.StatusOK
	if h.cfg.Health != nil {
		ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
		defer cancel()
		body.Store = "reachable"
		if err := h.cfg.Health(ctx); err != nil {
			h.log.Warn().Err(err).Msg("health check: the booking store does not answer")
			body, code = Health{Status: "unavailable", Store: "unreachable"}, http.StatusServiceUnavailable
		}
	}
	js, err := json.Marshal(body)
	if err != nil { // a struct of strings always marshals
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if r.Method == http.MethodGet {
		_, _ = w.Write(append(js, '\n'))
	}
}
