using CardFirmware.Crypto.Threshold;
using CardFirmware.Fuzz.Rigs;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// The threshold protocol's messages (Wire envelope, WireReader fields, round bodies) as the card's
/// party receives them. Input: <c>protocol(1) | chunks</c>; protocol even = key generation (the card
/// is party 1 of 2: Round2, Round3, Finish take the chunks in turn), odd = signing with the recorded
/// key share (Round2, then Presign and SignHash). The card's randomness is seeded, so the recorded
/// honest phone's messages replay; each input starts from a copy of the party after its Start, or
/// after the rounds its leading honest messages take it through. Invariant: a refused message leaves the party Aborted (wiped)
/// and blames the phone or no one, never the card itself.
/// </summary>
internal sealed class ThresholdTarget : FuzzTarget
{
    // Each party after its first round, then after each further round fed the recorded honest
    // phone's message, prepared once: an input whose leading messages are those honest ones starts
    // from a copy of the deepest party they lead to, so its time goes to the first message that
    // differs (the party is deterministic: the same messages on the same seeded randomness give the
    // same state). Round 2 of the key generation alone (192 base-OT receptions) costs most of an
    // input that mutates round 3's message.
    private readonly Lazy<DkgParty[]> _keyGeneration = new(() =>
    {
        var party = new DkgParty(2, 1, ThresholdRig.DkgSessionId, ThresholdRig.CardRandom());
        party.Start();
        var afterStart = Snapshot.Copy(party);
        var honest = ThresholdRig.Honest.DkgPhoneRounds;
        party.Round2([honest[0]]);
        var afterRound2 = Snapshot.Copy(party);
        party.Round3([honest[1]]);
        return [afterStart, afterRound2, party];
    });

    private readonly Lazy<SignParty[]> _signing = new(() =>
    {
        var party = new SignParty(ThresholdRig.Honest.CardShare, [1, 2], ThresholdRig.SignSessionId, null, ThresholdRig.CardRandom());
        party.Start();
        var afterStart = Snapshot.Copy(party);
        party.Round2([ThresholdRig.Honest.SignPhoneRounds[0]]);
        return [afterStart, party];
    });

    public override string Name => "threshold";

    public override string Description => "DkgParty / SignParty round inputs (Wire.Open, WireReader, bodies) as party 1";

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var messages = Chunks.Split(input, 1);
        if ((input[0] & 1) == 0)
        {
            RunKeyGeneration(messages);
        }
        else
        {
            RunSigning(messages);
        }
    }

    private void RunKeyGeneration(List<byte[]> messages)
    {
        var prepared = _keyGeneration.Value;
        var honestRounds = HonestRounds(messages, ThresholdRig.Honest.DkgPhoneRounds, prepared.Length - 1);
        var party = Snapshot.Copy(prepared[honestRounds]);
        try
        {
            for (var round = honestRounds; round < messages.Count && round < 3; round++)
            {
                byte[][] inbox = [messages[round]];
                if (round == 0)
                {
                    party.Round2(inbox);
                }
                else if (round == 1)
                {
                    party.Round3(inbox);
                }
                else
                {
                    party.Finish(inbox).Clear();
                }
            }
        }
        catch (ThresholdException e)
        {
            CheckAborted(party.State, e);
            return;
        }

        party.Cancel();
    }

    private void RunSigning(List<byte[]> messages)
    {
        var prepared = _signing.Value;
        var honestRounds = HonestRounds(messages, ThresholdRig.Honest.SignPhoneRounds, prepared.Length - 1);
        var party = Snapshot.Copy(prepared[honestRounds]);
        try
        {
            for (var round = honestRounds; round < messages.Count && round < 2; round++)
            {
                byte[][] inbox = [messages[round]];
                if (round == 0)
                {
                    party.Round2(inbox);
                }
                else
                {
                    party.Presign(inbox);
                    party.SignHash(ThresholdRig.SignHash);
                }
            }
        }
        catch (ThresholdException e)
        {
            CheckAborted(party.State, e);
            return;
        }

        party.Cancel();
    }

    /// <summary>How many of <paramref name="messages"/>' leading messages (at most <paramref name="limit"/>) are the honest phone's, byte for byte.</summary>
    private static int HonestRounds(List<byte[]> messages, byte[][] honest, int limit)
    {
        var rounds = 0;
        while (rounds < limit && rounds < messages.Count && messages[rounds].AsSpan().SequenceEqual(honest[rounds]))
        {
            rounds++;
        }

        return rounds;
    }

    private static void CheckAborted(PartyState state, ThresholdException e)
    {
        if (state != PartyState.Aborted)
        {
            throw new FuzzFinding("A refused message left the party in state " + state + ".");
        }

        if (e.Culprit == 1)
        {
            throw new FuzzFinding("The card blamed itself for the phone's message (" + e.Reason + ").");
        }
    }

    public override IEnumerable<(string Name, byte[] Data)> Seeds()
    {
        var honest = ThresholdRig.Honest;
        for (var rounds = 1; rounds <= 3; rounds++)
        {
            yield return ("dkg-rounds" + rounds, Chunks.Join([0], honest.DkgPhoneRounds.Take(rounds)));
        }

        for (var rounds = 1; rounds <= 2; rounds++)
        {
            yield return ("sign-rounds" + rounds, Chunks.Join([1], honest.SignPhoneRounds.Take(rounds)));
        }
    }
}
