package data_test

import (
	"reflect"
	"testing"

	"accred/data"
)

func TestBadgeNumber(t *testing.T) {
	for id, want := range map[int64]string{1: "000001", 123: "000123", 999999: "999999", 1234567: "1234567"} {
		if got := data.BadgeNumber(id); got != want {
			t.Errorf("BadgeNumber(%d) = %q, want %q", id, got, want)
		}
	}
}

func TestParseBadgeNumbers(t *testing.T) {
	ids, bad := data.ParseBadgeNumbers(" 000001, 2;\n1234567\t")
	if bad != "" || !reflect.DeepEqual(ids, []int64{1, 2, 1234567}) {
		t.Fatalf("%v %q", ids, bad)
	}
	for _, text := range []string{"1 abc", "0", "-3", "12.5", "99999999999999999999"} {
		if ids, bad := data.ParseBadgeNumbers(text); bad == "" || ids != nil {
			t.Errorf("%q accepted as %v", text, ids)
		}
	}
	if ids, bad := data.ParseBadgeNumbers("  "); ids != nil || bad != "" {
		t.Errorf("blank: %v %q", ids, bad)
	}
}
