import CLibPQ
import Foundation

/// The last error libpq recorded on `connection`, on one line: libpq's own messages span lines
/// ("server closed the connection unexpectedly\n\tThis probably means..."), and an error reads,
/// and logs, better on one.
func libpqErrorMessage(_ connection: OpaquePointer) -> String {
    String(cString: PQerrorMessage(connection))
        .split(whereSeparator: \.isNewline)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
        .joined(separator: "; ")
}
