package limits

import "fmt"

// FormatBytes writes a byte count the way people read memory: 547 MB,
// 3.1 GB (powers of 1,000, one decimal below 10).
func FormatBytes(n int64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	v := float64(n)
	i := 0
	for v >= 1000 && i < len(units)-1 {
		v /= 1000
		i++
	}
	if i > 0 && v < 10 {
		return fmt.Sprintf("%.1f %s", v, units[i])
	}
	return fmt.Sprintf("%.0f %s", v, units[i])
}
