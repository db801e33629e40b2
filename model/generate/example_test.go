package generate_test

import (
	"fmt"

	"github.com/pencil-post/pencil/model/generate"
)

func ExampleGenerate() {
	g, err := generate.Generate(generate.Options{Kind: generate.Series, Episodes: 2, Seed: 7})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d production, %d sessions, %d suites, %d crew, %d artistes\n",
		g.Productions, g.Sessions, g.Suites, g.People, g.Artistes)
	// Output: 1 production, 391 sessions, 7 suites, 16 crew, 8 artistes
}
