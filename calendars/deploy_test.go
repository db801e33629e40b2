package calendars

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// TestServerGzip: a client that takes gzip gets the feed compressed, with
// its own ETag that revalidates to 304; one that does not gets it plain;
// both are told the answer varies by Accept-Encoding.
func TestServerGzip(t *testing.T) {
	fx := newFeedFixture(t)
	rec := fx.do("GET", FeedPath(fx.live), http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}})
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzip request: %d, Content-Encoding %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(plain, fx.samICS) {
		t.Fatalf("gzip body does not decompress to the feed (%v)", err)
	}
	etag := rec.Header().Get("ETag")
	if etag == ETagOf(fx.samICS) || rec.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("gzip variant: ETag %q (plain's is %q), Vary %q", etag, ETagOf(fx.samICS), rec.Header().Get("Vary"))
	}
	if rec := fx.do("GET", FeedPath(fx.live), http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {etag}}); rec.Code != 304 {
		t.Errorf("revalidating the gzip variant: %d, want 304", rec.Code)
	}
	for _, ae := range []string{"", "identity", "gzip;q=0", "deflate"} {
		rec := fx.do("GET", FeedPath(fx.live), http.Header{"Accept-Encoding": {ae}})
		if rec.Header().Get("Content-Encoding") != "" || !bytes.Equal(rec.Body.Bytes(), fx.samICS) {
			t.Errorf("Accept-Encoding %q: got Content-Encoding %q", ae, rec.Header().Get("Content-Encoding"))
		}
	}
}

// TestServerContentDisposition: a browser opening a feed URL is given a
// file name from the feed, not the token.
func TestServerContentDisposition(t *testing.T) {
	fx := newFeedFixture(t)
	got := fx.do("GET", FeedPath(fx.live), nil).Header().Get("Content-Disposition")
	if got != `inline; filename="person-sam.ics"` || strings.Contains(got, fx.live) {
		t.Errorf("Content-Disposition %q", got)
	}
	if got := contentDisposition(`suite/grade 1"x`); got != `inline; filename="suite-grade-1-x.ics"` {
		t.Errorf("odd feed key: %q", got)
	}
}

// TestServerHealthReportsTheStore: /healthz says whether the store
// answers, 503 when it does not, and keeps the error out of the body.
func TestServerHealthReportsTheStore(t *testing.T) {
	fx := newFeedFixture(t)
	var down error
	cfg := ServerConfig{Health: func(context.Context) error { return down }}
	h := NewHandler(cfg, fx.src, fx.reg, zerolog.New(fx.logs))
	fx.handler = h
	rec := fx.do("GET", "/healthz", nil)
	if rec.Code != 200 || rec.Body.String() != `{"status":"ok","store":"reachable"}`+"\n" || rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("healthy: %d %q", rec.Code, rec.Body.String())
	}
	down = errors.New("dial tcp db.internal:5432: connection refused")
	rec = fx.do("GET", "/healthz", nil)
	if rec.Code != 503 || rec.Body.String() != `{"status":"unavailable","store":"unreachable"}`+"\n" {
		t.Errorf("store down: %d %q", rec.Code, rec.Body.String())
	}
	if !strings.Contains(fx.logs.String(), "connection refused") {
		t.Error("the store's failure was not logged")
	}
	// Feeds are still served while the store is down.
	if rec := fx.do("GET", FeedPath(fx.live), nil); rec.Code != 200 {
		t.Errorf("feed while the store is down: %d", rec.Code)
	}
}

// selfSigned returns a TLS certificate for 127.0.0.1 and a pool trusting it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "pencil test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// TestServeTLS: with ServerConfig.TLS, Serve speaks HTTPS.
func TestServeTLS(t *testing.T) {
	fx := newFeedFixture(t)
	cert, pool := selfSigned(t)
	cfg := ServerConfig{TLS: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}}
	srv := NewServer(cfg, fx.src, fx.reg, zerolog.New(io.Discard))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, ln, time.Second) }()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get("https://" + ln.Addr().String() + FeedPath(fx.live))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Equal(body, fx.samICS) || resp.TLS == nil {
		t.Errorf("HTTPS feed: %d, %d bytes, TLS %v", resp.StatusCode, len(body), resp.TLS != nil)
	}
}
