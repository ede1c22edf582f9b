/// The version of Sluice: `sluice --version`, and each run's row in the run history.
public enum SluiceVersion {
    public static let current = "0.2.0"
}
