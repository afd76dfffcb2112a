// Package resources holds the files Accred embeds: translations, the icon
// and fonts. It holds raw bytes only.
package resources

import (
	"embed"
	_ "embed"
)

// Translations holds one JSON file per language, in the format of Fyne's lang package.
//
//go:embed translations
var Translations embed.FS

// Icon is the application icon, a 512 × 512 PNG.
//
//go:embed icon.png
var Icon []byte

// Fonts holds the TrueType fonts badges are printed with; see fonts/README.md.
//
//go:embed fonts/*.ttf
var Fonts embed.FS

// PortalTranslations holds the nominations portal's own sentences in
// French and Vietnamese, keyed by their English text, as Translations.
//
//go:embed portal
var PortalTranslations embed.FS
