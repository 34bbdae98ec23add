/// Copies of themes/default.toml and themes/monochrome.toml, so pooltop always has colours defined even
/// when the themes folder cannot be found. A test keeps them identical to the files.
enum BuiltInThemes {
    static let defaultTheme = #"""
    # pooltop theme "default". pooltop's default theme for dark terminals. Colours: names, 0-255 or #rrggbb; bg = "" keeps the terminal's own.
    name = "default"

    [text]
    fg = "252"
    bg = ""

    [muted]
    fg = "244"
    bg = ""

    [border]
    fg = "240"
    bg = ""

    [header]
    fg = "75"
    bg = ""
    bold = true

    [accent]
    fg = "81"
    bg = ""
    bold = true

    [warning]
    fg = "214"
    bg = ""
    bold = true

    [error]
    fg = "203"
    bg = ""
    bold = true

    [chart]
    fg = "78"
    bg = ""

    [chart_alt]
    fg = "214"
    bg = ""

    [selection]
    fg = "231"
    bg = "24"
    bold = true

    [idle]
    fg = "78"
    bg = ""

    [in_use]
    fg = "220"
    bg = ""
    bold = true

    [overflow]
    fg = "170"
    bg = ""
    bold = true

    [overflow_idle]
    fg = "133"
    bg = ""

    [connecting]
    fg = "80"
    bg = ""

    [checking]
    fg = "73"
    bg = ""

    [closing]
    fg = "244"
    bg = ""

    [broken]
    fg = "231"
    bg = "160"
    bold = true

    [waiting]
    fg = "209"
    bg = ""
    bold = true

    """#

    static let monochrome = #"""
    # pooltop theme "monochrome". No colour at all: attributes only. Used for NO_COLOR and terminals without colour.
    name = "monochrome"

    [text]
    fg = ""
    bg = ""

    [muted]
    fg = ""
    bg = ""
    dim = true

    [border]
    fg = ""
    bg = ""
    dim = true

    [header]
    fg = ""
    bg = ""
    bold = true

    [accent]
    fg = ""
    bg = ""
    bold = true

    [warning]
    fg = ""
    bg = ""
    bold = true

    [error]
    fg = ""
    bg = ""
    bold = true
    reverse = true

    [chart]
    fg = ""
    bg = ""

    [chart_alt]
    fg = ""
    bg = ""
    dim = true

    [selection]
    fg = ""
    bg = ""
    reverse = true

    [idle]
    fg = ""
    bg = ""

    [in_use]
    fg = ""
    bg = ""
    bold = true

    [overflow]
    fg = ""
    bg = ""
    bold = true

    [overflow_idle]
    fg = ""
    bg = ""
    dim = true

    [connecting]
    fg = ""
    bg = ""
    dim = true

    [checking]
    fg = ""
    bg = ""
    dim = true

    [closing]
    fg = ""
    bg = ""
    dim = true

    [broken]
    fg = ""
    bg = ""
    bold = true
    reverse = true

    [waiting]
    fg = ""
    bg = ""
    bold = true

    """#
}
