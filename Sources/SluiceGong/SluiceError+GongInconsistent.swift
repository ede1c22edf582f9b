import SluiceCore

extension SluiceError {
    /// A `.gongInconsistentAnswer` error: Gong's answer contradicts the request or itself, so the
    /// window fails (and rolls back in every sink) instead of loading wrong or duplicated rows.
    static func gongInconsistent(_ message: String, context: [(label: String, value: String)]) -> SluiceError {
        SluiceError(.gongInconsistentAnswer, message, context: context,
                    hint: "nothing of this window is kept; rerun it later, and report the requestId to Gong if it persists")
    }
}
