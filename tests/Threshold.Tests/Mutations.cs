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

    /// <summary>
    /// Asserts the reason a mutation must give whatever it hits: a wrong length, session, round, addressee or
    /// version is caught from the header and length, before the body is read.
    /// </summary>
    public static void AssertReasonFits(Mutation m, ThresholdError reason)
    {
        switch (m)
        {
            case Mutation.Truncate:
            case Mutation.AppendByte:
                Assert.Equal(ThresholdError.MalformedMessage, reason);
                break;
            case Mutation.ReplayFromOtherSession:
                Assert.Equal(ThresholdError.WrongSession, reason);
                break;
            case Mutation.ReorderOtherRound:
            case Mutation.SubstituteWrongAddressee:
                Assert.Equal(ThresholdError.UnexpectedMessage, reason);
                break;
            case Mutation.WrongVersion:
                Assert.Equal(ThresholdError.UnsupportedVersion, reason);
                break;
        }
    }

    /// <summary>An abort carries only a reason and a culprit: fixed text, no inner exception, no data.</summary>
    public static void AssertFixedText(ThresholdException ex)
    {
        Assert.Equal("threshold protocol aborted", ex.Message);
        Assert.Null(ex.InnerException);
    }

    /// <summary>
    /// Runs <paramref name="check"/> for every item and fails once at the end with every item that failed
    /// (one theory case covers all messages of a round and mutation without hiding a second failure).
    /// </summary>
    public static void CheckEach<T>(IEnumerable<T> items, Action<T> check)
    {
        var failures = new List<string>();
        foreach (var item in items)
        {
            try
            {
                check(item);
            }
            catch (Exception e)
            {
                failures.Add($"{item}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Every ordered (sender, receiver) pair of distinct parties among <paramref name="parties"/>.</summary>
    public static IEnumerable<(int From, int To)> OrderedPairs(int parties)
    {
        return from i in Enumerable.Range(1, parties) from j in Enumerable.Range(1, parties) where i != j select (i, j);
    }

    public static IEnumerable<object[]> RoundsTimesMutations(int rounds)
    {
        for (int r = 1; r <= rounds; r++)
        {
            foreach (Mutation m in Enum.GetValues<Mutation>())
            {
                yield return new object[] { r, m };
            }
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
