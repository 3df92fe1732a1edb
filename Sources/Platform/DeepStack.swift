#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs work that recurses once per nesting level of a document (reading values, comparing them,
/// releasing them) on a thread whose stack holds the deepest document the parser accepts
/// (`YAMLStreamParser.maxDepth`, 10,000 levels), whatever the caller's stack is.
///
/// The calling thread waits; nested calls run directly on the deep thread.
public enum DeepStack {
    /// The stack size: reserved address space, of which only the pages a deep document touches
    /// are ever used.
    public static let stackSize = 64 << 20

    /// `body`'s result, computed on a deep stack.
    public static func run<T>(_ body: () -> T) -> T {
        if isOnDeepStack { return body() }
        var result: T?
        withoutActuallyEscaping(body) { escapable in
            withoutActuallyEscaping({ result = escapable() }) { work in
                if !runOnNewThread(Work(work)) { work() }
            }
        }
        return result!
    }

    /// Runs every closure of `works` at the same time, each on its own deep thread, and waits for
    /// all of them (with one closure, or when threads cannot be made, they run one after another).
    public static func runConcurrently(_ works: [@Sendable () -> Void]) {
        guard works.count > 1 else {
            for work in works { work() }
            return
        }
        var threads: [pthread_t] = []
        for work in works {
            if let thread = start(Work(work)) { threads.append(thread) } else { work() }
        }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// `transform` of every index of `0..<count`, in order, computed in `chunks` contiguous runs
    /// at the same time (deep threads, as `runConcurrently`), or in one run below `minimumCount`.
    /// `transform` must only read what it shares with the other runs.
    public static func concurrentMap<T>(
        _ count: Int, chunks: Int = 2, minimumCount: Int = 256, _ transform: (Int) -> T
    ) -> [T] {
        guard chunks > 1, count >= minimumCount else { return (0..<count).map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let shared = Shared(transform, runs: chunks)
            runConcurrently(
                (0..<chunks).map { c in
                    { shared.run(c, (count * c / chunks)..<(count * (c + 1) / chunks)) }
                })
            return shared.results.flatMap { $0 }
        }
    }

    /// A `concurrentMap`'s transform and the results of its runs, each run writing only its own
    /// slot; the caller reads them once every run has been joined.
    private final class Shared<T>: @unchecked Sendable {
        let transform: (Int) -> T
        let slots: UnsafeMutableBufferPointer<[T]>

        init(_ transform: @escaping (Int) -> T, runs: Int) {
            self.transform = transform
            self.slots = .allocate(capacity: runs)
            slots.initialize(repeating: [])
        }

        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }

        var results: [[T]] { Array(slots) }

        func run(_ c: Int, _ range: Range<Int>) { slots[c] = range.map(transform) }
    }

    /// Runs `work` on a new deep thread and waits for it; false when no thread could be made.
    private static func runOnNewThread(_ work: Work) -> Bool {
        guard let thread = start(work) else { return false }
        pthread_join(thread, nil)
        return true
    }

    /// Starts a deep thread running `work`.
    private static func start(_ work: Work) -> pthread_t? {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return nil }
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        let context = Unmanaged.passRetained(work).toOpaque()
        let created = pthread_create(
            &thread, &attributes,
            { context in
                let work = Unmanaged<Work>.fromOpaque(context!).takeRetainedValue()
                DeepStack.isOnDeepStack = true
                work.body()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Glibc)
            return thread
        #else
            return thread!
        #endif
    }

    /// The work handed to the deep thread; the caller waits for it, so nothing outlives the call.
    private final class Work: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Whether this thread is a deep-stack thread.
    static var isOnDeepStack: Bool {
        get { pthread_getspecific(threadKey) != nil }
        set { pthread_setspecific(threadKey, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
    }
}
