//
// The hand-written half of the nanoFramework interop for CardFirmware.Crypto.Native
// (crypto/Native/Interop/InteropNativeModule.cs): one function per InternalCall extern, with the
// signature the metadata processor declares in the generated header of the same name. Each checks
// the array sizes again (the managed NativeArithmeticBackend checked them first; a native module
// never trusts a length it did not see) and calls the cfnative function.
// The generated files (the .h, the assembly lookup table CardFirmware_Crypto_Native.cpp and the
// *_mshl.cpp marshalling) come from building the .nfproj with NFMDP_GENERATE_STUBS; see ../README.md.
//

#include "CardFirmware_Crypto_Native.h"
#include "CardFirmware_Crypto_Native_CardFirmware_Crypto_Native_InteropNativeModule.h"

extern "C"
{
#include "cfnative.h"
#include "cffinger.h"
}

using namespace CardFirmware_Crypto_Native::CardFirmware_Crypto_Native;

namespace
{
// CF_ERR_ARGUMENT when [offset, offset + count) is not inside the array.
bool InRange(CLR_RT_TypedArray_UINT8 &a, signed int offset, signed int count)
{
    return offset >= 0 && count >= 0 && (CLR_UINT32)offset <= a.GetSize() &&
           (CLR_UINT32)count <= a.GetSize() - (CLR_UINT32)offset;
}

bool Exactly(CLR_RT_TypedArray_UINT8 &a, CLR_UINT32 bytes)
{
    return a.GetSize() == bytes;
}

bool Floats(CLR_RT_TypedArray_float &a, CLR_UINT32 count)
{
    return a.GetSize() == count;
}

// The frame a fingerprint kernel works on: a zero-length array names the module's resident frame
// (cffinger.h, finger_frame.c), a 36,864-byte array is itself; any other length is refused (NULL).
uint8_t *Frame(CLR_RT_TypedArray_UINT8 &a)
{
    if (a.GetSize() == 0)
    {
        return cf_finger_frame();
    }
    return a.GetSize() == CF_FINGER_FRAME ? a.GetBuffer() : NULL;
}

// Codes (3 bytes each) the array holds, the resident frame's for a zero-length array.
CLR_UINT32 CodeCapacity(CLR_RT_TypedArray_UINT8 &a)
{
    return (a.GetSize() == 0 ? (CLR_UINT32)CF_FINGER_FRAME : a.GetSize()) / 3;
}

uint8_t *Codes(CLR_RT_TypedArray_UINT8 &a)
{
    return a.GetSize() == 0 ? cf_finger_frame() : a.GetBuffer();
}

bool IsPoint(CLR_RT_TypedArray_UINT8 &a)
{
    return a.GetSize() == 33 || a.GetSize() == 65;
}

// Seal writes count + 16 bytes; open reads count (at least 16) and writes count - 16. A shifted overlap
// of input and output inside one array is refused (the cipher streams byte by byte; in place is fine).
bool AeadRanges(CLR_RT_TypedArray_UINT8 &input, signed int inputOffset, signed int inputCount,
                CLR_RT_TypedArray_UINT8 &output, signed int outputOffset, signed int outputCount)
{
    if (!InRange(input, inputOffset, inputCount) || !InRange(output, outputOffset, outputCount))
    {
        return false;
    }
    const CLR_UINT8 *in = input.GetBuffer() + inputOffset;
    const CLR_UINT8 *out = output.GetBuffer() + outputOffset;
    return in == out || in + inputCount <= out || out + outputCount <= in;
}
} // namespace

signed int InteropNativeModule::NativeSelfTest(HRESULT &hr)
{
    (void)hr;
    return cf_selftest();
}

signed int InteropNativeModule::NativeSha256(
    CLR_RT_TypedArray_UINT8 data, signed int offset, signed int count, CLR_RT_TypedArray_UINT8 output,
    signed int outputOffset, HRESULT &hr)
{
    (void)hr;
    if (!InRange(data, offset, count) || !InRange(output, outputOffset, 32))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_sha256(data.GetBuffer() + offset, (size_t)count, output.GetBuffer() + outputOffset);
}

