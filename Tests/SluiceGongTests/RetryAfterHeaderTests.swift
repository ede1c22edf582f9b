import Foundation
@testable import SluiceGong
import Testing

/// `Retry-After` as seconds (Gong's) or as an HTTP date (a proxy's).
@Suite struct RetryAfterHeaderTests {
    /// Wed, 21 Oct 2015 07:28:00 GMT.
    static let now = Date(timeIntervalSince1970: 1_445_412_480)

    @Test func secondsAreTakenAsTheyAre() {
        #expect(RetryAfterHeader.seconds("120", now: Self.now) == 120)
        #expect(RetryAfterHeader.seconds(" 1.5 ", now: Self.now) == 1.5)
        #expect(RetryAfterHeader.seconds("0", now: Self.now) == 0)
    }

    @Test func anHTTPDateIsTheTimeLeftUntilIt() {
        #expect(RetryAfterHeader.seconds("Wed, 21 Oct 2015 07:29:30 GMT", now: Self.now) == 90)
        #expect(RetryAfterHeader.seconds("Thu, 22 Oct 2015 07:28:00 GMT", now: Self.now) == 86_400)
        // A date already past means now.
        #expect(RetryAfterHeader.seconds("Wed, 21 Oct 2015 07:00:00 GMT", now: Self.now) == 0)
    }

    @Test func longerWaitsAreReadAsTwoDays() {
        let cap = RetryAfterHeader.maxSeconds
        #expect(cap == 172_800)
        #expect(RetryAfterHeader.seconds("172799", now: Self.now) == 172_799)
        for value in ["172801", "99999999999999999999", "1e999", "Fri, 31 Dec 9999 23:59:59 GMT"] {
            #expect(RetryAfterHeader.seconds(value, now: Self.now) == cap, "\(value)")
        }
    }

    @Test(arguments: ["soon", "", "-5", "nan", "inf", "Wed, 21 Oct 2015 07:29:30", "21 Oct 2015 07:29:30 GMT"])
    func anythingElseIsUnreadable(value: String) {
        #expect(RetryAfterHeader.seconds(value, now: Self.now) == nil)
    }
}
