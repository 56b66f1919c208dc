using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The ChaCha20-Poly1305 entry points: 10,000 random messages sealed and opened on both backends,
/// byte for byte, and forged messages refused by both.
/// </summary>
public sealed class AeadDifferentialTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;

    [SkippableFact]
    public void Seal_RandomKeysNoncesAadAndMessages_AgreeWithManaged()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1421);
        for (var i = 0; i < Inputs; i++)
        {
            var key = r.Bytes(32);
            var nonce = r.Bytes(12);
            var aad = i % 7 == 0 ? null : r.Bytes(r.Next(70));
            var message = r.Bytes(i % 100 == 0 ? 1200 + r.Next(800) : r.Next(200));
            var offset = r.Next(5);
            var inPlace = i % 3 == 0;
            d.Check($"case {i}", b =>
            {
                var buffer = new byte[offset + message.Length + 16 + 3];
                Array.Copy(message, 0, buffer, offset, message.Length);
                if (inPlace)
                {
                    b.ChaCha20Poly1305Seal(key, nonce, aad, buffer, offset, message.Length, buffer, offset);
                    return buffer;
                }

                var o = new byte[message.Length + 16 + 2];
                b.ChaCha20Poly1305Seal(key, nonce, aad, buffer, offset, message.Length, o, 2);
                return o;
            });
        }

        d.AssertAgreed(Inputs, output, "ChaCha20Poly1305Seal");
    }

    [SkippableFact]
    public void Open_RandomSealedAndTamperedMessages_AgreeWithManaged()
    {
        var native = Backends.RequireNative();
        var d = new Differential(native);
        var r = new RandomInputs(1422);
        int opened = 0, refused = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var key = r.Bytes(32);
            var nonce = r.Bytes(12);
            var aad = r.Bytes(r.Next(40));
            var message = r.Bytes(r.Next(150));
            var sealedMessage = new byte[message.Length + 16];
            Backends.Managed.ChaCha20Poly1305Seal(key, nonce, aad, message, 0, message.Length, sealedMessage, 0);

            // Half the cases are forgeries: a flipped bit in the ciphertext, the tag or the aad.
            var tamper = r.Next(6);
            if (tamper == 0 || tamper == 1) sealedMessage[r.Next(sealedMessage.Length)] ^= (byte)(1 << r.Next(8));
            if (tamper == 2 && aad.Length > 0) aad[r.Next(aad.Length)] ^= 0x01;
            var expectOpen = Backends.Managed.ChaCha20Poly1305Open(key, nonce, aad, sealedMessage, 0, sealedMessage.Length, new byte[message.Length], 0);
            if (expectOpen) opened++; else refused++;

            d.Check($"case {i}", b =>
            {
                var o = Enumerable.Repeat((byte)0xA5, message.Length).ToArray();
                var ok = b.ChaCha20Poly1305Open(key, nonce, aad, sealedMessage, 0, sealedMessage.Length, o, 0);
                return [ok ? (byte)1 : (byte)0, .. o];
            });
        }

        output.WriteLine($"Open: {opened} authentic, {refused} forged");
        d.AssertAgreed(Inputs, output, "ChaCha20Poly1305Open");
        Assert.True(refused > Inputs / 3 && opened > Inputs / 3);
    }

    [SkippableFact]
    public void Open_EveryForgedTagBit_RefusedOnBothBackendsWithOutputZeroed()
    {
        var native = Backends.RequireNative();
        var r = new RandomInputs(1423);
        var key = r.Bytes(32);
        var nonce = r.Bytes(12);
        var message = r.Bytes(100);
        var sealedMessage = new byte[message.Length + 16];
        native.ChaCha20Poly1305Seal(key, nonce, null, message, 0, message.Length, sealedMessage, 0);
        foreach (var backend in new[] { Backends.Managed, native })
        {
            Assert.True(backend.ChaCha20Poly1305Open(key, nonce, null, sealedMessage, 0, sealedMessage.Length, new byte[message.Length], 0));
            for (var bit = 0; bit < 128; bit++)
            {
                var forged = (byte[])sealedMessage.Clone();
                forged[message.Length + bit / 8] ^= (byte)(1 << (bit % 8));
                var o = Enumerable.Repeat((byte)0xA5, message.Length).ToArray();
                Assert.False(backend.ChaCha20Poly1305Open(key, nonce, null, forged, 0, forged.Length, o, 0), $"tag bit {bit}");
                Assert.All(o, b => Assert.Equal(0, b));
            }

            // A message opened in place and refused leaves no ciphertext behind either.
            var inPlace = (byte[])sealedMessage.Clone();
            inPlace[0] ^= 0x80;
            Assert.False(backend.ChaCha20Poly1305Open(key, nonce, null, inPlace, 0, inPlace.Length, inPlace, 0));
            Assert.All(inPlace.AsSpan(0, message.Length).ToArray(), b => Assert.Equal(0, b));
        }
    }

    [SkippableFact]
    public void SealAndOpen_BadSizesAndShiftedOverlap_RejectedAlikeOnBothBackends()
    {
        var d = new Differential(Backends.RequireNative());
        var key = new byte[32];
        var nonce = new byte[12];
        var buffer = new byte[64];
        d.Check("short key", b => { b.ChaCha20Poly1305Seal(new byte[31], nonce, null, buffer, 0, 10, new byte[26], 0); return []; });
        d.Check("long nonce", b => { b.ChaCha20Poly1305Seal(key, new byte[13], null, buffer, 0, 10, new byte[26], 0); return []; });
        d.Check("null key", b => { b.ChaCha20Poly1305Seal(null!, nonce, null, buffer, 0, 10, new byte[26], 0); return []; });
        d.Check("output short", b => { b.ChaCha20Poly1305Seal(key, nonce, null, buffer, 0, 10, new byte[25], 0); return []; });
        d.Check("shifted overlap", b => { b.ChaCha20Poly1305Seal(key, nonce, null, buffer, 0, 10, buffer, 1); return []; });
        d.Check("open shorter than a tag", b => { b.ChaCha20Poly1305Open(key, nonce, null, buffer, 0, 15, new byte[0], 0); return []; });
        d.Check("open output short", b => { b.ChaCha20Poly1305Open(key, nonce, null, buffer, 0, 40, new byte[23], 0); return []; });
        d.AssertAgreed(7, output, "ChaCha20Poly1305 argument checks");
        Assert.Equal(7, d.Errors);
    }
}
