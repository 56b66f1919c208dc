using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>What both signers did in one tampered signing run.</summary>
internal sealed class SignTamperOutcome
{
    public required SignParty[] Parties { get; init; }

    /// <summary>The key share index of each signer, in the order of <see cref="Parties"/>.</summary>
    public required int[] Index { get; init; }

    public required byte[]?[] Signatures { get; init; }

    public required ThresholdException?[] Errors { get; init; }

    /// <summary>The step (1 Start, 2 Round2, 3 Presign, 4 SignHash, 5 Combine) in which each signer aborted, 0 if it did not.</summary>
    public required int[] AbortedAtStep { get; init; }

    /// <summary>Sent[(round, sender index)]: the message as delivered (after tampering).</summary>
    public required Dictionary<(int Round, int From), byte[]> Sent { get; init; }

    public int Position(int index) => Array.IndexOf(Index, index);
}

/// <summary>
/// Runs a signer pair with one message altered on its way from the signer with index <c>from</c> to its peer.
/// Both signers run each step side by side and every message goes to the peer whatever its header now says;
/// after a step in which a signer aborted nothing more is delivered (the session ends for both).
/// </summary>
internal static class SignTamperRun
{
    public const int Combine = 5;

    public static SignTamperOutcome Run(Harness.SignPair pair, int[] index, byte[] hash, int round, int from, Func<byte[], byte[]> tamper)
    {
        var o = new SignTamperOutcome
        {
            Parties = new[] { pair.A, pair.B },
            Index = index,
            Signatures = new byte[]?[2],
            Errors = new ThresholdException?[2],
            AbortedAtStep = new int[2],
            Sent = new Dictionary<(int Round, int From), byte[]>(),
        };
        byte[]?[] inbox = new byte[]?[2];
        for (int step = 1; step <= Combine; step++)
        {
            var outbox = new byte[]?[2];
            for (int p = 0; p < 2; p++)
            {
                var party = o.Parties[p];
                var received = new[] { inbox[p]! };
                try
                {
                    switch (step)
                    {
                        case 1: outbox[p] = party.Start()[0]; break;
                        case 2: outbox[p] = party.Round2(received)[0]; break;
                        case 3: party.Presign(received); break;
                        case 4: outbox[p] = party.SignHash(hash)[0]; break;
                        default: o.Signatures[p] = party.Combine(received); break;
                    }
                }
                catch (ThresholdException e)
                {
                    o.Errors[p] = e;
                    o.AbortedAtStep[p] = step;
                }
            }

            if (o.AbortedAtStep.Any(s => s != 0))
            {
                break;
            }

            if (outbox[0] != null)
            {
                int messageRound = step == 4 ? 3 : step;
                for (int p = 0; p < 2; p++)
                {
                    var m = messageRound == round && index[p] == from ? tamper(outbox[p]!) : outbox[p]!;
                    o.Sent[(messageRound, index[p])] = m;
                    inbox[1 - p] = m;
                }
            }
        }

        return o;
    }

    /// <summary>
    /// Asserts what both signers did after the round-<paramref name="round"/> message from <paramref name="from"/>
    /// to <paramref name="to"/> was altered; returns the receiver's abort for the caller's reason checks.
    /// </summary>
    public static ThresholdException AssertAbortsWithoutSignature(SignTamperOutcome o, int round, int from, int to, byte[] publicKey, byte[] hash)
    {
        int r = o.Position(to);
        int s = o.Position(from);

        // The receiver always aborts and releases nothing; the abort carries a reason and culprit only, and the
        // aborted signer refuses every further call, so it emits no signature share and no signature afterwards.
        var ex = o.Errors[r];
        Assert.NotNull(ex);
        Assert.Null(o.Signatures[r]);
        Assert.Equal(PartyState.Aborted, o.Parties[r].State);
        Assert.Equal(ex.Reason, o.Parties[r].AbortReason);
        Assert.Equal(ex.Culprit, o.Parties[r].AbortCulprit);
        Mutator.AssertFixedText(ex);
        Assert.Equal(ThresholdError.InvalidState, Assert.Throws<ThresholdException>(() => o.Parties[r].SignHash(hash)).Reason);
        Assert.Equal(ThresholdError.InvalidState, Assert.Throws<ThresholdException>(() => o.Parties[r].Combine(Array.Empty<byte[]>())).Reason);
        Assert.Equal(ex.Reason, o.Parties[r].AbortReason);

        if (ex.Reason == ThresholdError.InvalidSignature)
        {
            // Only the final signature check catches an altered ψ (round 2) or u, w (round 3).
            Assert.Equal(Combine, o.AbortedAtStep[r]);
            Assert.NotEqual(1, round);
        }

        if (round == 3)
        {
            // The sender received intact values in the same last step and releases the signature it was asked
            // for, which verifies: the tampering only denies the receiver its copy.
            Assert.Equal(Combine, o.AbortedAtStep[r]);
            Assert.Null(o.Errors[s]);
            Assert.True(Harness.BouncyVerify(publicKey, hash, o.Signatures[s]!));
            Assert.True(Harness.IsLowS(o.Signatures[s]!));
        }
        else if (ex.Reason == ThresholdError.InvalidSignature)
        {
            // The receiver's own round-3 values were computed with the altered ψ, so the sender's combination
            // fails too and blames the receiver: neither releases a signature.
            Assert.Equal(ThresholdError.InvalidSignature, o.Errors[s]?.Reason);
            Assert.Equal(to, o.Errors[s]!.Culprit);
            Assert.Null(o.Signatures[s]);
        }
        else
        {
            // Caught before any signature: the sender finished the same step without complaint and, as nothing
            // more is delivered, has no signature either.
            Assert.Null(o.Errors[s]);
            Assert.Null(o.Signatures[s]);
            Assert.NotEqual(PartyState.Aborted, o.Parties[s].State);
            Assert.NotEqual(PartyState.Done, o.Parties[s].State);
        }

        return ex;
    }
}
