import YAMLEditing
import YAMLSource
import YAMLStream

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file read whole for editing and replaced atomically.
///
/// `replace(applying:)` writes the edited bytes to a temporary file in the same directory, gives
/// it the original's permission bits (and owner, where allowed), `fsync`s it, checks that the
/// original has not changed since it was read, and `rename`s it over the original (then `fsync`s
/// the directory). Readers see either the old or the new file, never a mix; on any failure the
/// temporary file is removed and the original is untouched. A symbolic link is followed: its
/// target is replaced and the link stays. (Hard links to the file keep the old contents.)
public struct EditableFile: Sendable {
    /// The path as given.
    public let path: String
    /// The path with symbolic links resolved: the file that is replaced.
    public let target: String
    /// The file's bytes.
    public let source: SourceBuffer
    private let identity: Identity

    private struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var mode: mode_t
        var owner: uid_t
        var group: gid_t

        init(_ st: stat) {
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            size = Int64(st.st_size)
            #if canImport(Darwin)
                modifiedSeconds = Int(st.st_mtimespec.tv_sec)
                modifiedNanoseconds = Int(st.st_mtimespec.tv_nsec)
            #else
                modifiedSeconds = Int(st.st_mtim.tv_sec)
                modifiedNanoseconds = Int(st.st_mtim.tv_nsec)
            #endif
            mode = st.st_mode
            owner = st.st_uid
            group = st.st_gid
        }
    }

    /// Reads the regular file at `path` (following symbolic links).
    /// - Throws: `LifecycleError` (without a mark) when it cannot be read.
    public static func open(_ path: String) throws(LifecycleError) -> EditableFile {
        guard let resolved = realpath(path, nil) else { throw systemError("cannot read \(path)") }
        let target = String(cString: resolved)
        free(resolved)
        let fd = openFile(target, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw systemError("cannot read \(path)") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw systemError("cannot read \(path)") }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw LifecycleError(.io, "\(path) is not a regular file; the lifecycle commands edit files in place")
        }
        let source: SourceBuffer
        do {
            source = try SourceBuffer.read(fileDescriptor: fd)
        } catch {
            throw LifecycleError(.io, "cannot read \(path): \(error)")
        }
        return EditableFile(path: path, target: target, source: source, identity: Identity(st))
    }

    /// Replaces the file with `source` after `edits`, atomically (see the type's documentation).
    /// - Throws: `LifecycleError` when any step fails or the file changed since it was read; the
    ///   original is then untouched.
    public func replace(applying edits: [ByteEdit]) throws(LifecycleError) {
        let slash = target.lastIndex(of: "/")!
        let directory = slash == target.startIndex ? "/" : String(target[..<slash])
        let name = String(target[target.index(after: slash)...])
        let prefix: String = directory == "/" ? "" : directory
        let templatePath: String = prefix + "/." + name + ".kserve-canary-XXXXXX"
        var template: [CChar] = templatePath.utf8CString.map { $0 }
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Self.systemError("cannot create a temporary file in \(directory)") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var closed = false
        var renamed = false
        defer {
            if !closed { close(fd) }
            if !renamed { unlink(temporary) }
        }
        guard fchmod(fd, identity.mode & 0o7777) == 0 else {
            throw Self.systemError("cannot set the mode of \(temporary)")
        }
        if geteuid() == 0 || identity.owner != geteuid() || identity.group != getegid() {
            // Best effort: only root may give a file away; a group change needs membership.
            _ = fchown(fd, identity.owner, identity.group)
        }
        guard EditApplier.write(edits, source: source, fileDescriptor: fd) else {
            throw Self.systemError("cannot write \(temporary)")
        }
        guard fsync(fd) == 0 else { throw Self.systemError("cannot sync \(temporary)") }
        closed = true
        guard close(fd) == 0 else { throw Self.systemError("cannot write \(temporary)") }
        var st = stat()
        guard stat(target, &st) == 0 else { throw Self.systemError("cannot stat \(path)") }
        guard Identity(st) == identity else {
            throw LifecycleError(
                .io, "\(path) changed on disk while it was being edited; nothing was written, run the command again")
        }
        guard rename(temporary, target) == 0 else { throw Self.systemError("cannot replace \(path)") }
        renamed = true
        let dirfd = openFile(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    private static func systemError(_ what: String) -> LifecycleError {
        LifecycleError(.io, "\(what): \(String(cString: strerror(errno)))")
    }
}

/// `open(2)` without a mode, under a name that does not collide with `EditableFile.open`.
private func openFile(_ path: String, _ flags: Int32) -> Int32 {
    #if canImport(Glibc)
        Glibc.open(path, flags)
    #else
        Darwin.open(path, flags)
    #endif
}
