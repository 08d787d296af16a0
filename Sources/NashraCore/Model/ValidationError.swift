/// A rule broken by input, naming the field at fault.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        case required
        case tooLong(max: Int)
        case invalid
        case notFound
        case duplicate
        /// An address the site's own routes answer (a page named `search`).
        case reserved
        /// A text setting of several lines has a line that is not valid (numbered from 1).
        case invalidLine(Int)
    }

    public var field: String
    public var problem: Problem

    public init(field: String, problem: Problem) {
        self.field = field
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .required: "\(field): required"
        case .tooLong(let max): "\(field): longer than \(max) characters"
        case .invalid: "\(field): invalid"
        case .notFound: "\(field): not found"
        case .duplicate: "\(field): already taken"
        case .invalidLine(let line): "\(field): line \(line) is not valid"
        case .reserved: "\(field): used by the site itself"
        }
    }
}
