/// Why the terminal could not be taken over, in words a reader can act on.
public struct CursesTerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
