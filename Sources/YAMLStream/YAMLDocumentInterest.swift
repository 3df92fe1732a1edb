/// A caller's interest in a document, decided from its top-level `key: value` scalar pairs.
public enum YAMLDocumentInterest: Sendable {
    /// Build the document and hand it over.
    case keep
    /// Only check that the document is well-formed; build no nodes and do not hand it over.
    case skip
    /// Not decided by this pair; look at the next one (a document never decided is kept).
    case undecided
}
