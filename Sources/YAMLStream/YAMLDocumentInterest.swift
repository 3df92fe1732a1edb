/// A caller's interest in a document, decided from its top-level `key: value` scalar pairs.
public enum YAMLDocumentInterest: Sendable {
    /// Build the document and hand it over.
    case keep
    /// Only check that the document is well-formed; build no nodes and do not hand it over.
    case skip
    /// Not decided by this pair; look at the next one (a document never decided is kept).
    case undecided
    /// Keep the document only if its text (up to the next `---` line) contains one of these byte
    /// strings, else skip it: a cheap look at the bytes decides for documents that are rarely wanted.
    case keepIfContains([[UInt8]])
}

/// Decides which documents of a stream are built, from their root mapping's scalar `key: value`
/// pairs, so that documents nobody reads cost only libyaml's parse.
///
/// A skipped document is reconsidered, and built after all, when its root mapping later shows a key
/// that could change the decision: the key that decided (readers such as go-yaml let a repeated key
/// win), a `<<` merge key (it may bring that key in), or one of `reconsiderKeys`.
public struct YAMLDocumentFilter: Sendable {
    /// The decision for one root pair.
    public var decide: @Sendable (_ key: String, _ value: String) -> YAMLDocumentInterest
    /// Further root keys that reopen a skipped document.
    public var reconsiderKeys: Set<String>
    /// When not empty, a skipped document is reopened only if its text contains one of these byte
    /// strings (for callers whose wanted documents always spell one of them).
    public var reconsiderOnlyIfContains: [[UInt8]]

    /// Creates a filter.
    public init(
        reconsiderKeys: Set<String> = [], reconsiderOnlyIfContains: [[UInt8]] = [],
        decide: @escaping @Sendable (_ key: String, _ value: String) -> YAMLDocumentInterest
    ) {
        self.decide = decide
        self.reconsiderKeys = reconsiderKeys
        self.reconsiderOnlyIfContains = reconsiderOnlyIfContains
    }
}
