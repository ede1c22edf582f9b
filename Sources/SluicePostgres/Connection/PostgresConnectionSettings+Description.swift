extension PostgresConnectionSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// ``location``: printing settings never shows the password.
    public var description: String { location }

    public var debugDescription: String { location }

    /// Only ``location``, so that `dump` and nested descriptions never show `conninfo`.
    public var customMirror: Mirror { Mirror(self, children: ["location": location]) }
}
