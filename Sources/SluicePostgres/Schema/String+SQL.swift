extension String {
    /// The string as a quoted SQL identifier: `we"ird` becomes `"we""ird"`.
    var quotedIdentifier: String {
        "\"" + replacing("\"", with: "\"\"") + "\""
    }
}
