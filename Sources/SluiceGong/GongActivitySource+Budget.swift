import GongModel
public import SluiceCore

extension GongActivitySource {
    /// The company's daily call quota, counted per day of its zone under `gong:<host>`.
    /// A window costs at least one call, and one per further page of 100 users when `userIds` are listed.
    public var dailyBudget: DailyBudget? {
        let settings = settings
        let pages = settings.userIds.isEmpty ? 1 : (settings.userIds.count + 99) / 100
        return DailyBudget(name: settings.budgetName, perDay: settings.perDay, minimumCallsPerWindow: pages) {
            settings.quotaZone.today()
        }
    }
}

extension GongSettings {
    /// The name the day's calls are counted under: `gong:<host>`, or `gong:embedded`.
    var budgetName: String {
        switch endpoint {
        case .remote(let endpoint, _): "gong:\(endpoint.host)"
        case .embedded: "gong:embedded"
        }
    }
}
