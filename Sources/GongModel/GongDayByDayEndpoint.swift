/// Gong's day-by-day activity endpoint, as the source calls it and the emulator serves it.
public enum GongDayByDayEndpoint {
    /// `/v2/stats/activity/day-by-day`, under the API's base URL; answers `POST` only.
    public static let path = "/v2/stats/activity/day-by-day"
}
