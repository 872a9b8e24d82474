import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thin wrapper around an iconv conversion descriptor, converting a legacy encoding to UTF-8
/// chunk by chunk. Used by `CSVReader` for GB18030 input.
final class IconvDecoder {
    enum Status {
        /// All input was converted.
        case complete
        /// The output buffer is full; convert the rest later.
        case outputFull
        /// The input ends in the middle of a multibyte sequence (needs the next chunk).
        case incomplete
        /// An invalid byte sequence starts at `consumed`.
        case invalid
    }

    private let descriptor: iconv_t

    /// `nil` if the C library does not know the conversion.
    init?(from source: String, to target: String = "UTF-8") {
        let cd = iconv_open(target, source)
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        descriptor = cd
    }

    deinit {
        iconv_close(descriptor)
    }

    /// Converts as much of `input[0..<inputCount]` as possible into `output[0..<outputCapacity]`.
    func convert(
        input: UnsafeMutablePointer<UInt8>, inputCount: Int,
        output: UnsafeMutablePointer<UInt8>, outputCapacity: Int
    ) -> (consumed: Int, produced: Int, status: Status) {
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(input).assumingMemoryBound(to: CChar.self)
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output).assumingMemoryBound(to: CChar.self)
        var inLeft = inputCount
        var outLeft = outputCapacity
        let result = iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft)
        let error = errno
        let consumed = inputCount - inLeft
        let produced = outputCapacity - outLeft
        if result != -1 {
            return (consumed, produced, .complete)
        }
        switch error {
        case E2BIG: return (consumed, produced, .outputFull)
        case EINVAL: return (consumed, produced, .incomplete)
        default: return (consumed, produced, .invalid)
        }
    }
}
