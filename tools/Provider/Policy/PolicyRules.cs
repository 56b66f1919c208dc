using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Storage;

namespace CardFirmware.Provider.Policy;

/// <summary>
/// The rules a signing request with the phone and the provider (no card) must pass, in the order they are checked;
/// every limit is inclusive (an amount equal to a limit passes). Card and phone never ask the provider; card and
/// provider are judged by the card's approval (<see cref="Engine.ProviderEngine"/>).
/// </summary>
public static class PolicyRules
{
    /// <summary>Seconds in the daily limit's sliding window.</summary>
    public const long Day = 24 * 60 * 60;

    /// <summary>
    /// Judges <paramref name="tx"/> under <paramref name="policy"/> at <paramref name="now"/> (Unix seconds):
    /// per-transaction limit, allowlist, daily limit over the last 24 hours (sessions not aborted), then the time
    /// delay above the threshold (the first request of this hash starts the clock).
    /// </summary>
    public static Decision JudgePhoneAndProvider(ProviderPolicy policy, ProviderTransaction tx, byte[] hash, long now, ISpendLedger ledger)
    {
        if (tx.Amount > policy.PerTransactionLimit)
        {
            return Decision.Refuse("policy.per-transaction", "The amount is over the per-transaction limit.");
        }

        if (policy.Allowlist.Length > 0 && !policy.Allowlist.Any(d => d.AsSpan().SequenceEqual(tx.Destination)))
        {
            return Decision.Refuse("policy.destination", "The destination is not on the allowlist.");
        }

        var spent = (ulong)ledger.SpentSince(now - Day + 1);
        if (spent + tx.Amount > policy.DailyLimit || spent + tx.Amount < spent)
        {
            return Decision.Refuse("policy.daily-limit", "The amount would take the last 24 hours over the daily limit.");
        }

        if (tx.Amount > policy.DelayThreshold)
        {
            var first = ledger.FirstAsked(hash, now);
            if (now - first < policy.DelaySeconds)
            {
                return Decision.Refuse("policy.time-delay", "Above the delay threshold: ask again from " + (first + policy.DelaySeconds) + " (Unix seconds).");
            }
        }

        return Decision.Allow;
    }
}
