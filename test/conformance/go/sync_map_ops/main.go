// sync.Map: the results of Load, Store, LoadOrStore, LoadAndDelete, Delete, Swap, CompareAndSwap,
// CompareAndDelete and Clear; Range stopping early, and Range while f stores and deletes keys (printed
// sorted: Go's order is unspecified); comparisons use ==, so NaN never equals NaN and 0 equals -0.
package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

func contents(m *sync.Map) string {
	var kv []string
	m.Range(func(k, v any) bool {
		kv = append(kv, fmt.Sprint(k, "=", v))
		return true
	})
	sort.Strings(kv)
	return "[" + strings.Join(kv, " ") + "]"
}

func main() {
	var m sync.Map
	v, ok := m.Load("a")
	fmt.Println("Load a:", v, ok)
	m.Store("a", 1)
	v, ok = m.Load("a")
	fmt.Println("Load a:", v, ok)
	actual, loaded := m.LoadOrStore("a", 2)
	fmt.Println("LoadOrStore a 2:", actual, loaded)
	actual, loaded = m.LoadOrStore("b", 2)
	fmt.Println("LoadOrStore b 2:", actual, loaded)
	prev, loaded := m.Swap("b", 3)
	fmt.Println("Swap b 3:", prev, loaded)
	prev, loaded = m.Swap("c", 4)
	fmt.Println("Swap c 4:", prev, loaded)
	fmt.Println("CompareAndSwap a 2 10:", m.CompareAndSwap("a", 2, 10))
	fmt.Println("CompareAndSwap a 1 10:", m.CompareAndSwap("a", 1, 10))
	fmt.Println("CompareAndSwap missing nil 1:", m.CompareAndSwap("missing", nil, 1))
	fmt.Println("CompareAndDelete c 3:", m.CompareAndDelete("c", 3))
	fmt.Println("CompareAndDelete c 4:", m.CompareAndDelete("c", 4))
	fmt.Println("CompareAndDelete c 4 again:", m.CompareAndDelete("c", 4))
	v, loaded = m.LoadAndDelete("b")
	fmt.Println("LoadAndDelete b:", v, loaded)
	v, loaded = m.LoadAndDelete("b")
	fmt.Println("LoadAndDelete b again:", v, loaded)
	m.Delete("nothing")
	m.Store("n", nil)
	v, ok = m.Load("n")
	fmt.Println("Load n (stored nil):", v, ok)
	fmt.Println("CompareAndSwap n nil 5:", m.CompareAndSwap("n", nil, 5))
	fmt.Println("contents:", contents(&m))

	m.Store("nan", math.NaN())
	fmt.Println("CompareAndSwap nan NaN 1:", m.CompareAndSwap("nan", math.NaN(), 1))
	fmt.Println("CompareAndDelete nan NaN:", m.CompareAndDelete("nan", math.NaN()))
	m.Store("zero", 0.0)
	fmt.Println("CompareAndSwap zero -0 1:", m.CompareAndSwap("zero", math.Copysign(0, -1), 1.5))
	m.Delete("nan")
	m.Delete("zero")

	m.Clear()
	fmt.Println("after Clear:", contents(&m))
	for i := 0; i < 10; i++ {
		m.Store(i, i*i)
	}
	visits := 0
	m.Range(func(k, v any) bool {
		visits++
		return visits < 3
	})
	fmt.Println("Range stopped after", visits, "calls")

	seen := map[any]int{}
	var seenKeys []int
	m.Range(func(k, v any) bool {
		i := k.(int)
		seen[k]++
		seenKeys = append(seenKeys, i)
		// f deletes every key, then stores it again, and stores new keys: no key is visited twice,
		// and the new ones (100+) are not visited at all in Go 1.23.
		m.Delete(k)
		m.Store(k, v.(int)+1000)
		m.Store(100+i, 0)
		return true
	})
	sort.Ints(seenKeys)
	twice := 0
	for _, n := range seen {
		if n > 1 {
			twice++
		}
	}
	fmt.Println("Range visited", seenKeys, "keys visited twice:", twice)
	n := 0
	m.Range(func(k, v any) bool { n++; return true })
	fmt.Println("now", n, "keys")

	var d sync.Map
	for i := 0; i < 6; i++ {
		d.Store(i, i)
	}
	calls := 0
	d.Range(func(k, v any) bool {
		calls++
		// the first visit deletes every other key: none of them is visited afterwards
		for i := 0; i < 6; i++ {
			if i != k.(int) {
				d.Delete(i)
			}
		}
		return true
	})
	fmt.Println("Range after deleting the others: f called", calls, "time(s); after:", len(contents(&d)) > 2)

	var u sync.Map
	for i := 0; i < 6; i++ {
		u.Store(i, i)
	}
	first := -1
	updated := 0
	u.Range(func(k, v any) bool {
		if first < 0 {
			// the first visit updates every other key: later visits see the new values
			first = k.(int)
			for i := 0; i < 6; i++ {
				if i != first {
					u.Store(i, -1)
				}
			}
			return true
		}
		if v == -1 {
			updated++
		}
		return true
	})
	fmt.Println("Range after updating the others: later visits saw", updated, "new values")
}
