using CardFirmware.Host.Hybrid;

namespace CardFirmware.ProviderLoad;

/// <summary>
/// The drills' phone client of one session: resumes a call the provider did not answer (connection refused or
/// reset, a timeout, a 5xx: a node being killed and restarted) with capped exponential backoff and jitter, for up
/// to <see cref="Budget"/> from the call's start, then throws the last failure. Resuming is safe because every call
/// is idempotent (<see cref="IProviderParty"/>). It records what happened to its session: how many calls it
/// resumed, whether an abort reached the provider. <see cref="VanishAtRound"/> simulates a phone that disappears
/// mid-session: that round is never sent and nothing after it, not even the abort, so only the provider's expiry
/// can end the session.
/// </summary>
public sealed class ResumingProviderParty(IProviderParty inner) : IProviderParty
{
    /// <summary>The first wait; it doubles per failed try up to <see cref="MaxDelay"/>, and each wait is drawn uniformly from its upper half.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long one call is resumed; keep it below the provider's session timeout, which each committed round restarts.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The round before which the phone vanishes (0: it does not).</summary>
    public int VanishAtRound { get; init; }

    /// <summary>How many times a call of this session was sent again after the provider did not answer.</summary>
    public int Resumes { get; private set; }

    /// <summary>Whether an abort of this session was answered (aborted, or found already ended).</summary>
    public bool AbortAnswered { get; private set; }

    /// <summary>Whether an abort of this session could not reach the provider within the budget.</summary>
    public bool AbortUnreachable { get; private set; }

    public bool Vanished { get; private set; }

    public byte[] PublicKey => inner.PublicKey;

    public byte[] Open(ProviderSession session) => Resume(() => inner.Open(session));

    public byte[]?[] Round(byte[] handle, int round, byte[]?[] inbox)
    {
        if (round == VanishAtRound || Vanished)
        {
            Vanished = true;
            throw new ClientVanishedException();
        }

        return Resume(() => inner.Round(handle, round, inbox));
    }

    public void Abort(byte[] handle)
    {
        if (Vanished)
        {
            return;
        }

        try
        {
            Resume(() =>
            {
                inner.Abort(handle);
                return 0;
            });
            AbortAnswered = true;
        }
        catch (ProviderRefusedException)
        {
            AbortAnswered = true;
            throw;
        }
        catch (Exception e) when (Transient(e))
        {
            AbortUnreachable = true;
            throw;
        }
    }

    /// <summary>A failure that says nothing about the request (the provider did not answer it), so resending it is the remedy.</summary>
    public static bool Transient(Exception e) =>
        e is HttpRequestException or TaskCanceledException || e is ProviderRefusedException r && r.Reason.StartsWith("http.5", StringComparison.Ordinal);

    private T Resume<T>(Func<T> call)
    {
        var until = DateTime.UtcNow + Budget;
        var ceiling = FirstDelay;
        while (true)
        {
            try
            {
                return call();
            }
            catch (Exception e) when (Transient(e) && DateTime.UtcNow < until)
            {
                Resumes++;
                Thread.Sleep(ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble());
                ceiling = ceiling * 2 < MaxDelay ? ceiling * 2 : MaxDelay;
            }
        }
    }
}

/// <summary>Thrown by <see cref="ResumingProviderParty"/> when its simulated phone vanishes mid-session.</summary>
public sealed class ClientVanishedException() : Exception("The phone vanished mid-session.");
