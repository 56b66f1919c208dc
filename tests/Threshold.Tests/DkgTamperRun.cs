using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// An honest key generation or refresh among all parties, with every message and every party's state after each
/// call (Start, Round2, Round3, Finish) kept as a checkpoint for <see cref="DkgTamperRun"/>.
/// </summary>
public sealed class RecordedDkgRun
{
    public const int Calls = 4;

    public RecordedDkgRun(DkgParty[] parties)
    {
        Parties = parties.Length;
        Checkpoints = new DkgParty[Calls + 1][];
        Messages = new Dictionary<(int From, int To), byte[]>[Calls];
        Shares = new KeyShare[Parties];
        for (int call = 1; call <= Calls; call++)
        {
            var sent = new Dictionary<(int From, int To), byte[]>();
            for (int i = 1; i <= Parties; i++)
            {
                var (outbox, share) = DkgTamperRun.Call(parties[i - 1], call, call == 1 ? null : Inbox(call, i));
                DkgTamperRun.Post(sent, Parties, i, outbox);
                if (share != null)
                {
                    Shares[i - 1] = share;
                }
            }

            if (call < Calls)
            {
                Messages[call] = sent;
            }

            Checkpoints[call] = parties.Select(Fork.Of).ToArray();
        }
    }

    public int Parties { get; }

    /// <summary>Checkpoints[c][i - 1]: party i after its call c.</summary>
    public DkgParty[][] Checkpoints { get; }

    /// <summary>Messages[r][(i, j)]: the round-r message from party i to party j.</summary>
    public Dictionary<(int From, int To), byte[]>[] Messages { get; }

    public KeyShare[] Shares { get; }

    /// <summary>What party <paramref name="to"/> received for its call <paramref name="call"/> (round call − 1), in peer order.</summary>
    public byte[][] Inbox(int call, int to)
    {
        return DkgTamperRun.InboxOf(Messages[call - 1], Parties, to);
    }
}

/// <summary>
/// The runs a tamper test class replays, recorded once: a key generation among <c>parties</c> parties and a
/// refresh of its key, plus another session of each (same parties, other session id and randomness) whose
/// messages the replay and reorder mutations substitute.
/// </summary>
public abstract class DkgRecordings
{
    protected DkgRecordings(int parties, int seed)
    {
        Dkg = new RecordedDkgRun(NewKey(parties, seed + 1, 0));
        OtherDkg = new RecordedDkgRun(NewKey(parties, seed, 10));
        Refresh = new RecordedDkgRun(Refreshing(Dkg.Shares, seed + 5, 20));
        OtherRefresh = new RecordedDkgRun(Refreshing(Dkg.Shares, seed + 4, 30));
        if (parties > 2)
        {
            Recovery = new RecordedDkgRun(Harness.RecoveryParties(Dkg.Shares.Select(Fork.Of).ToArray(), 1, Harness.Sid(seed + 7), 40));
            OtherRecovery = new RecordedDkgRun(Harness.RecoveryParties(Dkg.Shares.Select(Fork.Of).ToArray(), 1, Harness.Sid(seed + 6), 50));
        }
    }

    public RecordedDkgRun Dkg { get; }

    public RecordedDkgRun OtherDkg { get; }

    public RecordedDkgRun Refresh { get; }

    public RecordedDkgRun OtherRefresh { get; }

    /// <summary>The recovery of party 1's share by the others (null with two parties: nothing to recover from).</summary>
    public RecordedDkgRun? Recovery { get; }

    public RecordedDkgRun? OtherRecovery { get; }

    private static DkgParty[] NewKey(int parties, int session, int seed)
    {
        var sid = Harness.Sid(session);
        return Enumerable.Range(1, parties).Select(i => new DkgParty(parties, i, sid, new TestRandom(seed + i))).ToArray();
    }

    private static DkgParty[] Refreshing(KeyShare[] shares, int session, int seed)
    {
        var sid = Harness.Sid(session);
        return shares.Select(s => DkgParty.ForRefresh(Fork.Of(s), sid, new TestRandom(seed + s.Index))).ToArray();
    }
}

/// <summary>What every party did in one tampered run.</summary>
internal sealed class DkgTamperOutcome
{
    public required DkgParty[] Parties { get; init; }

    public required KeyShare?[] Shares { get; init; }

    /// <summary>The exception each party's own call threw (null if it did not abort).</summary>
    public required ThresholdException?[] Errors { get; init; }

    /// <summary>The call (1..4) in which each party aborted, 0 if it did not.</summary>
    public required int[] AbortedAtCall { get; init; }

    /// <summary>The last call made; after a call in which some party aborted the harness delivers nothing more.</summary>
    public int LastCall { get; set; }

    /// <summary>Sent[r]: the round-r messages the parties actually sent (after tampering).</summary>
    public required Dictionary<(int From, int To), byte[]>[] Sent { get; init; }
}

