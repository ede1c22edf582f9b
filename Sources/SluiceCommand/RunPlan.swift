import SluiceCore

/// What `sluice plan` reports, gathered once and shown as text or JSON.
struct RunPlan {
    /// A window asked for, and the pieces of it that would run (none when every sink has its days).
    struct WindowLine {
        let window: Window
        let pieces: [WindowPlan]
    }

    /// A sink's schema and what it would change in its target.
    struct SinkLine {
        let stage: Pipeline.SinkStage
        let preview: TargetPreview
        /// Why the live target could not be read, when it could not (the preview is then offline).
        let unreachable: String?
    }

    let pipeline: Pipeline
    let folder: String
    /// Why the state could not be read, when it could not (every window then shows as to run).
    let stateProblem: String?
    let coverage: [String: DayCoverage]
    let selection: WindowSelection
    let windows: [WindowLine]
    let sinks: [SinkLine]
    /// Calls used today, when the source has a daily budget.
    let callsUsed: Int?

    init(file: String, range: RangeOptions) async throws {
        pipeline = try PipelineFile.load(file)
        folder = PipelineLoader.folder(of: file)
        do {
            coverage = Pipeline.coverage(try await pipeline.state.committedWindows(pipeline: pipeline.name))
            stateProblem = nil
        } catch {
            coverage = [:]
            stateProblem = "\(error)"
        }
        selection = try range.windows(for: pipeline, coverage: coverage)
        windows = selection.windows.map { [pipeline, coverage, selection] window in
            WindowLine(window: window, pieces: pipeline.plans(for: [window], coverage: coverage, rereading: selection.rereading))
        }
        var sinks: [SinkLine] = []
        for stage in pipeline.sinks {
            do {
                sinks.append(SinkLine(stage: stage, preview: try await stage.sink.previewTarget(input: stage.input), unreachable: nil))
            } catch {
                let offline = TargetPreview(statements: stage.sink.plannedStatements(input: stage.input))
                sinks.append(SinkLine(stage: stage, preview: offline, unreachable: "\(error)"))
            }
        }
        self.sinks = sinks
        if let budget = pipeline.source.dailyBudget {
            callsUsed = (try? await pipeline.state.usage(budget: budget.name, day: budget.today())) ?? 0
        } else {
            callsUsed = nil
        }
    }

    var toRun: Int { windows.filter { !$0.pieces.isEmpty }.count }
    var pieceCount: Int { windows.reduce(0) { $0 + $1.pieces.count } }

    /// The sinks that get the look-back re-read.
    var rereadingSinks: [String] { pipeline.sinks.filter(\.sink.rewritesDaysInPlace).map(\.sink.identity) }
}