signed int InteropNativeModule::NativeSha256Many(
    CLR_RT_TypedArray_UINT8 messages, signed int messageLength, signed int count, CLR_RT_TypedArray_UINT8 output,
    HRESULT &hr)
{
    (void)hr;
    if (messageLength < 0 || count < 0 || !Exactly(messages, (CLR_UINT32)messageLength * (CLR_UINT32)count) ||
        !Exactly(output, 32u * (CLR_UINT32)count))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_sha256_many(messages.GetBuffer(), (size_t)messageLength, (size_t)count, output.GetBuffer());
}

signed int InteropNativeModule::NativeSha256Expand(
    CLR_RT_TypedArray_UINT8 prefix, signed int prefixLength, CLR_RT_TypedArray_UINT8 output, signed int outputOffset,
    signed int length, HRESULT &hr)
{
    (void)hr;
    if (!InRange(prefix, 0, prefixLength) || !InRange(output, outputOffset, length))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_sha256_expand(prefix.GetBuffer(), (size_t)prefixLength, output.GetBuffer() + outputOffset, (size_t)length);
}

signed int InteropNativeModule::NativeHmacSha256(
    CLR_RT_TypedArray_UINT8 key, CLR_RT_TypedArray_UINT8 data, signed int offset, signed int count,
    CLR_RT_TypedArray_UINT8 output, signed int outputOffset, HRESULT &hr)
{
    (void)hr;
    if (!InRange(data, offset, count) || !InRange(output, outputOffset, 32))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_hmac_sha256(
        key.GetBuffer(), key.GetSize(), data.GetBuffer() + offset, (size_t)count, output.GetBuffer() + outputOffset);
}

signed int InteropNativeModule::NativeChaCha20Poly1305Seal(
    CLR_RT_TypedArray_UINT8 key, CLR_RT_TypedArray_UINT8 nonce, CLR_RT_TypedArray_UINT8 aad,
    CLR_RT_TypedArray_UINT8 input, signed int inputOffset, signed int count, CLR_RT_TypedArray_UINT8 output,
    signed int outputOffset, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(key, 32) || !Exactly(nonce, 12) || count < 0 || count > 0x7fffffef ||
        !AeadRanges(input, inputOffset, count, output, outputOffset, count + 16))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_chacha20poly1305_seal(key.GetBuffer(), nonce.GetBuffer(), aad.GetBuffer(), aad.GetSize(),
                                    input.GetBuffer() + inputOffset, (size_t)count, output.GetBuffer() + outputOffset);
}

signed int InteropNativeModule::NativeChaCha20Poly1305Open(
    CLR_RT_TypedArray_UINT8 key, CLR_RT_TypedArray_UINT8 nonce, CLR_RT_TypedArray_UINT8 aad,
    CLR_RT_TypedArray_UINT8 input, signed int inputOffset, signed int count, CLR_RT_TypedArray_UINT8 output,
    signed int outputOffset, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(key, 32) || !Exactly(nonce, 12) || count < 16 ||
        !AeadRanges(input, inputOffset, count, output, outputOffset, count - 16))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_chacha20poly1305_open(key.GetBuffer(), nonce.GetBuffer(), aad.GetBuffer(), aad.GetSize(),
                                    input.GetBuffer() + inputOffset, (size_t)count, output.GetBuffer() + outputOffset);
}

signed int InteropNativeModule::NativeScalarReduce(CLR_RT_TypedArray_UINT8 x, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    int reduced = 0;
    (void)hr;
    if (!Exactly(x, 32) || !Exactly(result, 32))
    {
        return CF_ERR_ARGUMENT;
    }
    cf_scalar_reduce(x.GetBuffer(), result.GetBuffer(), &reduced);
    return reduced;
}

signed int InteropNativeModule::NativeScalarNegate(CLR_RT_TypedArray_UINT8 a, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(a, 32) || !Exactly(result, 32))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_scalar_negate(a.GetBuffer(), result.GetBuffer());
}

signed int InteropNativeModule::NativeScalarInvert(CLR_RT_TypedArray_UINT8 a, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(a, 32) || !Exactly(result, 32))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_scalar_invert(a.GetBuffer(), result.GetBuffer());
}

