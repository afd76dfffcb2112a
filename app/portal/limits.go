package portal

import (
	"sync"
	"time"
)

// Rate is how many requests a key may make: PerSecond on average, Burst
// at once.
type Rate struct {
	PerSecond float64
	Burst     float64
}

// limiter keeps a token bucket per key (an address, an invitation).
type limiter struct {
	rate    Rate
	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(rate Rate) *limiter {
	return &limiter{rate: rate, buckets: map[string]*bucket{}, swept: time.Now()}
}

// allow takes a token from key's bucket and reports whether there was one.
func (l *limiter) allow(key string) bool { return l.take(key, 1) }

// peek reports whether key's bucket has a token, taking none.
func (l *limiter) peek(key string) bool { return l.take(key, 0) }

func (l *limiter) take(key string, n float64) bool {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets { // a full bucket is as good as none
			if l.fill(b, now) >= l.rate.Burst {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.rate.Burst, at: now}
		l.buckets[key] = b
	}
	b.tokens, b.at = l.fill(b, now), now
	if b.tokens < 1 {
		return false
	}
	b.tokens -= n
	return true
}

// fill is how many tokens b holds at now.
func (l *limiter) fill(b *bucket, now time.Time) float64 {
	return min(l.rate.Burst, b.tokens+now.Sub(b.at).Seconds()*l.rate.PerSecond)
}
