/// The key a lesson's progress is filed under: the same bytes give the same key on every run
/// and every machine (unlike `Hasher`, which is seeded per process).
public enum ContentHash {
    /// 64-bit FNV-1a of the bytes in hex, then the byte count: "d3b07384d113edec-1284".
    /// The count makes two files that collide on the hash alike in length too, which is rarer still.
    public static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + "-\(bytes.count)"
    }
}
