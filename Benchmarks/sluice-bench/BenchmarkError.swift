/// A benchmark that cannot run or finished with wrong results, with a message a person can act on.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
