/// One terminal cell: a single-width character and the role that colours it.
public struct Cell: Sendable, Equatable {
    public var scalar: Unicode.Scalar
    public var role: Role

    public init(_ scalar: Unicode.Scalar = " ", role: Role = .text) {
        self.scalar = scalar
        self.role = role
    }

    public static let blank = Cell()
}