/// <summary>
/// Replays a recorded key generation with one message altered on its way from <c>from</c> to <c>to</c>, delivering
/// every message to the party it was sent to (by channel, whatever its header now says), all parties running each
/// call side by side, and delivering nothing more after a call in which any party aborted (a deployment ends the
/// session for everyone; the remaining parties never get the aborted party's next message).
/// </summary>
/// <remarks>
/// The parties and their random sources are deterministic, so a party whose state and inbox are exactly those of
/// the recorded run ends exactly in the recorded state: such a call is taken from the checkpoint rather than
/// recomputed (the base OTs cost about 0.3 s per party and round). Every other call runs for real on a
/// <see cref="Fork"/> of the party. <c>resume: false</c> recomputes every call (used to check the shortcut).
/// </remarks>
internal static class DkgTamperRun
{
    public static IEnumerable<int> Peers(int parties, int me)
    {
        return Enumerable.Range(1, parties).Where(j => j != me);
    }

    /// <summary>The messages of <paramref name="sent"/> addressed to <paramref name="to"/>, in peer order (absent senders skipped).</summary>
    public static byte[][] InboxOf(Dictionary<(int From, int To), byte[]> sent, int parties, int to)
    {
        return Peers(parties, to).Where(j => sent.ContainsKey((j, to))).Select(j => sent[(j, to)]).ToArray();
    }

    /// <summary>Runs call <paramref name="call"/> of <paramref name="p"/>: Start, Round2, Round3 or Finish.</summary>
    public static (byte[][]? Outbox, KeyShare? Share) Call(DkgParty p, int call, byte[][]? inbox)
    {
        switch (call)
        {
            case 1: return (p.Start(), null);
            case 2: return (p.Round2(inbox!), null);
            case 3: return (p.Round3(inbox!), null);
            case 4: return (null, p.Finish(inbox!));
            default: throw new ArgumentOutOfRangeException(nameof(call));
        }
    }

    /// <summary>Files party <paramref name="from"/>'s outbox (one message per peer, in peer order) by channel.</summary>
    public static void Post(Dictionary<(int From, int To), byte[]> sent, int parties, int from, byte[][]? outbox)
    {
        if (outbox == null)
        {
            return;
        }

        var to = Peers(parties, from).ToArray();
        Assert.Equal(to.Length, outbox.Length);
        for (int p = 0; p < to.Length; p++)
        {
            sent[(from, to[p])] = outbox[p];
        }
    }

    public static DkgTamperOutcome Run(RecordedDkgRun recorded, int round, int from, int to, Func<byte[], byte[]> tamper, bool resume = true)
    {
        int n = recorded.Parties;
        var o = new DkgTamperOutcome
        {
            Parties = recorded.Checkpoints[round].Select(Fork.Of).ToArray(),
            Shares = new KeyShare?[n],
            Errors = new ThresholdException?[n],
            AbortedAtCall = new int[n],
            Sent = new Dictionary<(int From, int To), byte[]>[RecordedDkgRun.Calls],
        };
        for (int r = 1; r <= round; r++)
        {
            o.Sent[r] = new Dictionary<(int From, int To), byte[]>(recorded.Messages[r]);
        }

        o.Sent[round][(from, to)] = tamper((byte[])recorded.Messages[round][(from, to)].Clone());
        var onRecordedPath = Enumerable.Repeat(resume, n).ToArray();
        for (int call = round + 1; call <= RecordedDkgRun.Calls; call++)
        {
            o.LastCall = call;
            var sent = new Dictionary<(int From, int To), byte[]>();
            for (int i = 1; i <= n; i++)
            {
                var inbox = InboxOf(o.Sent[call - 1], n, i);
                var recordedInbox = recorded.Inbox(call, i);
                if (onRecordedPath[i - 1] && inbox.Length == recordedInbox.Length && inbox.Zip(recordedInbox).All(x => x.First.AsSpan().SequenceEqual(x.Second)))
                {
                    o.Parties[i - 1] = Fork.Of(recorded.Checkpoints[call][i - 1]);
                    if (call < RecordedDkgRun.Calls)
                    {
                        foreach (var j in Peers(n, i))
                        {
                            sent[(i, j)] = recorded.Messages[call][(i, j)];
                        }
                    }
                    else
                    {
                        o.Shares[i - 1] = Fork.Of(recorded.Shares[i - 1]);
                    }

                    continue;
                }

                onRecordedPath[i - 1] = false;
                try
                {
                    var (outbox, share) = Call(o.Parties[i - 1], call, inbox);
                    Post(sent, n, i, outbox);
                    o.Shares[i - 1] = share;
                }
                catch (ThresholdException e)
                {
                    o.Errors[i - 1] = e;
                    o.AbortedAtCall[i - 1] = call;
                }
            }

            if (call < RecordedDkgRun.Calls)
            {
                o.Sent[call] = sent;
            }

            if (o.AbortedAtCall.Any(c => c != 0))
            {
                break;
            }
        }

        return o;
    }

