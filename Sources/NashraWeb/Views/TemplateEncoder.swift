import NashraCore

/// Turns an `Encodable` view model into what Mustache reads fastest: a struct becomes
/// `[String: Any]` of its fields, a list `[Any]`, and text, flags and numbers stay as they are.
///
/// The compiler writes each model's `encode(to:)`, so this walks the fields without reflection
/// (`Mirror` resolved every field's type by its mangled name on every render, 10 % of an article
/// page). A nil optional is left out, as `encodeIfPresent` does: Mustache then looks the name up
/// further out, as it does for a nil field read through `Mirror`. Sanitized markup, JSON-LD and the
/// strings table are kept whole: the theme prints the first two unescaped, and `t` is read by key.
final class TemplateEncoder: Encoder {
    private enum Shape {
        case unset, keyed, unkeyed, single
    }

    /// A container opened inside this one, filled in after it is handed out.
    fileprivate enum Slot {
        case key(String)
        case index(Int)
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private var shape = Shape.unset
    fileprivate var fields: [String: Any] = [:]
    fileprivate var items: [Any] = []
    fileprivate var single: Any?
    private var nested: [(Slot, TemplateEncoder)] = []

    /// The template value of `value`; nil for a value that encodes as nothing (a nil optional).
    static func value<T: Encodable>(of value: T) throws -> Any? {
        if T.self == String.self || T.self == SafeHTML.self || T.self == SafeJSON.self
            || T.self == [String: String].self
        {
            return value
        }
        let encoder = TemplateEncoder()
        try value.encode(to: encoder)
        return encoder.result
    }

    private var result: Any? {
        for (slot, encoder) in nested {
            switch slot {
            case .key(let key): fields[key] = encoder.result
            case .index(let index): if let value = encoder.result { items[index] = value }
            }
        }
        switch shape {
        case .unset, .keyed: return fields
        case .unkeyed: return items
        case .single: return single
        }
    }

    fileprivate func opened(_ slot: Slot) -> TemplateEncoder {
        let encoder = TemplateEncoder()
        nested.append((slot, encoder))
        return encoder
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        shape = .keyed
        return KeyedEncodingContainer(TemplateFieldsContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        shape = .unkeyed
        return TemplateItemsContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        shape = .single
        return TemplateSingleContainer(encoder: self)
    }
}

private struct TemplateFieldsContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TemplateEncoder
    var codingPath: [any CodingKey] { [] }

    func encodeNil(forKey key: Key) {}
    func encode(_ value: Bool, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: String, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: Int, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: Double, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: Float, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: Int8, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: Int16, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: Int32, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: Int64, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: UInt, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: UInt8, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: UInt16, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: UInt32, forKey key: Key) { encoder.fields[key.stringValue] = value }
    func encode(_ value: UInt64, forKey key: Key) { encoder.fields[key.stringValue] = value }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let converted = try TemplateEncoder.value(of: value) { encoder.fields[key.stringValue] = converted }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.opened(.key(key.stringValue)).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.opened(.key(key.stringValue)).unkeyedContainer()
    }

    func superEncoder() -> any Encoder { encoder.opened(.key("super")) }
    func superEncoder(forKey key: Key) -> any Encoder { encoder.opened(.key(key.stringValue)) }
}

private struct TemplateItemsContainer: UnkeyedEncodingContainer {
    let encoder: TemplateEncoder
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.items.count }

    // Mustache shows a list's items in order; a nil inside a list has nothing to show.
    func encodeNil() {}
    func encode(_ value: Bool) { encoder.items.append(value) }
    func encode(_ value: String) { encoder.items.append(value) }
    func encode(_ value: Int) { encoder.items.append(value) }
    func encode(_ value: Double) { encoder.items.append(value) }
    func encode(_ value: Float) { encoder.items.append(value) }
    func encode(_ value: Int8) { encoder.items.append(value) }
    func encode(_ value: Int16) { encoder.items.append(value) }
    func encode(_ value: Int32) { encoder.items.append(value) }
    func encode(_ value: Int64) { encoder.items.append(value) }
    func encode(_ value: UInt) { encoder.items.append(value) }
    func encode(_ value: UInt8) { encoder.items.append(value) }
    func encode(_ value: UInt16) { encoder.items.append(value) }
    func encode(_ value: UInt32) { encoder.items.append(value) }
    func encode(_ value: UInt64) { encoder.items.append(value) }

    func encode<T: Encodable>(_ value: T) throws {
        if let converted = try TemplateEncoder.value(of: value) { encoder.items.append(converted) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        placeholder().container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { placeholder().unkeyedContainer() }
    func superEncoder() -> any Encoder { placeholder() }

    /// A place in the list for a container filled in later.
    private func placeholder() -> TemplateEncoder {
        encoder.items.append([String: Any]())
        return encoder.opened(.index(encoder.items.count - 1))
    }
}

private struct TemplateSingleContainer: SingleValueEncodingContainer {
    let encoder: TemplateEncoder
    var codingPath: [any CodingKey] { [] }

    func encodeNil() { encoder.single = nil }
    func encode(_ value: Bool) { encoder.single = value }
    func encode(_ value: String) { encoder.single = value }
    func encode(_ value: Int) { encoder.single = value }
    func encode(_ value: Double) { encoder.single = value }
    func encode(_ value: Float) { encoder.single = value }
    func encode(_ value: Int8) { encoder.single = value }
    func encode(_ value: Int16) { encoder.single = value }
    func encode(_ value: Int32) { encoder.single = value }
    func encode(_ value: Int64) { encoder.single = value }
    func encode(_ value: UInt) { encoder.single = value }
    func encode(_ value: UInt8) { encoder.single = value }
    func encode(_ value: UInt16) { encoder.single = value }
    func encode(_ value: UInt32) { encoder.single = value }
    func encode(_ value: UInt64) { encoder.single = value }
    func encode<T: Encodable>(_ value: T) throws { encoder.single = try TemplateEncoder.value(of: value) }
}
