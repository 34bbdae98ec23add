/// One terminal cell: a character and the role that colours it. A wide character fills two cells: its own
/// (`width == 2`) and, to its right, a continuation (`width == 0`) that the backend does not paint.
public struct Cell: Sendable, Equatable {
    public var scalar: Unicode.Scalar
    public var role: Role
    /// Columns this cell's character covers: 1, 2 (wide), or 0 (the right half of the wide character to its left).
    public var width: UInt8
    /// The rest of a grapheme drawn with `scalar` (combining marks, an emoji modifier, ZWJ parts); usually empty.
    public var marks: String

    public init(_ scalar: Unicode.Scalar = " ", role: Role = .text, width: UInt8 = 1, marks: String = "") {
        self.scalar = scalar
        self.role = role
        self.width = width
        self.marks = marks
    }

    public static let blank = Cell()

    /// The right half of a wide character.
    static func continuation(role: Role) -> Cell { Cell(" ", role: role, width: 0) }
}
