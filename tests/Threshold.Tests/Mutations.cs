namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>Ways an attacker on the wire changes one message (header: 41 bytes, see Wire.cs).</summary>
public enum Mutation
{
    FlipFirstBodyByte,
    FlipMiddleBodyByte,
    FlipLastBodyByte,
    FlipQuarterBodyByte,
    FlipThreeQuarterBodyByte,
    Truncate,
    AppendByte,
    ReplayFromOtherSession,
    ReplayBodyUnderThisSession,
    ReorderOtherRound,
    SubstituteWrongAddressee,
    WrongVersion,
}

internal static class Mutator
{
    public const int Header = 41;

    /// <summary>Applies <paramref name="m"/> to <paramref name="message"/>; <paramref name="other"/> is the same
    /// sender's message of the same round in another session, <paramref name="otherRound"/> one of another round.</summary>
    public static byte[] Apply(Mutation m, byte[] message, byte[] other, byte[] otherRound)
    {
        var x = (byte[])message.Clone();
        int body = x.Length - Header;
        switch (m)
        {
            case Mutation.FlipFirstBodyByte: x[Header] ^= 0x01; return x;
            case Mutation.FlipMiddleBodyByte: x[Header + body / 2] ^= 0x10; return x;
            case Mutation.FlipLastBodyByte: x[^1] ^= 0x80; return x;
            case Mutation.FlipQuarterBodyByte: x[Header + body / 4] ^= 0x04; return x;
            case Mutation.FlipThreeQuarterBodyByte: x[Header + 3 * body / 4] ^= 0x40; return x;
            case Mutation.Truncate: return x[..^1];
            case Mutation.AppendByte: return [.. x, 0];
            case Mutation.ReplayFromOtherSession: return (byte[])other.Clone();
            case Mutation.ReplayBodyUnderThisSession:
            {
                var y = (byte[])other.Clone();
                Array.Copy(message, 5, y, 5, 32);
                return y;
            }

            case Mutation.ReorderOtherRound:
            {
                var y = (byte[])otherRound.Clone();
                Array.Copy(message, 5, y, 5, 32);
                return y;
            }

            case Mutation.SubstituteWrongAddressee:
                (x[3], x[4]) = (x[4], x[3]);
                return x;
            case Mutation.WrongVersion: x[0] = 2; return x;
            default: throw new ArgumentOutOfRangeException(nameof(m));
        }
    }

    public static IEnumerable<object[]> RoundsTimesMutationsTimesSenders(int rounds, int senders)
    {
        for (int r = 1; r <= rounds; r++)
        {
            foreach (Mutation m in Enum.GetValues<Mutation>())
            {
                for (int sender = 1; sender <= senders; sender++)
                {
                    yield return new object[] { r, m, sender };
                }
            }
        }
    }
}
