package app

import (
	"bytes"
	"encoding/binary"
	"math"
	"sync"

	"accred/data"
)

// Each verdict has its own sound, so that door staff hear it without looking:
// a rising pair of notes for accepted, one middle note for already in, and
// a low double buzz for refused. They are played by Windows itself, or
// elsewhere with the system's player (aplay or paplay) when there is one.
var verdictTones = map[data.VerdictKind][][2]float64{ // frequency (Hz), duration (s)
	data.Accepted: {{880, 0.09}, {1320, 0.14}},
	data.Already:  {{660, 0.22}},
	data.Rejected: {{220, 0.18}, {0, 0.06}, {220, 0.18}},
}

var soundsOnce sync.Once

// playVerdict plays a verdict's sound without waiting for it.
func playVerdict(k data.VerdictKind) {
	soundsOnce.Do(prepareSounds)
	play(k)
}

// toneWAV makes a 16-bit mono WAV file of sine tones (a frequency of 0 is silence).
func toneWAV(tones [][2]float64) []byte {
	const rate = 22050
	var samples []int16
	for _, t := range tones {
		n := int(t[1] * rate)
		for i := 0; i < n; i++ {
			fade := math.Min(1, math.Min(float64(i), float64(n-i))/200) // no clicks
			v := math.Sin(2*math.Pi*t[0]*float64(i)/rate) * 0.5 * fade
			samples = append(samples, int16(v*math.MaxInt16))
		}
	}
	var b bytes.Buffer
	size := uint32(len(samples) * 2)
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, 36+size)
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(rate * 2), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, size)
	binary.Write(&b, binary.LittleEndian, samples)
	return b.Bytes()
}
