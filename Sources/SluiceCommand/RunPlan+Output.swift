import SluiceCore

extension RunPlan {
    /// The plan for people.
    var lines: [String] {
        var lines = ["pipeline \(pipeline.name): source \(pipeline.sourceType), \(pipeline.sinks.count) sinks, state in \(pipeline.state.location)"]
        lines.append("relative paths in the file are resolved against its folder, \(folder)")
        if let stateProblem { lines.append("state: unavailable (\(stateProblem)); every window is shown as to run") }
        lines.append("windows: \(toRun) to run, \(windows.count - toRun) done, of \(windows.count) (\(PipelineExecution.span(of: selection.windows)))")
        lines += windows.map { "  " + describe($0) }
        for stage in pipeline.sinks where stage.sink.resumesCommittedWindows {
            lines.append("  \(stage.sink.identity) has committed: \(coverage[stage.sink.identity] ?? .empty)")
        }
        if let rereading = selection.rereading {
            let takers = rereadingSinks
            lines.append("  look-back re-read of \(rereading): "
                         + (takers.isEmpty ? "no sink rewrites days in place, so none is re-read" : "for " + takers.joined(separator: ", ")))
        }
        if let budget = pipeline.source.dailyBudget, let callsUsed {
            let needed = pieceCount * budget.minimumCallsPerWindow
            let left = max(0, budget.perDay - callsUsed)
            lines.append("API calls: at least \(needed) (one per window, one more per further page of users);"
                         + " \(left) of \(budget.perDay) left on \(budget.today()) (\(budget.name))"
                         + (needed > left ? ": the quota runs out first, the run will stop with exit 3 and resume later" : ""))
        }
        lines.append("schemas:")
        lines.append("  source \(pipeline.sourceType): \(pipeline.source.schema)")
        for (index, stage) in pipeline.transforms.enumerated() {
            lines.append("  transforms[\(index)] \(stage.type): \(stage.output)")
        }
        for (index, sink) in sinks.enumerated() {
            let stage = sink.stage
            let chain = stage.transforms.map(\.type).joined(separator: " -> ")
            lines.append("  sinks[\(index)] \(stage.type) \(stage.sink.identity)\(chain.isEmpty ? "" : " after " + chain): \(stage.input)")
            if let unreachable = sink.unreachable {
                lines.append("    target unreachable (\(unreachable)); the statements for an empty target:")
            }
            lines += sink.preview.statements.map { "    \($0)" }
            lines += sink.preview.problems.map { "    problem: \($0)" }
        }
        return lines
    }

    /// The plan for machines: stable member names, sinks keyed by their identity.
    var json: Value {
        var sinkObjects = ValueObject()
        for sink in sinks {
            sinkObjects[sink.stage.sink.identity] = .object([
                "type": .string(sink.stage.type), "schema": .array(sink.stage.input.fields.map { .string("\($0.name) \($0.type.rawValue)") }),
                "committed": .array((coverage[sink.stage.sink.identity] ?? .empty).ranges.map { .string($0.description) }),
                "statements": .array(sink.preview.statements.map(Value.string)), "problems": .array(sink.preview.problems.map(Value.string)),
                "target_unreachable": sink.unreachable.map(Value.string) ?? .null,
            ])
        }
        let windowObjects: [Value] = windows.map { line in
            .object(["window": .string(line.window.key), "runs": .array(line.pieces.map { piece in
                .object(["window": .string(piece.window.key), "sinks": .array(piece.sinks.map { .string(pipeline.sinks[$0].sink.identity) })])
            })])
        }
        var object: ValueObject = [
            "pipeline": .string(pipeline.name), "source": .string(pipeline.sourceType), "state": .string(pipeline.state.location),
            "folder": .string(folder), "state_problem": stateProblem.map(Value.string) ?? .null,
            "windows_to_run": .int(Int64(toRun)), "windows_done": .int(Int64(windows.count - toRun)), "windows": .array(windowObjects),
            "rereading": selection.rereading.map { .string($0.description) } ?? .null, "sinks": .object(sinkObjects),
        ]
        if let budget = pipeline.source.dailyBudget, let callsUsed {
            object["api_calls"] = .object([
                "at_least": .int(Int64(pieceCount * budget.minimumCallsPerWindow)), "used_today": .int(Int64(callsUsed)),
                "per_day": .int(Int64(budget.perDay)), "budget": .string(budget.name),
            ])
        }
        return .object(object)
    }

    /// `done W`, `run  W`, or `run  W: P1 -> sinks; P2 -> sinks` when only some days or some
    /// sinks of the window are left.
    private func describe(_ line: WindowLine) -> String {
        guard !line.pieces.isEmpty else { return "done \(line.window)" }
        let everySink = Array(pipeline.sinks.indices)
        if line.pieces == [WindowPlan(window: line.window, sinks: everySink)] { return "run  \(line.window)" }
        return "run  \(line.window): " + line.pieces.map { piece in
            let sinks = piece.sinks == everySink ? "every sink" : piece.sinks.map { pipeline.sinks[$0].sink.identity }.joined(separator: ", ")
            return "\(piece.window) -> \(sinks)"
        }.joined(separator: "; ")
    }
}
