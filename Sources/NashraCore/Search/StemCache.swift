import Foundation

/// The stemmer's answers for words seen lately, shared by every analysis in the process.
///
/// Words repeat (a few thousand make up most of any news text), so an import or a reindex asks for
/// the same few forms again and again. A word is looked up by its letters packed into one integer
/// (hashing and comparing Arabic strings costs nearly as much as stemming them); words that do not
/// pack — longer than ten letters, or with letters outside ء–ي — are stemmed every time. Two
/// generations bound the memory: when the newer one is full, it becomes the older one and the older
/// one goes; a word found in the older one moves forward, so the words in use stay.
final class StemCache: @unchecked Sendable {
    /// Entries per generation: about 2 MB at most for both, as most stems fit in a string's inline storage.
    let capacity: Int
    // Guarded by `lock`.
    private var newer: [UInt64: ArabicStemmer.Forms] = [:]
    private var older: [UInt64: ArabicStemmer.Forms] = [:]
    private let lock = NSLock()

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The process's cache.
    static let shared = StemCache()

    /// The forms of `word`, from `make` when it was not seen lately (or does not pack).
    func forms(
        of word: String, startsWithHamza: Bool, make: (String, Bool) -> ArabicStemmer.Forms
    ) -> ArabicStemmer.Forms {
        guard let key = Self.key(word, startsWithHamza: startsWithHamza) else { return make(word, startsWithHamza) }
        if let found = lookUp(key) { return found }
        let forms = make(word, startsWithHamza)
        lock.withLock { insert(forms, for: key) }
        return forms
    }

    /// How many words it holds, both generations (for tests).
    var count: Int { lock.withLock { newer.count + older.count } }

    /// Six bits a letter (ء–ي are 1–42), up to ten letters, and the hamza reading in the top bit;
    /// nil for a word that does not fit.
    static func key(_ word: String, startsWithHamza: Bool) -> UInt64? {
        var key: UInt64 = 0
        var letters = 0
        for scalar in word.unicodeScalars {
            guard (0x0621...0x064A).contains(scalar.value), letters < 10 else { return nil }
            key = key << 6 | UInt64(scalar.value - 0x0620)
            letters += 1
        }
        return letters == 0 ? nil : key | (startsWithHamza ? 1 << 63 : 0)
    }

    private func lookUp(_ key: UInt64) -> ArabicStemmer.Forms? {
        lock.withLock {
            if let found = newer[key] { return found }
            guard let found = older[key] else { return nil }
            insert(found, for: key)
            return found
        }
    }

    /// Call with the lock held.
    private func insert(_ forms: ArabicStemmer.Forms, for key: UInt64) {
        if newer.count >= capacity {
            older = newer
            newer = [:]
            newer.reserveCapacity(capacity)
        }
        newer[key] = forms
    }
}
