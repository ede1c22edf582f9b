import Foundation
import GongModel
import SluiceCore

extension GongEmulatorEngine {
    /// The answer to call `number` that `fault` bends or replaces.
    func reply(for fault: GongEmulatorFault, request: EmulatorRequest, number: Int, requestId: String) -> EmulatorReply {
        switch fault {
        case .normal:
            return respond(to: request.body, requestId: requestId)
        case .status(let status):
            return errorReply(status, ["Injected failure \(status)"], requestId: requestId)
        case .rateLimited(let retryAfter):
            return rateLimitedReply(retryAfter: retryAfter.map(String.init), requestId: requestId)
        case .retryAfter(let text):
            return rateLimitedReply(retryAfter: text, requestId: requestId)
        case .drop:
            return .dropped
        case .truncate:
            var reply = respond(to: request.body, requestId: requestId)
            reply.delivery = .truncated
            return reply
        case .trickle(let pause):
            var reply = respond(to: request.body, requestId: requestId)
            reply.delivery = .trickled(millisecondsPerByte: max(1, pause))
            return reply
        case .raw(let status, let body):
            return EmulatorReply(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
        case .shiftDays(let days):
            return respond(to: request.body, requestId: requestId, tampering: PageTampering(dayShift: days))
        case .extraDay(let fromDate, let toDate):
            let day = GongDayActivity(fromDate: fromDate, toDate: toDate, calls: [.callsAttended: ["123456789012345678"]])
            return respond(to: request.body, requestId: requestId, tampering: PageTampering(extraDay: day))
        case .userTwice:
            return respond(to: request.body, requestId: requestId, tampering: PageTampering(userTwice: true))
        case .rewind(let users):
            return respond(to: request.body, requestId: requestId, tampering: PageTampering(rewind: max(0, users)))
        case .runaway(let users, let totalRecords):
            return runawayReply(users: users, totalRecords: totalRecords, request: request, number: number, requestId: requestId)
        }
    }

    /// A page of `count` users made up for call `number` (never sent before), with every day of the
    /// requested range and a cursor of its own, whatever cursor the request held.
    private func runawayReply(users count: Int, totalRecords: Int?, request: EmulatorRequest, number: Int, requestId: String)
        -> EmulatorReply
    {
        guard let range = requestedRange(request.body) else {
            return errorReply(400, ["filter: must be an object with fromDate and toDate"], requestId: requestId)
        }
        let made = (0..<max(0, count)).map { position in
            let index = configuration.users + number * 1_000 + position
            return GongDataset.User(index: index, id: "8" + SeededHash.padded(index, width: 14),
                                    emailAddress: "runaway\(index)@acme.example")
        }
        var records = ValueObject([
            "currentPageSize": .int(Int64(made.count)),
            "currentPageNumber": .int(Int64(number)),
            "cursor": .string(Data("runaway:\(number)".utf8).base64EncodedString()),
        ])
        if let totalRecords { records["totalRecords"] = .int(Int64(totalRecords)) }
        return pageReply(records: records, activities: dataset.records(of: made, in: range), requestId: requestId)
    }
}