signed int InteropNativeModule::NativeModNVector(
    signed int operation, CLR_RT_TypedArray_UINT8 a, CLR_RT_TypedArray_UINT8 b, signed int count,
    CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    CLR_UINT32 bytes = 32u * (CLR_UINT32)count;
    if (count < 0 || !Exactly(a, bytes) || !Exactly(b, bytes) || !Exactly(result, bytes))
    {
        return CF_ERR_ARGUMENT;
    }
    switch (operation)
    {
        case 0:
            return cf_modn_add_vec(a.GetBuffer(), b.GetBuffer(), (size_t)count, result.GetBuffer());
        case 1:
            return cf_modn_sub_vec(a.GetBuffer(), b.GetBuffer(), (size_t)count, result.GetBuffer());
        case 2:
            return cf_modn_mul_vec(a.GetBuffer(), b.GetBuffer(), (size_t)count, result.GetBuffer());
        default:
            return CF_ERR_ARGUMENT;
    }
}

signed int InteropNativeModule::NativeModNScale(
    CLR_RT_TypedArray_UINT8 s, CLR_RT_TypedArray_UINT8 a, signed int count, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    CLR_UINT32 bytes = 32u * (CLR_UINT32)count;
    if (count < 0 || !Exactly(s, 32) || !Exactly(a, bytes) || !Exactly(result, bytes))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_modn_scale_vec(s.GetBuffer(), a.GetBuffer(), (size_t)count, result.GetBuffer());
}

signed int InteropNativeModule::NativeModNInnerProduct(
    CLR_RT_TypedArray_UINT8 g, CLR_RT_TypedArray_UINT8 a, signed int count, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    CLR_UINT32 bytes = 32u * (CLR_UINT32)count;
    if (count < 0 || !Exactly(g, bytes) || !Exactly(a, bytes) || !Exactly(result, 32))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_modn_inner_product(g.GetBuffer(), a.GetBuffer(), (size_t)count, result.GetBuffer());
}

signed int InteropNativeModule::NativeGf192MulAccumulate(
    CLR_RT_TypedArray_UINT8 rows, CLR_RT_TypedArray_UINT8 challenges, signed int count, CLR_RT_TypedArray_UINT8 result,
    HRESULT &hr)
{
    (void)hr;
    CLR_UINT32 bytes = 24u * (CLR_UINT32)count;
    if (count < 0 || !Exactly(rows, bytes) || !Exactly(challenges, bytes) || !Exactly(result, 24))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_gf192_mul_acc(rows.GetBuffer(), challenges.GetBuffer(), (size_t)count, result.GetBuffer());
}

signed int InteropNativeModule::NativeTranspose(
    CLR_RT_TypedArray_UINT8 columns, signed int width, signed int columnBytes, CLR_RT_TypedArray_UINT8 rows, HRESULT &hr)
{
    (void)hr;
    if (width < 0 || columnBytes < 0 || !Exactly(columns, (CLR_UINT32)width * (CLR_UINT32)columnBytes) ||
        !Exactly(rows, (CLR_UINT32)width * (CLR_UINT32)columnBytes))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_transpose(columns.GetBuffer(), (size_t)width, (size_t)columnBytes, rows.GetBuffer());
}

signed int InteropNativeModule::NativePointBaseMul(CLR_RT_TypedArray_UINT8 k, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(k, 32) || !Exactly(result, 33))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_point_base_mul(k.GetBuffer(), result.GetBuffer());
}

signed int InteropNativeModule::NativePointMul(
    CLR_RT_TypedArray_UINT8 k, CLR_RT_TypedArray_UINT8 point, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(k, 32) || !IsPoint(point) || !Exactly(result, 33))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_point_mul(k.GetBuffer(), point.GetBuffer(), point.GetSize(), result.GetBuffer());
}

signed int InteropNativeModule::NativePointAdd(
    CLR_RT_TypedArray_UINT8 p, CLR_RT_TypedArray_UINT8 q, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    if (!IsPoint(p) || !IsPoint(q) || !Exactly(result, 33))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_point_add(p.GetBuffer(), p.GetSize(), q.GetBuffer(), q.GetSize(), result.GetBuffer());
}

signed int InteropNativeModule::NativePointMultiMulVartime(
    CLR_RT_TypedArray_UINT8 a, CLR_RT_TypedArray_UINT8 b, CLR_RT_TypedArray_UINT8 point, CLR_RT_TypedArray_UINT8 result,
    HRESULT &hr)
{
    (void)hr;
    if (!Exactly(a, 32) || !Exactly(b, 32) || !IsPoint(point) || !Exactly(result, 33))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_point_multi_mul_var(a.GetBuffer(), b.GetBuffer(), point.GetBuffer(), point.GetSize(), result.GetBuffer());
}

