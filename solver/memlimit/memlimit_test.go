package memlimit

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"0", 0, false},
		{"1024", 1024, false},
		{"500MB", 500e6, false},
		{"500 mb", 500e6, false},
		{"2GiB", 2 << 30, false},
		{"1.5GB", 1.5e9, false},
		{"64KiB", 64 << 10, false},
		{"3kB", 3000, false},
		{"2G", 2e9, false},
		{"1TiB", 1 << 40, false},
		{" 7 B ", 7, false},
		{"", 0, true},
		{"MB", 0, true},
		{"-1GB", 0, true},
		{"1.2.3GB", 0, true},
		{"12 parsecs", 0, true},
		{"1e30GB", 0, true},
		{"9999999999999TB", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

// FuzzParseSize: any string either parses to a non-negative size or is
// refused with a message that quotes it; a parsed size printed in bytes
// parses back to itself.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"0", "500MB", "2GiB", "1.5 GB", "", "GiB", "1e3", "-5", "9223372036854775807", "١٢MB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err != nil {
			if !strings.Contains(err.Error(), "want a size") && !strings.Contains(err.Error(), "too large") {
				t.Errorf("ParseSize(%q): unhelpful error %v", s, err)
			}
			return
		}
		if n < 0 {
			t.Fatalf("ParseSize(%q) = %d < 0", s, n)
		}
		back, err := ParseSize(strings.TrimSpace(strconv.FormatInt(n, 10) + "B"))
		if err != nil || back != n {
			t.Errorf("ParseSize(%q) = %d, which reads back as %d, %v", s, n, back, err)
		}
	})
}

func TestAvailableMemory(t *testing.T) {
	meminfo := "MemTotal:       24682416 kB\nMemFree:  1000 kB\nMemAvailable:   2000000 kB\n"
	tests := []struct {
		name  string
		files map[string]string
		want  int64
		known bool
	}{
		{"nothing readable", nil, 0, false},
		{"meminfo only", map[string]string{procMeminfo: meminfo}, 2000000 * 1024, true},
		{"meminfo without MemAvailable", map[string]string{procMeminfo: "MemTotal: 5 kB\n"}, 0, false},
		{"meminfo garbled", map[string]string{procMeminfo: "MemAvailable: lots kB\n"}, 0, false},
		{"cgroup v2 limit below meminfo", map[string]string{procMeminfo: meminfo, cgroup2Max: "1073741824\n", cgroup2Current: "73741824\n"}, 1<<30 - 73741824, true},
		{"cgroup v2 no limit", map[string]string{procMeminfo: meminfo, cgroup2Max: "max\n", cgroup2Current: "5\n"}, 2000000 * 1024, true},
		{"cgroup v2 over its limit", map[string]string{cgroup2Max: "100\n", cgroup2Current: "200\n"}, 0, true},
		{"cgroup v1 unlimited", map[string]string{procMeminfo: meminfo, cgroup1Limit: "9223372036854771712\n", cgroup1Usage: "1000\n"}, 2000000 * 1024, true},
		{"cgroup v1 limit", map[string]string{procMeminfo: meminfo, cgroup1Limit: "536870912\n", cgroup1Usage: "36870912\n"}, 500000000, true},
		{"cgroup v1 limit above meminfo", map[string]string{procMeminfo: meminfo, cgroup1Limit: "8589934592\n", cgroup1Usage: "0\n"}, 2000000 * 1024, true},
		{"cgroup limit, no meminfo", map[string]string{cgroup1Limit: "4096\n"}, 4096, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fstest.MapFS{}
			for name, body := range tt.files {
				root[name] = &fstest.MapFile{Data: []byte(body)}
			}
			got, known := Available(root)
			if known != tt.known || (known && got != tt.want) {
				t.Errorf("Available = %d, %v; want %d, %v", got, known, tt.want, tt.known)
			}
		})
	}
}

// TestAvailableMemoryOfThisMachine reads the real files: on Linux the
// kernel always says how much memory is available.
func TestAvailableMemoryOfThisMachine(t *testing.T) {
	if _, err := os.Stat("/proc/meminfo"); err != nil {
		t.Skip("no /proc/meminfo")
	}
	if n, ok := Available(os.DirFS("/")); !ok || n <= 0 {
		t.Errorf("Available = %d, %v; want some memory", n, ok)
	}
}
