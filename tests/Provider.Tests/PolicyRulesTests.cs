using System.Text;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Policy;
using CardFirmware.Provider.Storage;

namespace CardFirmware.Provider.Tests;

/// <summary>The phone-and-provider rules at their edges, against a ledger the test sets (no database).</summary>
public sealed class PolicyRulesTests
{
    private static readonly byte[] Hash = new byte[32];
    private static readonly ProviderPolicy Policy = new(100, 250, 50, 600, [Encoding.ASCII.GetBytes("ok")]);

    private sealed class Ledger(long spent, long firstAsked) : ISpendLedger
    {
        public long Since { get; private set; }

        public long SpentSince(long since)
        {
            Since = since;
            return spent;
        }

        public long FirstAsked(byte[] hash, long now) => firstAsked;
    }

    private static string Judge(ulong amount, long spent = 0, long firstAsked = 1_000, long now = 1_000, string to = "ok") =>
        PolicyRules.JudgePhoneAndProvider(Policy, new ProviderTransaction(amount, Encoding.ASCII.GetBytes(to)), Hash, now, new Ledger(spent, firstAsked)).Reason;

    [Theory]
    [InlineData(100UL, 0L, "allowed")]
    [InlineData(101UL, 0L, "policy.per-transaction")]
    [InlineData(50UL, 200L, "allowed")]
    [InlineData(50UL, 201L, "policy.daily-limit")]
    public void Limits_AcceptTheirValue_RefuseOneMore(ulong amount, long spent, string expected) =>
        Assert.Equal(expected, Judge(amount, spent, firstAsked: 0, now: 1_000));

    [Fact]
    public void Allowlist_RefusesAnUnlistedDestination_EvenWithinLimits() =>
        Assert.Equal("policy.destination", Judge(1, to: "ko"));

    [Theory]
    [InlineData(50UL, 1_000L, "allowed")]
    [InlineData(51UL, 1_000L, "policy.time-delay")]
    [InlineData(51UL, 1_599L, "policy.time-delay")]
    [InlineData(51UL, 1_600L, "allowed")]
    public void TimeDelay_StartsAboveTheThreshold_AndEndsAfterExactlyTheDelay(ulong amount, long now, string expected) =>
        Assert.Equal(expected, Judge(amount, firstAsked: 1_000, now: now));

    [Fact]
    public void DailyWindow_IsTheLast24Hours()
    {
        var ledger = new Ledger(0, 0);
        PolicyRules.JudgePhoneAndProvider(Policy, new ProviderTransaction(1, "ok"u8.ToArray()), Hash, 100_000, ledger);
        Assert.Equal(100_000 - PolicyRules.Day + 1, ledger.Since);
    }

    [Fact]
    public void PolicyEncoding_RoundTrips_AndRejectsTrailingBytes()
    {
        var bytes = Policy.Encode();
        var back = ProviderPolicy.Decode(bytes);
        Assert.Equal(bytes, back.Encode());
        Assert.Throws<FormatException>(() => ProviderPolicy.Decode([.. bytes, 0]));
        Assert.Throws<FormatException>(() => ProviderTransaction.Decode([1, 0, 0, 0, 0, 0, 0, 0, 1, 0]));
    }
}
