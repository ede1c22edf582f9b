/// The fifteen lists of call ids in a day of Gong's day-by-day activity, in the spec's order.
public enum GongActivityList: String, Sendable, Hashable, CaseIterable {
    /// The user hosted the call.
    case callsAsHost
    /// The user gave feedback.
    case callsGaveFeedback
    /// The user requested feedback.
    case callsRequestedFeedback
    /// The user received feedback.
    case callsReceivedFeedback
    /// The user listened to their own call.
    case ownCallsListenedTo
    /// The user listened to someone else's call.
    case othersCallsListenedTo
    /// Shared with people inside the company.
    case callsSharedInternally
    /// Shared with people outside the company.
    case callsSharedExternally
    /// The user took part, not as host.
    case callsAttended
    /// The user commented at least once.
    case callsCommentsGiven
    /// Someone commented on the user's call.
    case callsCommentsReceived
    /// Someone pressed "Mark as reviewed".
    case callsMarkedAsFeedbackGiven
    /// Someone pressed "Mark as reviewed" on the user's call.
    case callsMarkedAsFeedbackReceived
    /// The user filled a scorecard.
    case callsScorecardsFilled
    /// Someone filled a scorecard on the user's call.
    case callsScorecardsReceived

    /// Gong's name of the list (`callsAsHost`); also the `activity` value of `flatten.perCall`.
    public var name: String { rawValue }

    /// The snake-case column of its count in `flatten.perDay` (`calls_as_host`).
    public var column: String {
        rawValue.reduce(into: "") { column, character in
            if character.isUppercase { column += "_" + character.lowercased() } else { column.append(character) }
        }
    }

    /// The column of its call ids in `flatten.perDay` with `includeCallIds` (`calls_as_host_ids`).
    public var idsColumn: String { column + "_ids" }
}