    /// <summary>
    /// Tampers the round-<paramref name="round"/> message from <paramref name="from"/> to <paramref name="to"/> with
    /// <paramref name="mutation"/> (the other session supplies replays) and asserts what every party does.
    /// </summary>
    public static void AssertAbortsWithoutShare(RecordedDkgRun recorded, RecordedDkgRun otherSession, int round, Mutation mutation, int from, int to)
    {
        var other = otherSession.Messages[round][(from, to)];
        var otherRound = otherSession.Messages[(round % 3) + 1][(from, to)];
        var (ex, victim) = AssertAbortsWithoutShare(recorded, round, from, to, m => Mutator.Apply(mutation, m, other, otherRound));
        Mutator.AssertReasonFits(mutation, ex.Reason);
        if (victim == to)
        {
            // The header's sender is only a claim: with one peer every message is that peer's; with two, a message
            // naming a non-peer (after the swap: the receiver itself) cannot be attributed.
            Assert.Equal(mutation == Mutation.SubstituteWrongAddressee && recorded.Parties > 2 ? 0 : from, ex.Culprit);
        }
    }

    /// <summary>
    /// Replaces the round-<paramref name="round"/> message from <paramref name="from"/> to <paramref name="to"/> by
    /// <paramref name="tamper"/>'s result and asserts what every party does; returns the abort and the aborted party
    /// (the receiver's culprit is left to the caller).
    /// </summary>
    public static (ThresholdException Abort, int Victim) AssertAbortsWithoutShare(RecordedDkgRun recorded, int round, int from, int to, Func<byte[], byte[]> tamper)
    {
        var o = Run(recorded, round, from, to, tamper);
        int n = recorded.Parties;

        // Exactly one party aborts on a check of its own: the receiver of the tampered message, in the call that
        // reads it (an altered round-1 commitment only when it is opened, one call later). Altered base-OT receiver points (round 2) are the exception: the receiver cannot tell them
        // from honest ones, its seeds then disagree with the sender's, and the sender aborts on the receiver's
        // seed confirmation in Finish, blaming the receiver.
        int victim = Assert.Single(Enumerable.Range(1, n), i => o.AbortedAtCall[i - 1] != 0);
        var ex = o.Errors[victim - 1]!;
        var party = o.Parties[victim - 1];
        if (victim == to)
        {
            if (o.AbortedAtCall[victim - 1] == round + 2)
            {
                Assert.Equal(1, round);
                Assert.Equal(ThresholdError.CommitmentMismatch, ex.Reason);
            }
            else
            {
                Assert.Equal(round + 1, o.AbortedAtCall[victim - 1]);
            }
        }
        else
        {
            Assert.Equal(from, victim);
            Assert.Equal(2, round);
            Assert.Equal(4, o.AbortedAtCall[victim - 1]);
            Assert.Equal(ThresholdError.BaseOtCheckFailed, ex.Reason);
            Assert.Equal(to, ex.Culprit);
        }

        Assert.Equal(PartyState.Aborted, party.State);
        Assert.Equal(ex.Reason, party.AbortReason);
        Assert.Equal(ex.Culprit, party.AbortCulprit);
        Mutator.AssertFixedText(ex);

        // No party outputs a key share unless it finished in the same (last) call in which the victim aborted:
        // a party whose own confirmations were intact cannot learn of the abort (the unfair abort of any last
        // round), so the deployment must not use a new share before the whole session has reported success.
        Assert.Null(o.Shares[victim - 1]);
        for (int i = 1; i <= n; i++)
        {
            if (i == victim)
            {
                continue;
            }

            if (o.LastCall == RecordedDkgRun.Calls)
            {
                Assert.Equal(PartyState.Done, o.Parties[i - 1].State);
                Assert.NotNull(o.Shares[i - 1]);
                continue;
            }

            // Any other party (the sender, and with three parties the uninvolved one) finished its own call
            // without complaint, and its next call needs the aborted party's message, which never comes: with
            // only the messages that were sent it refuses to go on (missing message, blamed on nobody).
            Assert.Null(o.Shares[i - 1]);
            Assert.NotEqual(PartyState.Aborted, o.Parties[i - 1].State);
            var atHand = InboxOf(o.Sent[o.LastCall], n, i);
            Assert.Equal(n - 2, atHand.Length);
            var stuck = Assert.Throws<ThresholdException>(() => Call(o.Parties[i - 1], o.LastCall + 1, atHand));
            Assert.Equal(ThresholdError.MalformedMessage, stuck.Reason);
            Assert.Equal(0, stuck.Culprit);
            Assert.Equal(PartyState.Aborted, o.Parties[i - 1].State);
        }

        // The aborted party refuses every further call and keeps its reason, so it sends nothing more.
        for (int call = 1; call <= RecordedDkgRun.Calls; call++)
        {
            Assert.Equal(ThresholdError.InvalidState, Assert.Throws<ThresholdException>(() => Call(party, call, Array.Empty<byte[]>())).Reason);
        }

        Assert.Equal(ex.Reason, party.AbortReason);
        Assert.Equal(ex.Culprit, party.AbortCulprit);
        return (ex, victim);
    }
}
