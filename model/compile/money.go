package compile

import (
	"math"
	"strconv"
)

// Money formats an amount in currency for reports: £12,345 (whole units,
// thousands separated), € and $ for EUR and USD, else the ISO code.
func Money(currency string, amount float64) string {
	sign := ""
	if amount < 0 {
		sign = "-"
		amount = -amount
	}
	digits := strconv.FormatInt(int64(math.Round(amount)), 10)
	var b []byte
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, digits[i])
	}
	switch currency {
	case "GBP":
		return sign + "£" + string(b)
	case "EUR":
		return sign + "€" + string(b)
	case "USD":
		return sign + "$" + string(b)
	case "":
		return sign + string(b)
	}
	return sign + currency + " " + string(b)
}
