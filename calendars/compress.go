package calendars

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// acceptsGzip reports whether the request's Accept-Encoding (RFC 9110
// section 12.5.3) takes gzip: listed, and not with q=0.
func acceptsGzip(r *http.Request) bool {
	for _, field := range r.Header.Values("Accept-Encoding") {
		for _, item := range strings.Split(field, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(item), ";")
			if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
				continue
			}
			q, found := strings.CutPrefix(strings.TrimSpace(params), "q=")
			if !found {
				return true
			}
			v, err := strconv.ParseFloat(q, 64)
			return err == nil && v > 0
		}
	}
	return false
}

// gzipETag is the entity tag of the gzip-encoded variant of the
// representation tagged etag: a different tag, since the bytes differ.
func gzipETag(etag string) string {
	if strings.HasSuffix(etag, `"`) {
		return etag[:len(etag)-1] + `-gzip"`
	}
	return etag + "-gzip"
}

// maxGzipCache bounds how many compressed feeds are kept; past it the
// cache starts again.
const maxGzipCache = 4096

// gzipCache keeps each feed compressed once per ETag, so a server under
// load does not compress the same calendar on every request.
type gzipCache struct {
	mu sync.Mutex
	by map[string][]byte // by ETag of the plain body
}

// get returns body compressed, from the cache when etag was seen.
func (c *gzipCache) get(etag string, body []byte) []byte {
	c.mu.Lock()
	gz, ok := c.by[etag]
	c.mu.Unlock()
	if ok {
		return gz
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	_, _ = zw.Write(body)                                    // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	gz = buf.Bytes()
	c.mu.Lock()
	if c.by == nil || len(c.by) >= maxGzipCache {
		c.by = map[string][]byte{}
	}
	c.by[etag] = gz
	c.mu.Unlock()
	return gz
}

// contentDisposition names the file a browser saves a feed as, from its
// feed key ("person/sam" → person-sam.ics), never from its token, and
// shows it inline.
func contentDisposition(feed string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '-'
	}, feed)
	if name == "" {
		name = "calendar"
	}
	// The name holds no quote or backslash, so it needs no escaping.
	return `inline; filename="` + name + `.ics"`
}
