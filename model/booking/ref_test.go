package booking

import "testing"

func TestRefLabel(t *testing.T) {
	tests := []struct {
		ref  Ref
		want string
	}{
		{Ref{ID: "grade-a", Name: "Grade A"}, "Grade A"},
		{Ref{ID: "sam"}, "sam"},
		{Ref{}, ""},
	}
	for _, tt := range tests {
		if got := tt.ref.Label(); got != tt.want {
			t.Errorf("%+v.Label() = %q, want %q", tt.ref, got, tt.want)
		}
	}
}
