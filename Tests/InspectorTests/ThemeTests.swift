import Foundation
import Testing
@testable import Inspector

@Suite struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardizedFileURL.path
    let catalog = ThemeCatalog(directories: [ThemeTests.themesFolder])

    @Test(arguments: ThemeCatalog.builtInNames)
    func shippedThemesParseWithoutWarningsAndDefineEveryRole(name: String) throws {
        let path = ThemeTests.themesFolder + "/" + name + ".toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = ThemeParser.parse(text, file: path, name: name, base: Theme(name: "empty", styles: [:]))
        let theme = try result.get()
        for role in Role.required { #expect(theme.styles[role] != nil, "\(name) lacks \(role)") }
        #expect(theme.name == name)
    }

    @Test func catalogListsTheShippedThemesInOrder() {
        #expect(catalog.names() == ThemeCatalog.builtInNames)
        #expect(catalog.load("solarized").warnings.isEmpty)
        #expect(catalog.load("solarized").theme.style(for: .idle).foreground == .rgb(0x85, 0x99, 0x00))
    }

    @Test func embeddedCopiesMatchTheFiles() throws {
        #expect(try String(contentsOfFile: ThemeTests.themesFolder + "/default.toml", encoding: .utf8) == BuiltInThemes.defaultTheme)
        #expect(try String(contentsOfFile: ThemeTests.themesFolder + "/monochrome.toml", encoding: .utf8) == BuiltInThemes.monochrome)
    }

    @Test func builtInThemesWorkWithoutTheFolder() {
        let nowhere = ThemeCatalog(directories: ["/nonexistent"])
        #expect(nowhere.load("monochrome").warnings.isEmpty)
        #expect(nowhere.load("monochrome").theme.style(for: .selection).reverse)
        #expect(nowhere.names() == ["default", "monochrome"])
    }

    @Test func badColourNamesFileLineAndKeyAndFallsBack() {
        let text = """
            name = "broken"

            [idle]
            fg = "purpleish"
            bg = ""
            """
        let result = catalog.parse(text, file: "broken.toml", name: "broken")
        #expect(result.theme == ThemeCatalog.fallback)
        #expect(result.warnings.count == 1)
        let warning = result.warnings.first
        #expect(warning?.file == "broken.toml" && warning?.line == 4 && warning?.key == "idle.fg")
        #expect(warning?.description.hasPrefix("broken.toml:4: key 'idle.fg': bad colour") == true)
    }

    @Test func unknownRoleAndUnknownAttributeAreReported() {
        let text = """
            [idle]
            fg = "green"
            blink = true

            [sparkles]
            fg = "red"
            """
        let result = catalog.parse(text, file: "odd.toml", name: "odd")
        #expect(result.theme == ThemeCatalog.fallback)
        #expect(result.warnings.map(\.key) == ["idle.blink", "sparkles"])
        #expect(result.warnings.map(\.line) == [3, 5])
        #expect(result.warnings.allSatisfy { $0.message.hasPrefix("unknown") })
    }

    @Test func syntaxErrorNamesTheLine() {
        let text = """
            [idle]
            fg = "green"
            bg = "black
            """
        let result = catalog.parse(text, file: "syntax.toml", name: "syntax")
        #expect(result.theme == ThemeCatalog.fallback)
        #expect(result.warnings.first?.line == 3)
        #expect(result.warnings.first?.key == "idle.bg")
        #expect(result.warnings.first?.message.hasPrefix("syntax error") == true)
    }

    @Test func wrongTypeForAFlagIsReported() {
        let result = catalog.parse("[header]\nfg = 75\nbold = \"yes\"\n", file: "t.toml", name: "t")
        #expect(result.warnings.map(\.key) == ["header.bold"])
        #expect(result.warnings.first?.line == 3)
    }

    @Test func missingRolesComeFromTheDefaultAndNumbersAreColours() throws {
        let result = catalog.parse("[idle]\nfg = 34\nbg = \"#102030\"\nbold = true\n", file: "t.toml", name: "tiny")
        #expect(result.warnings.isEmpty)
        #expect(result.theme.name == "tiny")
        #expect(result.theme.style(for: .idle) == Style(foreground: .index(34), background: .rgb(0x10, 0x20, 0x30), bold: true))
        #expect(result.theme.style(for: .error) == ThemeCatalog.fallback.style(for: .error))
    }

    @Test func unknownThemeNameWarnsAndUsesDefault() {
        let result = catalog.load("nosuch")
        #expect(result.theme == ThemeCatalog.fallback)
        #expect(result.warnings.first?.description.contains("no such theme") == true)
    }

    @Test func userThemesComeFirstAndPathsWork() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pooltop-themes-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[idle]\nfg = \"red\"\n".write(to: folder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "[idle]\nfg = \"blue\"\n".write(to: folder.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        let withUser = ThemeCatalog(directories: [folder.path, ThemeTests.themesFolder])
        #expect(withUser.names() == ThemeCatalog.builtInNames + ["mine"])
        #expect(withUser.load("light").theme.style(for: .idle).foreground == .index(4))
        #expect(withUser.load(folder.appendingPathComponent("mine.toml").path).theme.style(for: .idle).foreground == .index(1))
        let environment = ["XDG_CONFIG_HOME": "/cfg"]
        #expect(ThemeCatalog.standard(environment: environment).directories.first == "/cfg/pooltop/themes")
    }

    @Test func optionalRolesFallBack() {
        let theme = Theme(name: "t", styles: [.overflow: Style(foreground: .index(5)), .connecting: Style(foreground: .index(6))])
        #expect(theme.style(for: .overflowIdle) == Style(foreground: .index(5), dim: true))
        #expect(theme.style(for: .checking).foreground == .index(6))
    }

    @Test func withoutColourKeepsOnlyAttributes() {
        let theme = ThemeCatalog.fallback.withoutColour
        #expect(theme.style(for: .idle).foreground == .terminalDefault)
        #expect(theme.style(for: .header).bold)
    }
}

@Suite struct ColorMappingTests {
    @Test func parsesNamesIndexesAndHex() {
        #expect(TerminalColor(parsing: "green") == .index(2))
        #expect(TerminalColor(parsing: "Bright_Blue") == .index(12))
        #expect(TerminalColor(parsing: "bright-red") == .index(9))
        #expect(TerminalColor(parsing: "208") == .index(208))
        #expect(TerminalColor(parsing: "#FF8700") == .rgb(255, 135, 0))
        #expect(TerminalColor(parsing: "") == .terminalDefault)
        #expect(TerminalColor(parsing: "256") == nil)
        #expect(TerminalColor(parsing: "#12345") == nil)
        #expect(TerminalColor(parsing: "teal-ish") == nil)
    }

    @Test func rgbToNearest256() {
        #expect(ColorMapping.nearest256(255, 0, 0) == 196)
        #expect(ColorMapping.nearest256(0, 0, 0) == 16)
        #expect(ColorMapping.nearest256(255, 135, 0) == 208)
        #expect(ColorMapping.nearest256(0x80, 0x80, 0x80) == 244)
        #expect(ColorMapping.nearest256(0x85, 0x99, 0x00) == 100)
    }

    @Test func indexTo16And8() {
        #expect(ColorMapping.nearest16(196) == 9)
        #expect(ColorMapping.nearest16(46) == 10)
        #expect(ColorMapping.nearest16(7) == 7)
        #expect(ColorMapping.nearest16(232) == 0)
        #expect(ColorMapping.curses(.rgb(255, 0, 0), depth: .sixteen) == 9)
        #expect(ColorMapping.curses(.rgb(255, 0, 0), depth: .eight) == 1)
        #expect(ColorMapping.curses(.rgb(255, 0, 0), depth: .palette256) == 196)
        #expect(ColorMapping.curses(.rgb(1, 2, 3), depth: .truecolor) == 0x010203)
        #expect(ColorMapping.curses(.index(12), depth: .eight) == 4)
        #expect(ColorMapping.curses(.terminalDefault, depth: .eight) == -1)
        #expect(ColorMapping.curses(.index(3), depth: .none) == nil)
    }

    @Test func depthDetectionHonoursNoColor() {
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": "1"]) == ColorDepth.none)
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]) == .palette256)
        #expect(ColorDepth.detect(colors: 16_777_216, environment: [:]) == .truecolor)
        #expect(ColorDepth.detect(colors: 8, environment: [:]) == .eight)
        #expect(ColorDepth.detect(colors: 0, environment: [:]) == ColorDepth.none)
    }

    @Test func noColorOptionPicksMonochrome() {
        #expect(InspectorOptions(environment: ["NO_COLOR": "1"]).noColor)
        #expect(!InspectorOptions(environment: [:]).noColor)
        #expect(InspectorOptions(ascii: true, environment: [:]).chartStyle == .ascii)
        #expect(InspectorOptions(environment: ["TERM": "linux"]).chartStyle == .blocks)
    }
}
