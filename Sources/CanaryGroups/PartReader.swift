import StreamObjects
import YAMLSource
import YAMLStream
import YAMLValues

/// Reads one part of the stream (`StreamSplitter`): every document that can hold a release or a
/// VirtualService is built and read; a release that is ours on its own, alone in its document, is
/// handed to `process` at once (the rules plan and read it back), so its document need not be kept.
package struct PartReader {
    package let options: CanaryOptions
    package let parser: YAMLStreamParser
    package let process: ReleaseProcessing

    /// What one part holds; documents are numbered within the part until `append` shifts them.
    package struct Result {
        package var records: [ReleaseRecord] = []
        /// Releases whose documents are kept: not ours on their own, or sharing a list document.
        package var pendingReleases: [ModelRelease] = []
        package var services: [VirtualServiceRoutes] = []
        package var problems: [Diagnostic] = []
        package var documentCount = 0
        package var stoppedEarly = false

        /// Adds the next part's results, numbering its documents after this part's. Once a part
        /// has stopped early the rest of the stream is not checked, as in a single pass (and the
        /// documents it did not read could not be counted to number the next part's).
        package mutating func append(_ next: Result) {
            guard !stoppedEarly else { return }
            let offset = documentCount
            records += next.records.map { record in
                var r = record
                r.documentNumber += offset
                r.problems = r.problems.map { $0.shifted(by: offset) }
                return r
            }
            pendingReleases += next.pendingReleases.map { $0.shifted(by: offset) }
            services += next.services.map { $0.shifted(by: offset) }
            problems += next.problems.map { $0.shifted(by: offset) }
            documentCount += next.documentCount
            stoppedEarly = stoppedEarly || next.stoppedEarly
        }
    }

    package static let listPatterns: [[UInt8]] = ["HelmRelease", "VirtualService", "\\"].map { Array($0.utf8) }

    package func read(_ source: SourceBuffer, part: StreamSplitter.Part) -> Result {
        var parser = self.parser
        // kubectl reads any object with `items` as a list; only documents that spell one of our
        // kinds (or use escapes) can hold our objects, whatever their keys.
        parser.filter = YAMLDocumentFilter(reconsiderKeys: ["items"], reconsiderOnlyIfContains: Self.listPatterns) {
            key, value in
            guard key == "kind" else { return .undecided }
            if value == "HelmRelease" || value == "VirtualService" { return .keep }
            // A list can hold releases and VirtualServices only if their kinds are written in it
            // (or spelled with escapes).
            return value.hasSuffix("List") ? .keepIfContains(Self.listPatterns) : .skip
        }
        var result = Result()
        let outcome = parser.parse(source, part: part) { doc in
            // The parser has reported it; what the document means is unknown.
            if doc.hasUndefinedAlias { return }
            let (objects, unreadable) = StreamObjectReader.objects(in: doc)
            result.problems += unreadable
            if let problem = doc.decodeProblem() {
                // kubectl refuses the whole document: none of its objects is read.
                let mark = problem.mark ?? doc.start
                let message = problem.refusal("this document")
                result.problems.append(
                    objects.first?.problem(mark, message)
                        ?? Diagnostic(mark: mark, documentNumber: doc.number, subject: nil, message: message))
                return
            }
            let alone = objects.count == 1 && !objects[0].inList
            for object in objects {
                if let release = ModelReleaseReader.read(object) {
                    if alone && release.isMemberByItself(modelCharts: options.modelCharts) {
                        result.records.append(process(release, true))
                    } else {
                        result.pendingReleases.append(release)
                    }
                } else if object.isVirtualService {
                    var routes = VirtualServiceReader.read(object)
                    // Weights that are only checked are never edited or read back: keep what was
                    // read from the service, not its nodes.
                    if !options.editsWeights { routes.object.dropNodes() }
                    result.services.append(routes)
                }
            }
        }
        for error in outcome.errors {
            result.problems.append(
                Diagnostic(
                    mark: error.mark, documentNumber: error.documentNumber, subject: nil,
                    message: "invalid YAML: \(error.message)"))
        }
        if outcome.stoppedEarly {
            let last = outcome.errors.last
            let errors = outcome.errors.count == 1 ? "1 error" : "\(outcome.errors.count) errors"
            result.problems.append(
                Diagnostic(
                    mark: last?.mark ?? YAMLMark(offset: part.range.lowerBound, line: part.line, column: 1),
                    documentNumber: last?.documentNumber ?? 1, subject: nil,
                    message: "stopped reading after \(errors); the rest of the stream "
                        + "was not checked"))
        }
        result.documentCount = outcome.documentCount
        result.stoppedEarly = outcome.stoppedEarly
        return result
    }
}
