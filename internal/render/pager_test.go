package render

import (
	"reflect"
	"testing"
)

func TestPagerWindow(t *testing.T) {
	for _, c := range []struct {
		number, total int
		want          []int
	}{
		{1, 1, []int{1}},
		{1, 5, []int{1, 2, 3, 4, 5}},
		{4, 7, []int{1, 2, 3, 4, 5, 6, 7}},
		{1, 1600, []int{1, 2, 3, 0, 1600}},
		{800, 1600, []int{1, 0, 798, 799, 800, 801, 802, 0, 1600}},
		{1600, 1600, []int{1, 0, 1598, 1599, 1600}},
		{4, 10, []int{1, 2, 3, 4, 5, 6, 0, 10}},
		{5, 10, []int{1, 2, 3, 4, 5, 6, 7, 0, 10}},
		{6, 10, []int{1, 0, 4, 5, 6, 7, 8, 9, 10}},
	} {
		p := &Pager{Number: c.number, Total: c.total}
		if got := p.Window(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("page %d of %d: Window = %v, want %v", c.number, c.total, got, c.want)
		}
	}
	if p := (&Pager{Number: 1, Total: 3}); p.Prev() != 0 || p.Next() != 2 {
		t.Errorf("first of 3: prev %d next %d", p.Prev(), p.Next())
	}
	if p := (&Pager{Number: 3, Total: 3}); p.Prev() != 2 || p.Next() != 0 {
		t.Errorf("last of 3: prev %d next %d", p.Prev(), p.Next())
	}
}
