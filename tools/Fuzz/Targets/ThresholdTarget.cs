using CardFirmware.Crypto.Threshold;
using CardFirmware.Fuzz.Rigs;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// The threshold protocol's messages (Wire envelope, WireReader fields, round bodies) as the card's
/// party receives them. Input: <c>protocol(1) | chunks</c>; protocol even = key generation (the card
/// is party 1 of 2: Round2, Round3, Finish take the chunks in turn), odd = signing with the recorded
/// key share (Round2, then Presign and SignHash). The card's randomness is seeded, so the recorded
/// honest phone's messages replay; each input starts from a copy of the party after its Start. Invariant: a refused message leaves the party Aborted (wiped)
/// and blames the phone or no one, never the card itself.
/// </summary>
internal sealed class ThresholdTarget : FuzzTarget
{
    // Each party after its first round, prepared once: every input gets a deep copy (round one's
    // curve work would otherwise cost more than the parsing under test).
    private readonly Lazy<DkgParty> _keyGeneration = new(() =>
    {
        var party = new DkgParty(2, 1, ThresholdRig.DkgSessionId, ThresholdRig.CardRandom());
        party.Start();
        return party;
    });

    private readonly Lazy<SignParty> _signing = new(() =>
    {
        var party = new SignParty(ThresholdRig.Honest.CardShare, [1, 2], ThresholdRig.SignSessionId, null, ThresholdRig.CardRandom());
        party.Start();
        return party;
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
        var party = Snapshot.Copy(_keyGeneration.Value);
        try
        {
            for (var round = 0; round < messages.Count && round < 3; round++)
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
        var party = Snapshot.Copy(_signing.Value);
        try
        {
            for (var round = 0; round < messages.Count && round < 2; round++)
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
