import Foundation
import NashraCore

/// Any bytes as one line of an import file: an article or a problem naming the line, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let line = Data(bytes: start, count: count)
    do {
        let article = try ImportLine.parse(line, number: 1, dates: ImportDates())
        precondition(!article.title.isEmpty, "an article without a title was accepted")
    } catch {
        precondition(error.line == 1, "the problem names another line")
    }
    return 0
}
