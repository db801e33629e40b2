package main

import (
	"fmt"
	"os"
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/pencil-post/pencil/model"
)

// checkConfig reads the config file with the project file's YAML walker
// before viper does, so that a misspelt or unknown setting is refused with
// its line, column and the nearest setting pencil has ("tme-limit: did
// you mean time-limit?"), instead of being ignored.
func checkConfig(path string, root *cobra.Command) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return usageError{fmt.Errorf("config %s: %w", path, err)}
	}
	dc := model.NewDecoder(path)
	if top := dc.Parse(data, ""); top != nil {
		for _, f := range dc.Fields(top, "", settingNames(root)) {
			if f.Value.Kind == yaml.MappingNode {
				dc.Errorf(f.Value, f.Key, "a setting is one value, or a list for settings that take several", "want a value, got a mapping")
			}
		}
	}
	if err := dc.Err(); err != nil {
		return usageError{fmt.Errorf("config: %w", err)}
	}
	return nil
}

// settingNames lists every setting a config file may hold: the flags of
// every command but --config and --help.
func settingNames(root *cobra.Command) []string {
	seen := map[string]bool{}
	var names []string
	add := func(f *pflag.Flag) {
		if f.Name != "config" && f.Name != "help" && !seen[f.Name] {
			seen[f.Name] = true
			names = append(names, f.Name)
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.LocalFlags().VisitAll(add)
		c.PersistentFlags().VisitAll(add)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	slices.Sort(names)
	return names
}
