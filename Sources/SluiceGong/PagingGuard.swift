import SluiceCore

/// Checks each page of one window against the pages before it, so that a server that repeats
/// itself or pages forever fails the window instead of duplicating rows or spending the quota.
///
/// A user may appear once per window; a cursor may not come back; and the pages may not outrun
/// `totalRecords` (the largest one sent) divided by the page size (the most users a page held,
/// at least 1), with one page to spare for a last page that comes back empty.
struct PagingGuard {
    /// The page each user was first read on.
    private var pageOfUser: [String: Int] = [:]
    private var cursors: Set<String> = []
    private var pageSize = 1
    private var totalRecords: Int?

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
        pageSize = max(pageSize, page.users.count)
        if let total = page.totalRecords { totalRecords = max(totalRecords ?? 0, total) }
        guard let cursor = page.cursor else { return }
        guard cursors.insert(cursor).inserted else {
            throw inconsistent("Gong sent a cursor it had sent before; stopping instead of looping", page, [])
        }
        guard let totalRecords else { return }
        let pages = totalRecords / pageSize + (totalRecords % pageSize == 0 ? 0 : 1)
        if number > pages {
            throw inconsistent(
                "Gong announces page \(number + 1) although totalRecords \(totalRecords) at \(pageSize) users a page"
                    + " makes \(pages); stopping instead of paging on",
                page, [("totalRecords", String(totalRecords)), ("pageSize", String(pageSize))])
        }
    }

    private func inconsistent(_ message: String, _ page: GongPage, _ context: [(label: String, value: String)]) -> SluiceError {
        .gongInconsistent(message, context: (page.requestId.map { [("requestId", $0)] } ?? []) + context)
    }
}