signed int InteropNativeModule::NativePointReencode(
    CLR_RT_TypedArray_UINT8 point, bool compressed, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    if (!IsPoint(point) || !Exactly(result, compressed ? 33u : 65u))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_point_reencode(point.GetBuffer(), point.GetSize(), compressed ? 1 : 0, result.GetBuffer());
}

signed int InteropNativeModule::NativePointLiftX(CLR_RT_TypedArray_UINT8 x, CLR_RT_TypedArray_UINT8 result, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(x, 32) || !Exactly(result, 33))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_point_lift_x(x.GetBuffer(), result.GetBuffer());
}

signed int InteropNativeModule::NativeRvoleBobStart(
    CLR_RT_TypedArray_UINT8 seeds0, CLR_RT_TypedArray_UINT8 seeds1, CLR_RT_TypedArray_UINT8 context,
    CLR_RT_TypedArray_UINT8 choices, CLR_RT_TypedArray_UINT8 work, CLR_RT_TypedArray_UINT8 message,
    signed int messageOffset, CLR_RT_TypedArray_UINT8 bobInput, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(seeds0, 192u * 16u) || !Exactly(seeds1, 192u * 16u) || !Exactly(context, CF_MUL_CONTEXT_BYTES) ||
        !Exactly(choices, 76) || !Exactly(work, CF_MUL_WORK_BYTES) ||
        !InRange(message, messageOffset, CF_KOS_MESSAGE_BYTES) || !Exactly(bobInput, 32))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_rvole_bob_start(
        seeds0.GetBuffer(), seeds1.GetBuffer(), context.GetBuffer(), choices.GetBuffer(), work.GetBuffer(),
        message.GetBuffer() + messageOffset, bobInput.GetBuffer());
}

signed int InteropNativeModule::NativeRvoleAlice(
    CLR_RT_TypedArray_UINT8 delta, CLR_RT_TypedArray_UINT8 seeds, CLR_RT_TypedArray_UINT8 context,
    CLR_RT_TypedArray_UINT8 bobMessage, signed int bobOffset, CLR_RT_TypedArray_UINT8 inputs,
    CLR_RT_TypedArray_UINT8 work, CLR_RT_TypedArray_UINT8 message, signed int messageOffset,
    CLR_RT_TypedArray_UINT8 shares, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(delta, 24) || !Exactly(seeds, 192u * 16u) || !Exactly(context, CF_MUL_CONTEXT_BYTES) ||
        !InRange(bobMessage, bobOffset, CF_KOS_MESSAGE_BYTES) || !Exactly(inputs, 96) ||
        !Exactly(work, CF_MUL_WORK_BYTES) || !InRange(message, messageOffset, CF_RVOLE_ALICE_MESSAGE_BYTES) ||
        !Exactly(shares, 64))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_rvole_alice(
        delta.GetBuffer(), seeds.GetBuffer(), context.GetBuffer(), bobMessage.GetBuffer() + bobOffset,
        inputs.GetBuffer(), work.GetBuffer(), message.GetBuffer() + messageOffset, shares.GetBuffer());
}

signed int InteropNativeModule::NativeRvoleAliceBegin(
    CLR_RT_TypedArray_UINT8 delta, CLR_RT_TypedArray_UINT8 seeds, CLR_RT_TypedArray_UINT8 context,
    CLR_RT_TypedArray_UINT8 bobMessage, signed int bobOffset, CLR_RT_TypedArray_UINT8 work,
    CLR_RT_TypedArray_UINT8 state, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(delta, 24) || !Exactly(seeds, 192u * 16u) || !Exactly(context, CF_MUL_CONTEXT_BYTES) ||
        !InRange(bobMessage, bobOffset, CF_KOS_MESSAGE_BYTES) || !Exactly(work, CF_MUL_WORK_BYTES) ||
        !Exactly(state, CF_MUL_STREAM_BYTES))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_rvole_alice_begin(
        delta.GetBuffer(), seeds.GetBuffer(), context.GetBuffer(), bobMessage.GetBuffer() + bobOffset,
        work.GetBuffer(), state.GetBuffer());
}

