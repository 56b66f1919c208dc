namespace CardFirmware.Native.Tests;

/// <summary>Seeded random inputs with the edge values that break modular code most often.</summary>
public sealed class RandomInputs(int seed)
{
    private static readonly byte[] N = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");

    private readonly Random random = new(seed);

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    public byte[] Bytes(int length)
    {
        var b = new byte[length];
        random.NextBytes(b);
        return b;
    }

    /// <summary>A scalar below n: mostly uniform, one in eight an edge value (0, 1, 2, n-1, n-2, 2^255, sparse).</summary>
    public byte[] Scalar()
    {
        if (random.Next(8) != 0)
        {
            var s = Bytes(32);
            s[0] &= 0x7F; // below 2^255 < n
            if (random.Next(2) == 0)
            {
                s[0] |= 0x80;
                return BelowN(s);
            }

            return s;
        }

        return Edge(random.Next(7));
    }

    /// <summary>Any 32 bytes: one in four at or above n (n itself, n+1, 2^256-1 or random above n).</summary>
    public byte[] AnyScalar()
    {
        switch (random.Next(16))
        {
            case 0: return (byte[])N.Clone();
            case 1: return Add(N, 1);
            case 2: return Enumerable.Repeat((byte)0xFF, 32).ToArray();
            case 3:
                var above = Bytes(32);
                Array.Copy(N, above, 16);
                above[16] = 0xFF;
                return above;
            default: return Scalar();
        }
    }

    /// <summary>count scalars one after another.</summary>
    public byte[] ScalarVector(int count)
    {
        var v = new byte[32 * count];
        for (var i = 0; i < count; i++)
        {
            Scalar().CopyTo(v, 32 * i);
        }

        return v;
    }

    private byte[] BelowN(byte[] s) => s.AsSpan().SequenceCompareTo(N) < 0 ? s : Edge(3);

    private byte[] Edge(int which)
    {
        var s = new byte[32];
        switch (which)
        {
            case 0: break;
            case 1: s[31] = 1; break;
            case 2: s[31] = 2; break;
            case 3: s = Add(N, -1); break;
            case 4: s = Add(N, -2); break;
            case 5: s[0] = 0x80; break;
            default: s[random.Next(32)] = (byte)(1 << random.Next(8)); break;
        }

        return s;
    }

    private static byte[] Add(byte[] x, int delta)
    {
        var v = new System.Numerics.BigInteger(x, isUnsigned: true, isBigEndian: true) + delta;
        var b = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var r = new byte[32];
        b.AsSpan(Math.Max(0, b.Length - 32)).CopyTo(r.AsSpan(32 - Math.Min(32, b.Length)));
        return r;
    }
}
