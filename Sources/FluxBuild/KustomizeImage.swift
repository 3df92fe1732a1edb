import YAMLValues

/// An image override of a Flux Kustomize post-renderer (`images[]`).
public struct KustomizeImage: Sendable, Equatable {
    /// Image name without tag, as it appears in the manifests.
    public var name: String
    /// Replacement name.
    public var newName: String = ""
    /// Replacement tag.
    public var newTag: String = ""
    /// Replacement digest (wins over `newTag`).
    public var digest: String = ""

    /// Creates an override.
    public init(name: String, newName: String = "", newTag: String = "", digest: String = "") {
        self.name = name
        self.newName = newName
        self.newTag = newTag
        self.digest = digest
    }

    /// The mapping Kustomize reads.
    public var value: YAMLValue {
        var map = YAMLMap()
        map["name"] = .string(name)
        if !newName.isEmpty { map["newName"] = .string(newName) }
        if !newTag.isEmpty { map["newTag"] = .string(newTag) }
        if !digest.isEmpty { map["digest"] = .string(digest) }
        return .map(map)
    }
}