signed int InteropNativeModule::NativeRvoleAliceRows(
    CLR_RT_TypedArray_UINT8 delta, CLR_RT_TypedArray_UINT8 context, CLR_RT_TypedArray_UINT8 inputs,
    CLR_RT_TypedArray_UINT8 work, CLR_RT_TypedArray_UINT8 state, signed int rowCount,
    CLR_RT_TypedArray_UINT8 message, signed int messageOffset, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(delta, 24) || !Exactly(context, CF_MUL_CONTEXT_BYTES) || !Exactly(inputs, 96) ||
        !Exactly(work, CF_MUL_WORK_BYTES) || !Exactly(state, CF_MUL_STREAM_BYTES) || rowCount <= 0 ||
        rowCount > 416 || !InRange(message, messageOffset, rowCount * 96))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_rvole_alice_rows(
        delta.GetBuffer(), context.GetBuffer(), inputs.GetBuffer(), work.GetBuffer(), state.GetBuffer(),
        (size_t)rowCount, message.GetBuffer() + messageOffset);
}

signed int InteropNativeModule::NativeRvoleAliceEnd(
    CLR_RT_TypedArray_UINT8 context, CLR_RT_TypedArray_UINT8 inputs, CLR_RT_TypedArray_UINT8 work,
    CLR_RT_TypedArray_UINT8 state, CLR_RT_TypedArray_UINT8 output, signed int outputOffset,
    CLR_RT_TypedArray_UINT8 shares, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(context, CF_MUL_CONTEXT_BYTES) || !Exactly(inputs, 96) || !Exactly(work, CF_MUL_WORK_BYTES) ||
        !Exactly(state, CF_MUL_STREAM_BYTES) || !InRange(output, outputOffset, 64) || !Exactly(shares, 64))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_rvole_alice_end(
        context.GetBuffer(), inputs.GetBuffer(), work.GetBuffer(), state.GetBuffer(),
        output.GetBuffer() + outputOffset, shares.GetBuffer());
}

signed int InteropNativeModule::NativeRvoleBobFinish(
    CLR_RT_TypedArray_UINT8 seeds0, CLR_RT_TypedArray_UINT8 choices, CLR_RT_TypedArray_UINT8 context,
    CLR_RT_TypedArray_UINT8 aliceMessage, signed int messageOffset, CLR_RT_TypedArray_UINT8 work,
    CLR_RT_TypedArray_UINT8 shares, HRESULT &hr)
{
    (void)hr;
    if (!Exactly(seeds0, 192u * 16u) || !Exactly(choices, 76) || !Exactly(context, CF_MUL_CONTEXT_BYTES) ||
        !InRange(aliceMessage, messageOffset, CF_RVOLE_ALICE_MESSAGE_BYTES) || !Exactly(work, CF_MUL_WORK_BYTES) ||
        !Exactly(shares, 64))
    {
        return CF_ERR_ARGUMENT;
    }
    return cf_rvole_bob_finish(
        seeds0.GetBuffer(), choices.GetBuffer(), context.GetBuffer(), aliceMessage.GetBuffer() + messageOffset,
        work.GetBuffer(), shares.GetBuffer());
}

// The fingerprint kernels (cffinger.h): fixed sizes, a frame of 36,864 bytes and 576 blocks.

signed int InteropNativeModule::NativeFingerStretch(CLR_RT_TypedArray_UINT8 frame, HRESULT &hr)
{
    (void)hr;
    uint8_t *f = Frame(frame);
    if (f == NULL)
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_stretch(f);
}

signed int InteropNativeModule::NativeFingerBlocks(
    CLR_RT_TypedArray_UINT8 frame, CLR_RT_TypedArray_UINT8 foreground, CLR_RT_TypedArray_float cos2,
    CLR_RT_TypedArray_float sin2, CLR_RT_TypedArray_float coherence, CLR_RT_TypedArray_UINT8 kernelIndex, HRESULT &hr)
{
    (void)hr;
    uint8_t *f = Frame(frame);
    if (f == NULL || !Exactly(foreground, CF_FINGER_BLOCK_COUNT) ||
        !Floats(cos2, CF_FINGER_BLOCK_COUNT) || !Floats(sin2, CF_FINGER_BLOCK_COUNT) ||
        !Floats(coherence, CF_FINGER_BLOCK_COUNT) || !Exactly(kernelIndex, CF_FINGER_BLOCK_COUNT))
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_blocks(f, foreground.GetBuffer(), cos2.GetBuffer(), sin2.GetBuffer(),
                            coherence.GetBuffer(), kernelIndex.GetBuffer());
}

