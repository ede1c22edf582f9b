import SluiceCore

/// Checks each page of one window against the pages before it, so that a server that repeats
/// itself or pages forever fails the window instead of duplicating rows or spending the quota.
///
/// A user may appear once per window; a cursor may not come back; the pages may not outrun
/// `totalRecords` (the largest one sent) divided by the page size (the most users a page held,
/// at least 1), with one page to spare for a last page that comes back empty; without
/// `totalRecords`, no more than ``maxEmptyPagesInARow`` empty pages may announce another; and a
/// window may not end with fewer users than `totalRecords` said, nor with a later page that
/// says "nothing matched": either would commit a window with users missing.
struct PagingGuard {
    /// Empty pages with a cursor accepted in a row when Gong sent no `totalRecords`.
    static let maxEmptyPagesInARow = 2

    /// The page each user was first read on.
    private var pageOfUser: [String: Int] = [:]
    private var cursors: Set<String> = []
    private var pageSize = 1
    private var totalRecords: Int?
    private var emptyPagesInARow = 0
    private var requestId: String?

    /// Admits `user`, read on page `number` (from 1).
    /// - Throws: ``SluiceError`` `.gongInconsistentAnswer` when the window already had the user.
    mutating func admit(user: String, onPage number: Int, of page: GongPage) throws(SluiceError) {
        if let earlier = pageOfUser[user] {
            let pages = earlier == number ? "twice on page \(number)" : "on page \(earlier) and again on page \(number)"
            throw inconsistent("Gong's answer holds user \(user) \(pages)", page, [("user", user), ("firstPage", String(earlier))])
        }
        pageOfUser[user] = number
    }

    /// Admits page `number` (from 1) as a whole: its cursor and its count of users.
    /// - Throws: ``SluiceError`` `.gongInconsistentAnswer` naming the count at fault.
    mutating func admit(_ page: GongPage, number: Int) throws(SluiceError) {
        requestId = page.requestId ?? requestId
        pageSize = max(pageSize, page.users.count)
        emptyPagesInARow = page.users.isEmpty ? emptyPagesInARow + 1 : 0
        if let total = page.totalRecords { totalRecords = max(totalRecords ?? 0, total) }
        guard let cursor = page.cursor else { return }
        guard cursors.insert(cursor).inserted else {
            throw inconsistent("Gong sent a cursor it had sent before; stopping instead of looping", page, [])
        }
        guard let totalRecords else {
            if emptyPagesInARow > Self.maxEmptyPagesInARow {
                throw inconsistent("Gong sent \(emptyPagesInARow) empty pages in a row, each announcing another, and no totalRecords;"
                                   + " stopping instead of paging on", page, [])
            }
            return
        }
        let pages = totalRecords / pageSize + (totalRecords % pageSize == 0 ? 0 : 1)
        if number > pages {
            throw inconsistent(
                "Gong announces page \(number + 1) although totalRecords \(totalRecords) at \(pageSize) users a page"
                    + " makes \(pages); stopping instead of paging on",
                page, [("totalRecords", String(totalRecords)), ("pageSize", String(pageSize))])
        }
    }

    /// Checks the window's end, after page `number`: `nothingMatched` when Gong answered that page
    /// with "nothing matched" (an empty window, but only on page 1).
    /// - Throws: ``SluiceError`` `.gongInconsistentAnswer` when users announced never came.
    func finish(afterPage number: Int, nothingMatched: Bool) throws(SluiceError) {
        let context = requestId.map { [("requestId", $0)] } ?? []
        if nothingMatched, number > 1 {
            throw .gongInconsistent("Gong answered page \(number) with \"nothing matched\" after page \(number - 1) announced it,"
                                    + " so users would be missing", context: context)
        }
        if let totalRecords, pageOfUser.count < totalRecords {
            throw .gongInconsistent("Gong announced \(totalRecords) users (totalRecords) but sent \(pageOfUser.count)",
                                    context: context + [("totalRecords", String(totalRecords)), ("users", String(pageOfUser.count))])
        }
    }

    private func inconsistent(_ message: String, _ page: GongPage, _ context: [(label: String, value: String)]) -> SluiceError {
        .gongInconsistent(message, context: (page.requestId.map { [("requestId", $0)] } ?? []) + context)
    }
}
