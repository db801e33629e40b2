package whatif_test

import (
	"fmt"

	"github.com/pencil-post/pencil/model/whatif"
)

func ExampleParse() {
	scenarios, err := whatif.Parse("what-if.yaml", []byte(`
scenarios:
  - name: A second editor
    add_people: [{ copy: sam, id: rhi, name: Rhiannon Evans }]
  - name: Grade capped, delivery a week earlier
    budget: { caps: { grade: 20000 } }
    move_deliveries: -1w
  - name: No weekends, dearer colourist
    weekends: never
    rates: { ines: { day: 900 } }
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sc := range scenarios {
		fmt.Println(sc)
	}
	// Output:
	// A second editor: add rhi (copy of sam)
	// Grade capped, delivery a week earlier: grade cap 20000; deliveries -7 days
	// No weekends, dearer colourist: weekends never; ines rate day 900
}