signed int InteropNativeModule::NativeFingerGateSums(
    CLR_RT_TypedArray_UINT8 frame, CLR_RT_TypedArray_UINT8 foreground, CLR_RT_TypedArray_float coherence,
    CLR_RT_TypedArray_float sums, HRESULT &hr)
{
    (void)hr;
    uint8_t *f = Frame(frame);
    if (f == NULL || !Exactly(foreground, CF_FINGER_BLOCK_COUNT) ||
        !Floats(coherence, CF_FINGER_BLOCK_COUNT) || !Floats(sums, 2))
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_gate_sums(f, foreground.GetBuffer(), coherence.GetBuffer(), sums.GetBuffer());
}

signed int InteropNativeModule::NativeFingerNormalise(
    CLR_RT_TypedArray_UINT8 frame, CLR_RT_TypedArray_UINT8 foreground, HRESULT &hr)
{
    (void)hr;
    uint8_t *f = Frame(frame);
    if (f == NULL || !Exactly(foreground, CF_FINGER_BLOCK_COUNT))
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_normalise(f, foreground.GetBuffer());
}

signed int InteropNativeModule::NativeFingerPeriod(
    CLR_RT_TypedArray_UINT8 frame, CLR_RT_TypedArray_UINT8 foreground, CLR_RT_TypedArray_float cos2,
    CLR_RT_TypedArray_float sin2, CLR_RT_TypedArray_float coherence, CLR_RT_TypedArray_float period, HRESULT &hr)
{
    (void)hr;
    uint8_t *f = Frame(frame);
    if (f == NULL || !Exactly(foreground, CF_FINGER_BLOCK_COUNT) ||
        !Floats(cos2, CF_FINGER_BLOCK_COUNT) || !Floats(sin2, CF_FINGER_BLOCK_COUNT) ||
        !Floats(coherence, CF_FINGER_BLOCK_COUNT) || !Floats(period, 1))
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_period(f, foreground.GetBuffer(), cos2.GetBuffer(), sin2.GetBuffer(),
                            coherence.GetBuffer(), period.GetBuffer());
}

signed int InteropNativeModule::NativeFingerGabor(float period, float sigma, CLR_RT_TypedArray_float kernels, HRESULT &hr)
{
    (void)hr;
    if (!Floats(kernels, CF_FINGER_KERNELS) || !(period > 0.0f) || !(sigma > 0.0f))
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_gabor(period, sigma, kernels.GetBuffer());
}

signed int InteropNativeModule::NativeFingerFilter(
    CLR_RT_TypedArray_UINT8 frame, CLR_RT_TypedArray_UINT8 foreground, CLR_RT_TypedArray_UINT8 kernelIndex,
    CLR_RT_TypedArray_float kernels, HRESULT &hr)
{
    (void)hr;
    uint8_t *f = Frame(frame);
    if (f == NULL || !Exactly(foreground, CF_FINGER_BLOCK_COUNT) ||
        !Exactly(kernelIndex, CF_FINGER_BLOCK_COUNT) || !Floats(kernels, CF_FINGER_KERNELS))
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_filter(f, foreground.GetBuffer(), kernelIndex.GetBuffer(), kernels.GetBuffer());
}

signed int InteropNativeModule::NativeFingerThin(CLR_RT_TypedArray_UINT8 frame, HRESULT &hr)
{
    (void)hr;
    uint8_t *f = Frame(frame);
    if (f == NULL)
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_thin(f);
}

// The stages after the skeleton (cffinger.h): every array's length is checked against the counts
// the call names before the module reads it.

