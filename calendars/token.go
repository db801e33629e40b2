package calendars

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Feed tokens are 32 random bytes, base64url without padding: 43
// characters, 256 bits, far beyond guessing.
const (
	tokenBytes = 32
	tokenLen   = 43 // base64.RawURLEncoding.EncodedLen(tokenBytes)

	feedPrefix = "/feeds/"
	feedSuffix = ".ics"
)

// NewToken returns a fresh feed token from crypto/rand.
func NewToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("calendars: new token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// HashToken is the hex SHA-256 of a token: all that Subscribers keep. A
// stolen token file does not let anyone read a feed.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// FeedPath is the URL path of the feed behind token.
func FeedPath(token string) string {
	return feedPrefix + token + feedSuffix
}

// ParseFeedPath extracts the token from an escaped URL path of the form
// /feeds/{token}.ics. It accepts only a well-formed token (exactly 43
// base64url characters that decode to 32 bytes), so dot segments, slashes,
// percent escapes and over-long input never reach a lookup.
func ParseFeedPath(escapedPath string) (token string, ok bool) {
	if len(escapedPath) != len(feedPrefix)+tokenLen+len(feedSuffix) {
		return "", false
	}
	rest, ok := strings.CutPrefix(escapedPath, feedPrefix)
	if !ok {
		return "", false
	}
	token, ok = strings.CutSuffix(rest, feedSuffix)
	if !ok || !wellFormedToken(token) {
		return "", false
	}
	return token, true
}

// wellFormedToken reports whether token is 43 base64url characters that
// decode, strictly, to 32 bytes.
func wellFormedToken(token string) bool {
	if len(token) != tokenLen {
		return false
	}
	for i := 0; i < len(token); i++ {
		c := token[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	var b [tokenBytes]byte
	n, err := base64.RawURLEncoding.Strict().Decode(b[:], []byte(token))
	return err == nil && n == tokenBytes
}
