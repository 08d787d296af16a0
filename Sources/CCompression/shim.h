#ifndef NASHRA_CCOMPRESSION_SHIM_H
#define NASHRA_CCOMPRESSION_SHIM_H
#include <zlib.h>
#include <brotli/encode.h>
#include <brotli/decode.h>  // for the tests that check what the encoder wrote
#include <string.h>

/// Compresses `input` into `output` as a gzip member (RFC 1952) at the given level.
/// Returns the compressed size, or 0 when `output` is too small or zlib fails.
static inline size_t nashra_gzip(const unsigned char *input, size_t inputSize,
                                 unsigned char *output, size_t outputCapacity, int level) {
    z_stream stream;
    memset(&stream, 0, sizeof(stream));
    // windowBits 15 + 16 selects the gzip wrapper; deflateInit2 is a macro Swift cannot call.
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return 0;
    }
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)inputSize;
    stream.next_out = output;
    stream.avail_out = (uInt)outputCapacity;
    int status = deflate(&stream, Z_FINISH);
    size_t written = stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? written : 0;
}

/// Upper bound of `nashra_gzip`'s output for an input of `inputSize` bytes.
static inline size_t nashra_gzip_bound(size_t inputSize) {
    return compressBound((uLong)inputSize) + 32;
}
#endif