signed int InteropNativeModule::NativeFingerMinutiae(
    CLR_RT_TypedArray_UINT8 skeleton, CLR_RT_TypedArray_UINT8 foreground, CLR_RT_TypedArray_float cos2,
    CLR_RT_TypedArray_float sin2, CLR_RT_TypedArray_float coherence, CLR_RT_TypedArray_INT32 parameters,
    CLR_RT_TypedArray_UINT8 x, CLR_RT_TypedArray_UINT8 y, CLR_RT_TypedArray_UINT8 type, CLR_RT_TypedArray_float angle,
    CLR_RT_TypedArray_float reliability, HRESULT &hr)
{
    (void)hr;
    uint8_t *f = Frame(skeleton);
    CLR_UINT32 capacity = x.GetSize();
    if (f == NULL || !Exactly(foreground, CF_FINGER_BLOCK_COUNT) ||
        !Floats(cos2, CF_FINGER_BLOCK_COUNT) || !Floats(sin2, CF_FINGER_BLOCK_COUNT) ||
        !Floats(coherence, CF_FINGER_BLOCK_COUNT) || parameters.GetSize() != CF_MINUTIA_PARAMS || y.GetSize() != capacity ||
        type.GetSize() != capacity || angle.GetSize() != capacity || reliability.GetSize() != capacity || capacity > 255)
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_minutiae(f, foreground.GetBuffer(), cos2.GetBuffer(), sin2.GetBuffer(),
                              coherence.GetBuffer(), parameters.GetBuffer(), x.GetBuffer(), y.GetBuffer(), type.GetBuffer(),
                              angle.GetBuffer(), reliability.GetBuffer(), (int32_t)capacity);
}

signed int InteropNativeModule::NativeFingerCodes(
    CLR_RT_TypedArray_UINT8 x, CLR_RT_TypedArray_UINT8 y, CLR_RT_TypedArray_UINT8 type, CLR_RT_TypedArray_float angle,
    CLR_RT_TypedArray_float reliability, CLR_RT_TypedArray_INT32 count, signed int tolerant,
    CLR_RT_TypedArray_INT32 parameters, CLR_RT_TypedArray_float tolerances, CLR_RT_TypedArray_UINT8 codes,
    signed int capacity, HRESULT &hr)
{
    (void)hr;
    if (count.GetSize() != 1 || parameters.GetSize() != CF_CODE_PARAMS || tolerances.GetSize() != CF_CODE_TOLERANCES ||
        capacity < 0 || (CLR_UINT32)capacity > CodeCapacity(codes))
    {
        return -CF_ERR_ARGUMENT;
    }
    signed int n = count.GetBuffer()[0];
    if (n < 0 || (CLR_UINT32)n > x.GetSize() || (CLR_UINT32)n > y.GetSize() || (CLR_UINT32)n > type.GetSize() ||
        (CLR_UINT32)n > angle.GetSize() || (CLR_UINT32)n > reliability.GetSize())
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_codes(x.GetBuffer(), y.GetBuffer(), type.GetBuffer(), angle.GetBuffer(), reliability.GetBuffer(),
                           count.GetBuffer(), tolerant, parameters.GetBuffer(), tolerances.GetBuffer(), Codes(codes),
                           capacity);
}

signed int InteropNativeModule::NativeFingerMatch(
    CLR_RT_TypedArray_UINT8 codes, signed int codeCount, CLR_RT_TypedArray_UINT8 points, signed int pointCount,
    signed int first, CLR_RT_TypedArray_UINT16 unlocked, signed int unlockedCount, HRESULT &hr)
{
    (void)hr;
    if (codeCount < 0 || (CLR_UINT32)codeCount > CodeCapacity(codes) || pointCount < 0 ||
        (CLR_UINT32)pointCount > points.GetSize() / 7)
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_match(Codes(codes), codeCount, points.GetBuffer(), pointCount, first, unlocked.GetBuffer(),
                           unlockedCount, (int32_t)unlocked.GetSize());
}

signed int InteropNativeModule::NativeFingerCheckPoints(
    CLR_RT_TypedArray_UINT8 points, signed int pointCount, CLR_RT_TypedArray_INT32 lastX, HRESULT &hr)
{
    (void)hr;
    if (pointCount < 0 || (CLR_UINT32)pointCount > points.GetSize() / 7 || lastX.GetSize() != 1)
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_check_points(points.GetBuffer(), pointCount, lastX.GetBuffer());
}

signed int InteropNativeModule::NativeFingerPercentiles(
    CLR_RT_TypedArray_UINT8 frame, signed int count, CLR_RT_TypedArray_INT32 ranks, CLR_RT_TypedArray_INT32 levels,
    HRESULT &hr)
{
    (void)hr;
    CLR_UINT32 size = frame.GetSize() == 0 ? (CLR_UINT32)CF_FINGER_FRAME : frame.GetSize();
    if (count < 0 || (CLR_UINT32)count > size || ranks.GetSize() > CF_PERCENTILE_RANKS ||
        levels.GetSize() != ranks.GetSize())
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_percentiles(frame.GetSize() == 0 ? cf_finger_frame() : frame.GetBuffer(), count, ranks.GetBuffer(), (int32_t)ranks.GetSize(), levels.GetBuffer());
}

