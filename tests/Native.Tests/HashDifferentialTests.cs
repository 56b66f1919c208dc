using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>SHA-256 and HMAC-SHA256 entry points: 10,000 random inputs each, native against managed.</summary>
public sealed class HashDifferentialTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;

    [SkippableFact]
    public void Sha256_RandomMessagesAndOffsets_AgreeWithManaged()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1401);
        for (var i = 0; i < Inputs; i++)
        {
            var data = r.Bytes(r.Next(300));
            var offset = r.Next(data.Length + 1);
            var count = r.Next(data.Length - offset + 1);
            d.Check($"case {i}", b =>
            {
                var o = new byte[40];
                b.Sha256(data, offset, count, o, 8);
                return o;
            });
        }

        d.AssertAgreed(Inputs, output, "Sha256");
    }

    [SkippableFact]
    public void Sha256Many_RandomBatches_AgreeWithManaged()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1402);
        var messages = 0;
        while (messages < Inputs)
        {
            var count = 1 + r.Next(64);
            var length = r.Next(130);
            var data = r.Bytes(count * length);
            d.Check($"{count} x {length}", b =>
            {
                var o = new byte[32 * count];
                b.Sha256Many(data, length, count, o);
                return o;
            });
            messages += count;
        }

        output.WriteLine($"Sha256Many: {messages} messages");
        d.AssertAgreed(d.Cases, output, "Sha256Many batches");
        Assert.True(messages >= Inputs);
    }

    [SkippableFact]
    public void Sha256Expand_RandomPrefixesAndLengths_AgreeWithManaged()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1403);
        for (var i = 0; i < Inputs; i++)
        {
            var prefix = r.Bytes(r.Next(100));
            var length = i % 100 == 0 ? 8192 : r.Next(400);
            d.Check($"case {i}", b =>
            {
                var o = new byte[length + 3];
                b.Sha256Expand(prefix, prefix.Length, o, 3, length);
                return o;
            });
        }

        d.AssertAgreed(Inputs, output, "Sha256Expand");
    }

    [SkippableFact]
    public void HmacSha256_RandomKeysAndMessages_AgreeWithManaged()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1404);
        for (var i = 0; i < Inputs; i++)
        {
            var key = r.Bytes(r.Next(150));
            var data = r.Bytes(r.Next(200));
            var offset = r.Next(data.Length + 1);
            d.Check($"case {i}", b =>
            {
                var o = new byte[32];
                b.HmacSha256(key, data, offset, data.Length - offset, o, 0);
                return o;
            });
        }

        d.AssertAgreed(Inputs, output, "HmacSha256");
    }

    [SkippableFact]
    public void Sha256Expand_LongerThan256Blocks_RejectedByBoth()
    {
        var d = new Differential(Backends.RequireNative());
        d.Check("8193 bytes", b =>
        {
            var o = new byte[8193];
            b.Sha256Expand([1, 2, 3], 3, o, 0, 8193);
            return o;
        });
        d.AssertAgreed(1, output, "Sha256Expand too long");
        Assert.Equal(1, d.Errors);
    }
}
