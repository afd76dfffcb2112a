package app

import (
	"unsafe"

	"golang.org/x/sys/windows"

	"accred/data"
)

var (
	soundWAVs = map[data.VerdictKind][]byte{}
	playSound = windows.NewLazySystemDLL("winmm.dll").NewProc("PlaySoundW")
)

// PlaySound's flags: the sound is a WAV in memory, played without waiting,
// and nothing is played in its place when it cannot be.
const (
	sndAsync     = 0x0001
	sndNoDefault = 0x0002
	sndMemory    = 0x0004
)

// prepareSounds makes the verdicts' sounds, which Windows plays from memory.
func prepareSounds() {
	for k, tones := range verdictTones {
		soundWAVs[k] = toneWAV(tones)
	}
}

// play starts a verdict's sound, cutting the one before short. The sound
// stays in memory for as long as the program runs, as PlaySound needs.
func play(k data.VerdictKind) {
	wav := soundWAVs[k]
	if len(wav) == 0 || playSound.Find() != nil {
		return
	}
	playSound.Call(uintptr(unsafe.Pointer(&wav[0])), 0, sndMemory|sndAsync|sndNoDefault)
}
