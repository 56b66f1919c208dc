namespace CardFirmware.Crypto.Threshold.Tests;

public class CancelTests
{
    [Fact]
    public void Dkg_CancelledMidRun_IsAbortedAndRefusesTheNextRound()
    {
        var party = new DkgParty(2, 1, Harness.Sid(41), new TestRandom(41));
        party.Start();

        party.Cancel();

        Assert.Equal(PartyState.Aborted, party.State);
        Assert.Throws<ThresholdException>(() => party.Round2([new byte[64]]));
    }

    [Fact]
    public void Sign_CancelledAfterStart_IsAbortedAndRefusesTheNextRound()
    {
        var shares = Harness.Dkg(2, 42);
        var party = new SignParty(shares[0], [1, 2], Harness.Sid(43), null, new TestRandom(43));
        party.Start();

        party.Cancel();

        Assert.Equal(PartyState.Aborted, party.State);
        Assert.Throws<ThresholdException>(() => party.Round2([new byte[64]]));
    }

    [Fact]
    public void Cancel_OnAFreshParty_AbortsIt()
    {
        var party = new DkgParty(2, 2, Harness.Sid(44), new TestRandom(44));

        party.Cancel();

        Assert.Equal(PartyState.Aborted, party.State);
        Assert.Throws<ThresholdException>(() => party.Start());
    }
}