signed int InteropNativeModule::NativeFingerChaff(
    CLR_RT_TypedArray_UINT8 random, signed int side, CLR_RT_TypedArray_INT32 parameters, CLR_RT_TypedArray_float tolerances,
    CLR_RT_TypedArray_UINT32 xs, CLR_RT_TypedArray_UINT32 ys, signed int count, signed int size,
    CLR_RT_TypedArray_INT32 tries, signed int maxTries, HRESULT &hr)
{
    (void)hr;
    if (parameters.GetSize() != CF_CODE_PARAMS || tolerances.GetSize() != CF_CODE_TOLERANCES || tries.GetSize() != 1 ||
        size < 0 || (CLR_UINT32)size > xs.GetSize() || (CLR_UINT32)size > ys.GetSize())
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_chaff(random.GetBuffer(), (int32_t)random.GetSize(), side, parameters.GetBuffer(),
                           tolerances.GetBuffer(), xs.GetBuffer(), ys.GetBuffer(), count, size, tries.GetBuffer(), maxTries);
}

signed int InteropNativeModule::NativeFingerRsDecode(
    CLR_RT_TypedArray_UINT32 xs, CLR_RT_TypedArray_UINT32 ys, signed int count, signed int k, CLR_RT_TypedArray_UINT32 work,
    CLR_RT_TypedArray_UINT32 coefficients, HRESULT &hr)
{
    (void)hr;
    if (count < 1 || count > 255 || k < 1 || k > count || (CLR_UINT32)count > xs.GetSize() || (CLR_UINT32)count > ys.GetSize() ||
        (CLR_UINT32)(9 * count + 5) > work.GetSize() || (CLR_UINT32)k > coefficients.GetSize())
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_rs_decode(xs.GetBuffer(), ys.GetBuffer(), count, k, work.GetBuffer(), (int32_t)work.GetSize(),
                               coefficients.GetBuffer());
}

signed int InteropNativeModule::NativeFingerSortPoints(
    CLR_RT_TypedArray_UINT32 xs, CLR_RT_TypedArray_UINT32 ys, signed int count, HRESULT &hr)
{
    (void)hr;
    if (count < 0 || (CLR_UINT32)count > xs.GetSize() || (CLR_UINT32)count > ys.GetSize())
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_sort_points(xs.GetBuffer(), ys.GetBuffer(), count);
}

signed int InteropNativeModule::NativeFingerVaultEvaluate(
    CLR_RT_TypedArray_UINT32 coefficients, signed int k, CLR_RT_TypedArray_UINT32 xs, CLR_RT_TypedArray_UINT32 ys,
    signed int count, HRESULT &hr)
{
    (void)hr;
    if (k < 1 || (CLR_UINT32)k > coefficients.GetSize() || count < 0 || (CLR_UINT32)count > xs.GetSize() ||
        (CLR_UINT32)count > ys.GetSize())
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_vault_evaluate(coefficients.GetBuffer(), k, xs.GetBuffer(), ys.GetBuffer(), count);
}

// The resident frame (cffinger.h): the driver's row batches in, the wipe after every touch, and the
// check the tests make that nothing of a touch is left in it.

signed int InteropNativeModule::NativeFingerFrameWrite(
    CLR_RT_TypedArray_UINT8 rows, signed int firstRow, signed int rowCount, HRESULT &hr)
{
    (void)hr;
    if (rowCount < 1 || rowCount > CF_FINGER_SIDE || !Exactly(rows, (CLR_UINT32)rowCount * CF_FINGER_SIDE))
    {
        return -CF_ERR_ARGUMENT;
    }
    return cf_finger_frame_write(rows.GetBuffer(), firstRow, rowCount);
}

signed int InteropNativeModule::NativeFingerFrameClear(HRESULT &hr)
{
    (void)hr;
    return cf_finger_frame_clear();
}

signed int InteropNativeModule::NativeFingerFrameIsClear(HRESULT &hr)
{
    (void)hr;
    return cf_finger_frame_is_clear();
}
