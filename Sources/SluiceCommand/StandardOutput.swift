/// Prints the reports of the commands (plans, state, runs, validation) on stdout, with the
/// pipeline's secrets hidden.
enum StandardOutput {
    static func write(_ line: String, terminator: String = "\n") {
        print(ProcessSecrets.scrub(line), terminator: terminator)
    }
}
