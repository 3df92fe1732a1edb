import YAMLStream

/// Reads the routes, destinations and weights of a VirtualService, and how each weight could be
/// rewritten in place.
struct VirtualServiceAnalyzer {
    let doc: YAMLDocument
    let identity: DocumentIdentity

    func analyze() -> VirtualServiceFacts {
        var facts = VirtualServiceFacts(documentNumber: doc.number, identity: identity, hosts: [], routes: [], diagnostics: [])
        func fail(_ mark: YAMLMark, _ message: String) {
            facts.diagnostics.append(Diagnostic(mark: mark, documentNumber: doc.number, subject: identity.subject, message: message))
        }
        facts.diagnostics += Diagnostic.duplicateKeys(in: doc, subject: identity.subject)
        guard let spec = doc.value("spec", in: identity.root) else { return facts }
        if let hosts = doc.value("hosts", in: spec) {
            facts.hosts = doc.children(hosts).compactMap { doc.scalar(doc.resolve($0)) }
        }
        guard let http = doc.value("http", in: spec), doc[http].kind == .sequence else { return facts }
        let editor = YAMLEditor(doc)
        for (index, routeNode) in doc.children(http).enumerated() {
            let route = doc.resolve(routeNode)
            guard doc[route].kind == .mapping else { continue }
            var facts1 = RouteFacts(index: index, mark: doc[route].mark, hasMatch: doc.value("match", in: route) != nil,
                                    destinations: [], mirrorHost: nil, mirrorMark: nil)
            if let mirror = doc.value("mirror", in: route), let host = doc.value("host", in: mirror) {
                facts1.mirrorHost = doc.scalar(host)
                facts1.mirrorMark = doc[host].mark
            }
            if let list = doc.value("route", in: route), doc[list].kind == .sequence {
                for itemNode in doc.children(list) {
                    let item = doc.resolve(itemNode)
                    guard doc[item].kind == .mapping,
                          let destination = doc.value("destination", in: item),
                          let hostNode = doc.value("host", in: destination), let host = doc.scalar(hostNode)
                    else { continue }
                    var d = DestinationFacts(host: host, hostMark: doc[hostNode].mark, port: nil, portMark: nil,
                                             weight: .absent, weightMark: doc[item].mark, weightRange: nil,
                                             insertion: nil, insertionPrefix: "", insertionSuffix: "", insertionError: nil)
                    if let port = doc.value("port", in: destination), let number = doc.value("number", in: port) {
                        d.portMark = doc[number].mark
                        d.port = doc.scalar(number).flatMap { doc[number].style == .plain ? Int($0) : nil } ?? -1
                    }
                    if let weight = doc.entry("weight", in: item) {
                        let w = weight.value
                        d.weightMark = doc[w].mark
                        d.weight = parseWeight(w)
                        if doc.containsAnchor(w) {
                            d.insertionError = "the weight carries an anchor; cannot rewrite it"
                        } else {
                            d.weightRange = doc[w].range
                        }
                    } else if doc[item].style == .flow {
                        do throws(YAMLEditError) {
                            let marker: Character = "\u{0}"
                            let text = try editor.flowText(item, appending: [("weight", String(marker))])
                            let parts = text.split(separator: marker, maxSplits: 1, omittingEmptySubsequences: false)
                            d.insertion = doc[item].range
                            d.insertionPrefix = String(parts[0])
                            d.insertionSuffix = parts.count > 1 ? String(parts[1]) : ""
                        } catch { d.insertionError = error.message }
                    } else {
                        do throws(YAMLEditError) {
                            let entries = doc.entries(item)
                            let indent = try editor.indentation(ofEntriesIn: item)
                            let at = try editor.lineEndAfter(entries.last!.value)
                            let lineBreak = editor.lineBreakString(at: doc[item].start)
                            d.insertion = at..<at
                            if at == doc.source.count && at > 0 && doc.source[at - 1] != 0x0A {
                                d.insertionPrefix = lineBreak + indent + "weight: "
                            } else {
                                d.insertionPrefix = indent + "weight: "
                                d.insertionSuffix = lineBreak
                            }
                        } catch { d.insertionError = error.message }
                    }
                    facts1.destinations.append(d)
                }
            }
            facts.routes.append(facts1)
        }
        return facts
    }

    func parseWeight(_ index: Int) -> WeightValue {
        let node = doc[index]
        if node.kind != .scalar { return .invalid("weight must be an integer, found a \(node.kind == .mapping ? "mapping" : node.kind == .sequence ? "list" : "alias")") }
        let value = doc.scalar(index) ?? ""
        let tag = doc.tag(index)
        if node.style != .plain && tag != "tag:yaml.org,2002:int" {
            return .invalid("weight must be an integer, found the string \(YAMLScalarFormatter.doubleQuoted(value)); remove the quotes")
        }
        if tag != nil && tag != "tag:yaml.org,2002:int" {
            return .invalid("weight must be an integer, found a value tagged \(tag!)")
        }
        guard !value.isEmpty, value.count <= 9, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(value) else {
            if doc.isNull(index) { return .invalid("weight is null; give an integer from 0 to 100") }
            return .invalid("weight must be a non-negative integer, found \(YAMLScalarFormatter.doubleQuoted(value))")
        }
        return .value(n)
    }
}
